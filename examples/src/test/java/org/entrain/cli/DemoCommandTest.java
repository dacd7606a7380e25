package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import javax.sound.sampled.AudioSystem;
import org.entrain.session.SessionLogReader;
import org.entrain.session.SessionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entrain demo}: the whole loop offline. The simulated client's true parameters
 * (client.json) against what the session estimated from the taps it detected in the audio.
 */
class DemoCommandTest {

    @Test
    @Timeout(120)
    void shouldEstimateTheSimulatedClientAndEndWithTheReportPath(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("demo");
        PlanCommandTest.Run r = PlanCommandTest.run("demo", "--dir", folder.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).isEqualTo("report: " + folder.resolve("report.html").toAbsolutePath());
        for (String f : List.of("session.jsonl", "recording.wav", "cues.csv", "taps.csv", "analysis.json", "analysis.csv",
                "report.html", "session.mid", "client.json", "asynchrony.png")) {
            assertThat(folder.resolve(f)).isRegularFile();
        }
        JsonNode truth = new ObjectMapper().readTree(folder.resolve("client.json").toFile());
        JsonNode est = new ObjectMapper().readTree(folder.resolve("analysis.json").toFile());
        // alpha within 0.1 over the demo's length (about 150 matched taps with phase perturbations)
        assertThat(est.path("phase_correction").path("alpha").asDouble())
                .isCloseTo(truth.path("alpha").asDouble(), within(0.1));
        assertThat(est.path("mean_asynchrony_ms").asDouble())
                .isCloseTo(truth.path("mean_asynchrony_ms").asDouble(), within(10.0));
        assertThat(est.path("n_matched").asInt()).isGreaterThan((int) (0.9 * est.path("n_cues").asInt()));
        // every detected tap is one of the client's real hits (no cue left over after cancellation)
        JsonNode trueTaps = truth.path("true_tap_times_s");
        SessionRecord rec = SessionLogReader.read(folder.resolve("session.jsonl"));
        double[] taps = rec.tapTimesSeconds();
        int near = 0;
        for (double t : taps) {
            for (JsonNode tt : trueTaps) {
                if (Math.abs(tt.asDouble() - t) < 0.005) {
                    near++;
                    break;
                }
            }
        }
        assertThat(near).isGreaterThanOrEqualTo(trueTaps.size() - 2).isGreaterThanOrEqualTo(taps.length - 8);
        // the phases are in the report's JSON, and the truth beside the estimates in the report
        assertThat(est.path("segments")).extracting(s -> s.path("label").asText())
                .containsExactly("match 96 bpm", "step-up", "fade", "continuation");
        assertThat(Files.readString(folder.resolve("report.html"))).contains("client alpha (phase correction)");
        assertThat(AudioSystem.getAudioFileFormat(folder.resolve("recording.wav").toFile()).getFrameLength()).isPositive();
        // plain-line mode: one line per bar, in order
        List<Integer> bars = new ArrayList<>();
        for (String l : lines) {
            Matcher m = java.util.regex.Pattern.compile("^bar (\\d+) \\| ").matcher(l);
            if (m.find()) {
                bars.add(Integer.parseInt(m.group(1)));
            }
        }
        assertThat(bars).isNotEmpty();
        for (int i = 0; i < bars.size(); i++) {
            assertThat(bars.get(i)).isEqualTo(i + 1);
        }
        // report regenerates the folder from the log alone
        Files.delete(folder.resolve("report.html"));
        PlanCommandTest.Run rep = PlanCommandTest.run("report", folder.resolve("session.jsonl").toString());
        assertThat(rep.code()).as(rep.err()).isZero();
        assertThat(folder.resolve("report.html")).isRegularFile();
    }

    @Test
    void shouldExplainEveryNewCommand() {
        for (String c : List.of("session", "demo", "play")) {
            PlanCommandTest.Run r = PlanCommandTest.run(c, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage: entrain " + c);
        }
    }

    @Test
    void shouldRejectABadProtocolFileWithOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "bpm: 90\nphases:\n  - kind: match\n  - kind: step-up\n    step: fast\n    every: 4bars\n");
        PlanCommandTest.Run r = PlanCommandTest.run("session", "--protocol", bad.toString(), "--dir", dir.resolve("s").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("entrain: " + bad + " line 5 field 'phases[1].step': must be a percentage");
        assertThat(dir.resolve("s")).doesNotExist();
    }

    @Test
    void shouldReadEveryExampleProtocol() throws Exception {
        try (var files = Files.list(Path.of("protocols"))) {
            List<Path> ps = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).toList();
            assertThat(ps).hasSizeGreaterThanOrEqualTo(3);
            for (Path p : ps) {
                assertThat(org.entrain.session.ProtocolFile.read(p).phases()).isNotEmpty();
            }
        }
    }
}
