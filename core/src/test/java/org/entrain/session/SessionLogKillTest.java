package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.entrain.schedule.CueEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Timeout;

/** A session killed like kill -9 leaves a log that reads back complete up to its last sync. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SessionLogKillTest {

    @TempDir
    Path dir;

    private static String classPath() throws Exception {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(SessionLogChild.class, CueEngine.class, ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class,
                Histogram.class, LoggerFactory.class)) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void shouldReadBackEverythingSyncedBeforeTheProcessWasKilled() throws Exception {
        Path logFile = dir.resolve("session.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", classPath(), SessionLogChild.class.getName(), logFile.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // A child that stops printing would block readLine forever: kill it after 60 s, which
        // ends the stream, and the assertions below say what it printed.
        CompletableFuture.runAsync(p::destroyForcibly, CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS));
        long lastSynced = -1;
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.add(line);
                if (line.startsWith("synced ")) {
                    lastSynced = Long.parseLong(line.substring(7));
                    // mid-session: at least 40 events (about 2 s of cues and taps) are on the disk
                    if (lastSynced >= 40) {
                        p.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastSynced).as("child output %s", seen).isGreaterThanOrEqualTo(40);
        SessionRecord r = SessionLogReader.read(logFile);
        assertThat(r.closedCleanly()).isFalse();
        assertThat(r.notes()).anyMatch(n -> n.contains("did not close cleanly"));
        assertThat(r.eventLines()).isGreaterThanOrEqualTo(lastSynced);
        assertThat(r.header().settings()).containsEntry("bpm", "600");
        assertThat(r.header().sampleRates()).containsEntry("in", "48000");
        // every cue from the first on, none lost in the middle
        List<Long> indices = r.cues().stream().map(c -> c.cue().index()).toList();
        assertThat(indices).isNotEmpty();
        for (int i = 0; i < indices.size(); i++) {
            assertThat(indices.get(i)).isEqualTo(i);
        }
        assertThat(r.onsets()).isNotEmpty();
        assertThat(r.analysisCues()).hasSameSizeAs(r.cues());
    }
}
