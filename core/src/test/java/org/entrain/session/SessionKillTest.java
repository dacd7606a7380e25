package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.HdrHistogram.Histogram;
import org.entrain.schedule.CueEngine;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A session killed like kill -9 at a random moment (seeded; the seed and each moment are in the
 * test's name and output) leaves a log whose every complete line reads back, a recording that
 * opens with every frame its header names, and a folder that can be rebuilt from the log.
 */
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

    /** Seed of the kill moments: {@code -Dentrain.kill.seed=S} repeats a run; by default a new one each run, printed. */
    private static final long SEED = Long.getLong("entrain.kill.seed", System.nanoTime() & 0xffff_ffffL);
    private static final int RUNS = Integer.getInteger("entrain.kill.runs", 3);

    /** The kill moments: 50 ms to 3 s after the session has started, from the seed. */
    static Stream<Arguments> moments() {
        java.util.Random random = new java.util.Random(SEED);
        System.out.println("SessionKillTest: seed " + SEED + " (repeat with -Dentrain.kill.seed=" + SEED + ")");
        return java.util.stream.IntStream.range(0, RUNS).mapToObj(i -> Arguments.of(i + 1, SEED, 50 + random.nextInt(2951)));
    }

    @ParameterizedTest(name = "run {0}: seed {1}, SIGKILL {2} ms after the start")
    @MethodSource("moments")
    @Timeout(60)
    void shouldLeaveALogAndARecordingThatOpenAfterSigkill(int run, long seed, int killAfterMs, @TempDir Path dir)
            throws Exception {
        Path folder = dir.resolve("s");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", classPath(), SessionKillChild.class.getName(), folder.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicLong frames = new AtomicLong(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("frames ")) {
                        frames.set(Long.parseLong(line.substring(7)));
                    }
                }
            } catch (java.io.IOException e) {
                // the child is gone
            }
        }, "kill-test-reader");
        reader.start();
        try {
            while (frames.get() < 0 && p.isAlive()) { // the session has started: its files are open
                Thread.sleep(5);
            }
            Thread.sleep(killAfterMs);
            long made = frames.get();
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            System.out.printf("run %d: seed %d, killed %d ms after the start, %d frames made%n", run, seed, killAfterMs, made);

            SessionRecord r = SessionLogReader.read(folder.resolve(SessionFiles.LOG));
            assertThat(r.closedCleanly()).isFalse();
            String text = Files.readString(folder.resolve(SessionFiles.LOG));
            String complete = text.substring(0, text.lastIndexOf('\n') + 1);
            assertThat(r.cues()).as("every complete cue line reads back")
                    .hasSize((int) complete.lines().filter(l -> l.startsWith("{\"type\":\"cue\"")).count());
            assertThat(r.onsets()).as("every complete onset line reads back")
                    .hasSize((int) complete.lines().filter(l -> l.startsWith("{\"type\":\"onset\"")).count());
            if (killAfterMs >= 1500) {
                // at 240 bpm a cue every 250 ms, synced to the disk at least every 200 ms
                assertThat(r.cues()).isNotEmpty();
                assertThat(r.events()).anyMatch(e -> e.type().equals("phase"));
            }
            try (AudioInputStream a = AudioSystem.getAudioInputStream(folder.resolve(SessionFiles.RECORDING).toFile())) {
                // the header names at least all but the last second of what was made
                assertThat(a.getFrameLength()).isGreaterThanOrEqualTo(made - 8000 - 8000 / 2);
                byte[] all = a.readAllBytes();
                assertThat(all.length).isEqualTo(a.getFrameLength() * 2);
            }
            // and the folder can be rebuilt from the log alone, as 'entrain report' does
            assertThat(SessionFiles.write(r, SessionAnalysis.analyze(r, org.entrain.analysis.AnalysisOptions.DEFAULT), folder))
                    .hasSize(4);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
