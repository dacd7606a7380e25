package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import org.entrain.schedule.CueCsv;
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
    void shouldDetectTapsInARecordingWithTheCueBleedingIn() throws Exception {
        // A recording made with the plan: the cue sound at every cue (from 0.5 s on) and a knock
        // 30 ms before each cue but every 10th, with +-4 ms of spread: known truth.
        float rate = 44_100f;
        List<org.entrain.schedule.CueEvent> plan = org.entrain.schedule.CuePlanner.plan(
                org.entrain.tempo.TempoMap.constant(100), org.entrain.pattern.Pattern.defaults(),
                org.entrain.tempo.Length.bars(12));
        float[] audio = new float[(int) (rate * (0.5 + plan.get(plan.size() - 1).timeSeconds() + 1.0))];
        float[] cueSound = org.entrain.onset.TestSignals.cueSound(rate);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        double offset = 0.5;
        int taps = 0;
        double sum = 0;
        for (org.entrain.schedule.CueEvent c : plan) {
            int at = (int) Math.round((offset + c.timeSeconds()) * rate);
            for (int i = 0; i < cueSound.length && at + i < audio.length; i++) {
                audio[at + i] += 0.5f * cueSound[i];
            }
            if (c.index() % 10 != 9) {
                double async = -0.030 + (rng.nextDouble() - 0.5) * 0.008;
                sum += async;
                taps++;
                float[] knock = org.entrain.onset.TestSignals.hit(org.entrain.onset.TestSignals.Hit.KNOCK, rate, rng);
                int t = (int) Math.round((offset + c.timeSeconds() + async) * rate);
                for (int i = 0; i < knock.length && t + i < audio.length; i++) {
                    audio[t + i] += knock[i];
                }
            }
        }
        for (int i = 0; i < audio.length; i++) {
            audio[i] += (float) ((rng.nextDouble() - 0.5) * 0.002);
        }
        Path wav = dir.resolve("session.wav");
        byte[] b = new byte[audio.length * 2];
        for (int i = 0; i < audio.length; i++) {
            int v = Math.round(Math.max(-1, Math.min(1, audio[i])) * 32767);
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        javax.sound.sampled.AudioSystem.write(new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(b),
                        new javax.sound.sampled.AudioFormat(rate, 16, 1, true, false), audio.length),
                javax.sound.sampled.AudioFileFormat.Type.WAVE, wav.toFile());
        Path cues = dir.resolve("cues.csv");
        try (Writer w = Files.newBufferedWriter(cues)) {
            CueCsv.write(plan, w);
        }
        Path json = dir.resolve("a.json");
        assertThat(run("analyze", "--cues", cues.toString(), "--audio", wav.toString(), "--cue-offset", "0.5",
                "--json", json.toString())).isEqualTo(0);
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(n.get("n_cues").asInt()).isEqualTo(48);
        assertThat(n.get("n_matched").asInt()).isEqualTo(taps);
        assertThat(n.get("n_missed").asInt()).isEqualTo(48 - taps);
        assertThat(n.get("n_extra").asInt()).isZero();
        assertThat(n.get("mean_asynchrony_ms").asDouble()).isCloseTo(sum / taps * 1000, org.assertj.core.api.Assertions.within(0.5));
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
