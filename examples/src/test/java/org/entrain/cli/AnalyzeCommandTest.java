package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    void shouldSayAudioNeedsOnsetDetection() throws Exception {
        Path[] f = cuesAndTaps();
        assertThat(run("analyze", "--cues", f[0].toString(), "--audio", "x.wav")).isEqualTo(2);
        assertThat(err.toString()).startsWith("entrain: --audio needs onset detection");
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
