package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.HdrHistogram.Histogram;
import org.entrain.schedule.CueEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A session killed like kill -9 leaves a log and a recording that open. */
class SessionKillTest {

    private static String classPath() throws Exception {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(SessionKillChild.class, Session.class, CueEngine.class, ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class,
                com.fasterxml.jackson.dataformat.yaml.YAMLFactory.class, org.yaml.snakeyaml.Yaml.class,
                Histogram.class, LoggerFactory.class, be.tarsos.dsp.AudioDispatcher.class)) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    @Test
    @Timeout(60)
    void shouldLeaveALogAndARecordingThatOpenAfterSigkill(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("s");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", classPath(), SessionKillChild.class.getName(), folder.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long frames = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("frames ")) {
                    frames = Long.parseLong(line.substring(7));
                    if (frames >= 8000 * 3) { // 3 s of audio made: the header was rewritten at least twice
                        p.destroyForcibly(); // SIGKILL
                        break;
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(frames).isGreaterThanOrEqualTo(24_000);
        SessionRecord r = SessionLogReader.read(folder.resolve(SessionFiles.LOG));
        assertThat(r.closedCleanly()).isFalse();
        assertThat(r.cues()).isNotEmpty();
        assertThat(r.onsets()).isNotEmpty();
        assertThat(r.events()).anyMatch(e -> e.type().equals("phase"));
        try (AudioInputStream a = AudioSystem.getAudioInputStream(folder.resolve(SessionFiles.RECORDING).toFile())) {
            // the header names at least all but the last second of what was made
            assertThat(a.getFrameLength()).isGreaterThanOrEqualTo(frames - 8000 - 8000 / 2);
            byte[] all = a.readAllBytes();
            assertThat(all.length).isEqualTo(a.getFrameLength() * 2);
        }
        // and the folder can be rebuilt from the log alone
        assertThat(SessionFiles.write(r, SessionAnalysis.analyze(r, org.entrain.analysis.AnalysisOptions.DEFAULT), folder))
                .hasSize(4);
    }
}
