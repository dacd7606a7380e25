package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import org.entrain.csv.CueCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.entrain.clock.Deadlines;
import org.entrain.clock.ManualNanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetSource;
import org.entrain.schedule.CueEngine;
import org.entrain.session.SessionHeader;
import org.entrain.session.SessionLogWriter;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class AnalyzeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return EntrainCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Cues from 'entrain plan' (100 bpm, 8 bars) and taps 38 ms ahead with a little alternation. */
    private Path[] cuesAndTaps() throws Exception {
        Path cues = dir.resolve("cues.csv");
        assertThat(run("plan", "--bpm", "100", "--bars", "8", "--csv", cues.toString())).isZero();
        List<String> lines = Files.readAllLines(cues);
        List<String> taps = new ArrayList<>();
        taps.add("index,time_s,strength,extra");
        for (int i = 1; i < lines.size(); i++) {
            double t = Double.parseDouble(lines.get(i).split(",")[4]);
            taps.add((i - 1) + "," + String.format(java.util.Locale.ROOT, "%.6f", t - 0.038 + (i % 2 == 0 ? 0.004 : -0.004))
                    + ",0.5,x");
        }
        Path tapFile = dir.resolve("taps.csv");
        Files.write(tapFile, taps);
        return new Path[] {cues, tapFile};
    }

    @Test
    void shouldAnalyzeTapsAndWriteJsonCsvAndReport() throws Exception {
        Path[] f = cuesAndTaps();
        Path json = dir.resolve("a.json");
        Path csv = dir.resolve("a.csv");
        Path report = dir.resolve("report");
        int code = run("analyze", "--cues", f[0].toString(), "--taps", f[1].toString(), "--json", json.toString(),
                "--csv", csv.toString(), "--report", report.toString(), "--skip", "2");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("cues 30, taps 30 (first 2 skipped): matched 30, missed 0, extra 0")
                .contains("On average the client was 38 ms ahead of the beat; synchrony very strong");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("n_cues").asInt()).isEqualTo(30);
        assertThat(j.get("mean_asynchrony_ms").asDouble()).isBetween(-38.5, -37.5);
        assertThat(j.get("phase_correction").has("alpha")).isTrue();
        assertThat(Files.readAllLines(csv)).hasSize(31);
        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).contains("ahead of the beat").contains("data:image/png;base64,");
        assertThat(report.resolve("phases.png")).exists();
        assertThat(report.resolve("asynchrony.png")).exists();
        assertThat(report.resolve("iti.png")).exists();
        assertThat(report.resolve("segments.png")).exists();
    }

    @Test
    void shouldNameAMissingFileAndExitTwo() {
        int code = run("analyze", "--cues", dir.resolve("nope.csv").toString(), "--taps", "t.csv");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("entrain: cue file '").contains("nope.csv' not found");
        assertThat(err.toString().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void shouldRejectABadWindowWithTheAllowedRange() throws Exception {
        Path[] f = cuesAndTaps();
        assertThat(run("analyze", "--cues", f[0].toString(), "--taps", f[1].toString(), "--window", "0.7")).isEqualTo(2);
        assertThat(err.toString()).contains("--window").contains("0.5").contains("0.7");
    }

    @Test
    void shouldRejectMalformedTapsInOneLine() throws Exception {
        Path[] f = cuesAndTaps();
        Files.writeString(f[1], "index,time_s,strength\n0,NaN,1\n");
        assertThat(run("analyze", "--cues", f[0].toString(), "--taps", f[1].toString())).isEqualTo(2);
        assertThat(err.toString()).contains("line 2").doesNotContain("Exception");
        assertThat(err.toString().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void shouldMeasureAClientFortyMillisecondsLateAsFortyMillisecondsLate() throws Exception {
        // Real hits 40 ms behind every cue, the cues on the speaker (70 ms latency, a room): the
        // cues found in the same recording are the markers, so the latency cancels.
        org.entrain.onset.RealHitMixes.Spec spec = new org.entrain.onset.RealHitMixes.Spec("late",
                org.entrain.onset.RealHitMixes.TUNING_HITS, 41, 0.8, 70, -40, 0.3, 1, 30, 6, 40, 0, false);
        Path cueCsv = dir.resolve("cue.csv");
        Path mixWav = dir.resolve("mix.wav");
        org.entrain.onset.RealHitMixes.Mix mix = DetectCommandTest.renderAndMix(dir, spec, this::run, dir.resolve("cue.wav"),
                cueCsv, mixWav);
        Path json = dir.resolve("a.json");

        assertThat(run("analyze", "--cues", cueCsv.toString(), "--audio", mixWav.toString(), "--json", json.toString()))
                .as(err.toString()).isEqualTo(0);

        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(n.get("latency_source").asText()).isEqualTo("cues-in-recording");
        assertThat(n.get("n_taps").asInt()).isEqualTo(mix.tapOnsetS().length);
        assertThat(n.get("n_extra").asInt()).isZero();
        assertThat(n.get("mean_asynchrony_ms").asDouble()).isCloseTo(40, org.assertj.core.api.Assertions.within(1.0));
        assertThat(n.get("cancellation").get("depth_count_in_db").asDouble()).isGreaterThan(15);
        assertThat(err.toString().lines()).as("stderr").isNotEmpty().allMatch(l -> l.startsWith("entrain: "));
        assertThat(err.toString()).startsWith("entrain: note: cues found in the recording: ");
    }

    @Test
    void shouldSayWithItsPrefixThatTheCuesWereNotHeard() throws Exception {
        // a recording without the cues (headphones): 12 s of near silence
        Path cueCsv = dir.resolve("cue.csv");
        assertThat(run("plan", "--bpm", "100", "--bars", "4", "--csv", cueCsv.toString())).isZero();
        byte[] pcm = new byte[2 * 44_100 * 12];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < pcm.length; i += 2) {
            pcm[i] = (byte) (random.nextInt(5) - 2);
            pcm[i + 1] = (byte) (pcm[i] < 0 ? -1 : 0);
        }
        Path wav = dir.resolve("quiet.wav");
        javax.sound.sampled.AudioFormat f = new javax.sound.sampled.AudioFormat(44_100f, 16, 1, true, false);
        javax.sound.sampled.AudioSystem.write(new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(pcm), f,
                pcm.length / 2), javax.sound.sampled.AudioFileFormat.Type.WAVE, wav.toFile());

        assertThat(run("analyze", "--cues", cueCsv.toString(), "--audio", wav.toString())).as(err.toString()).isEqualTo(0);

        assertThat(err.toString().lines()).as("stderr").isNotEmpty().allMatch(l -> l.startsWith("entrain: "));
        assertThat(err.toString()).startsWith("entrain: note: cues not heard in the recording (headphones?)");
    }

    @Test
    void shouldFindNoTapInARecordingOfTheCuesAlone() throws Exception {
        Path cueWav = dir.resolve("cue.wav");
        Path cueCsv = dir.resolve("cue.csv");
        assertThat(run("render", "--bpm", "100", "--bars", "25", "--wav", cueWav.toString(), "--cues", cueCsv.toString())).isZero();
        Path json = dir.resolve("a.json");

        assertThat(run("analyze", "--cues", cueCsv.toString(), "--audio", cueWav.toString(), "--json", json.toString()))
                .as(err.toString()).isEqualTo(0);

        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(n.get("n_taps").asInt()).isZero();
        assertThat(n.get("n_matched").asInt()).isZero();
        assertThat(n.get("n_missed").asInt()).isEqualTo(100);
    }

    @Test
    void shouldRejectAMissingRecordingInOneLine() throws Exception {
        Path[] f = cuesAndTaps();
        assertThat(run("analyze", "--cues", f[0].toString(), "--audio", "x.wav")).isEqualTo(2);
        assertThat(err.toString()).startsWith("entrain: audio file 'x.wav' not found");
    }

    @Test
    void shouldRequireTapsOrAudio() throws Exception {
        Path[] f = cuesAndTaps();
        assertThat(run("analyze", "--cues", f[0].toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--taps");
    }

    @Test
    void shouldWriteAReportFromASessionLog() throws Exception {
        Path log = dir.resolve("session.jsonl");
        ManualNanoClock clock = new ManualNanoClock();
        SessionLogWriter w = SessionLogWriter.open(log, SessionHeader.of("entrain test", Map.of("bpm", "120")), clock);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.bars(8))
                .sink(c -> { }).listener(w).build();
        w.attach(engine);
        engine.begin(1_000_000_000L);
        for (int i = 0; i < 32; i++) {
            w.onOnset(new Onset(1_000_000_000L + i * 500_000_000L - 25_000_000L, 0.4, OnsetSource.MICROPHONE, 0));
        }
        for (int guard = 0; guard < 10_000 && !engine.isFinished(); guard++) {
            long t = engine.nextWakeNanos();
            clock.set(t == Deadlines.NULL_DEADLINE ? clock.nanoTime() + 1_000_000 : Math.max(t, clock.nanoTime()));
            engine.doWork(clock.nanoTime());
        }
        w.close();
        Path outDir = dir.resolve("rep");
        int code = run("report", log.toString(), "--out", outDir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("matched 32").contains("25 ms ahead of the beat");
        assertThat(outDir.resolve("report.html")).exists();
        assertThat(Files.readString(outDir.resolve("report.html"))).contains("setting: bpm");
        assertThat(outDir.resolve("analysis.json")).exists();
        assertThat(Files.readAllLines(outDir.resolve("analysis.csv"))).hasSize(33);
        assertThat(Files.readAllLines(outDir.resolve("taps.csv"))).hasSize(33);
    }

    @Test
    void shouldRejectAFileThatIsNotASessionLog() throws Exception {
        Path f = dir.resolve("x.txt");
        Files.writeString(f, "hello\n");
        assertThat(run("report", f.toString(), "--out", dir.resolve("o").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not a session log");
        assertThat(run("report", dir.resolve("missing.jsonl").toString(), "--out", "o")).isEqualTo(2);
        assertThat(err.toString()).contains("missing.jsonl' not found");
    }
}
