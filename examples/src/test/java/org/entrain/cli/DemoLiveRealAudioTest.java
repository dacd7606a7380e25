package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.entrain.session.SessionLogReader;
import org.entrain.session.SessionRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entrain demo --live}: the demo in real time on the system clock, its room's sound played
 * through the real default audio output (CI: a PulseAudio null sink), on a short protocol; it
 * writes the same folder as the offline demo and ends with the report's path.
 */
@Tag("real-audio")
class DemoLiveRealAudioTest {

    @Test
    @Timeout(90)
    void shouldRunTheDemoLiveAndEndWithTheReportPath(@TempDir Path dir) throws Exception {
        Path protocol = dir.resolve("short.yaml");
        Files.writeString(protocol, """
                name: short live demo
                bpm: 120
                count_in: 1
                phases:
                  - kind: match
                    length: 4bars
                    perturb: {ms: 50, min_beats: 4, max_beats: 6, seed: 1}
                  - kind: continuation
                    length: 1bars
                """);
        Path folder = dir.resolve("demo");
        PlanCommandTest.Run r = PlanCommandTest.run("demo", "--live", "--no-display", "--protocol", protocol.toString(),
                "--dir", folder.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("report: " + folder.resolve("report.html").toAbsolutePath());
        for (String f : List.of("session.jsonl", "recording.wav", "cues.csv", "taps.csv", "analysis.json", "report.html",
                "session.mid", "client.json")) {
            assertThat(folder.resolve(f)).as(f).isRegularFile();
        }
        SessionRecord rec = SessionLogReader.read(folder.resolve("session.jsonl"));
        assertThat(rec.closedCleanly()).isTrue();
        JsonNode est = new ObjectMapper().readTree(folder.resolve("analysis.json").toFile());
        // the room's microphone kept delivering: its output line never paces it (a blocking write
        // once held it 1.7 s after an underrun, and 3 of the 16 cues went unmeasured)
        String notes = est.path("notes").toString();
        assertThat(notes).as("analysis notes").doesNotContain("delivered no audio");
        // the 16 cued beats of the match phase: the simulated client's taps were heard and matched
        assertThat(est.path("n_cues").asInt()).as(notes).isGreaterThanOrEqualTo(16);
        assertThat(est.path("n_matched").asInt()).isGreaterThan((int) (0.8 * 16));
        JsonNode client = new ObjectMapper().readTree(folder.resolve("client.json").toFile());
        assertThat(client.path("alpha").isNumber()).isTrue();
    }
}
