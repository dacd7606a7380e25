package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.TimingAnalyzer;
import org.entrain.clock.ManualNanoClock;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults during a session (virtual time, the whole session code): the disk fills (a real 64 KiB
 * tmpfs, mounted when the tests run as root on Linux, as in CI), an output throws mid-session.
 * For each: the session ends or goes on as documented, the user is told in one line, and the log
 * holds every event up to the fault and reads back with the ordinary reader; the analysis runs on it.
 */
class SessionFaultTest {

    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", "-l", mounted.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path tinyDisk(String size) throws Exception {
        Path m = dir.resolve("disk");
        Files.createDirectories(m);
        boolean ok;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", m.toString())
                    .redirectErrorStream(true).start();
            ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "needs root to mount a small tmpfs (CI runs as root)");
        mounted = m;
        return m;
    }

    static final class CountingSink implements CueSink {
        final List<Long> indices = new ArrayList<>();
        final long throwAt;

        CountingSink(long throwAt) {
            this.throwAt = throwAt;
        }

        @Override
        public void onCue(Cue cue) {
            if (cue.index() == throwAt) {
                throw new IllegalStateException("port disappeared");
            }
            indices.add(cue.index());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldKeepEveryLoggedEventUpToAFullDiskAndSaySo() throws Exception {
        Path disk = tinyDisk("64k");
        Path folder = disk.resolve("session");
        ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
        CountingSink sink = new CountingSink(-1);
        Session s = Session.builder().clock(clock).virtualTime(1_000_000L).folder(folder)
                .protocol(ProtocolFile.parse("bpm: 120\ncount_in: 0\nphases:\n  - kind: match\n    length: 200bars\n", "full.yaml"))
                .output("test sink", sink).input(new SessionVirtualTest.Tapper(-25)).build();
        SessionResult r = s.runVirtual();
        System.out.println("disk full: reason " + r.reason() + ", warnings " + r.warnings());
        assertThat(sink.indices).as("cues sent while the disk was full").hasSize(800);
        assertThat(r.warnings()).as("what the user is told").anyMatch(w -> w.contains("No space left on device")
                || w.toLowerCase(java.util.Locale.ROOT).contains("space"));

        Path copy = dir.resolve("copy.jsonl");
        Files.copy(folder.resolve("session.jsonl"), copy);
        long bytes = Files.size(copy);
        assertThat(bytes).as("log size on a 64 KiB disk").isLessThanOrEqualTo(64 * 1024);
        SessionRecord rec = SessionLogReader.read(copy);
        String text = Files.readString(copy);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        long cueLines = complete.lines().filter(l -> l.startsWith("{\"type\":\"cue\"")).count();
        assertThat(rec.cues()).as("every complete cue line read back").hasSize((int) cueLines);
        assertThat(cueLines).as("cues logged before the disk filled").isPositive();
        List<org.entrain.schedule.CueEvent> once = rec.analysisCues();
        assertThat(once).as("cues in the log, once each").isNotEmpty();
        for (int i = 0; i < once.size(); i++) {
            assertThat(once.get(i).index()).as("cue %d of the log", i).isEqualTo(i);
        }
        TimingAnalyzer.analyze(rec.analysisCues(), rec.tapTimesSeconds(), AnalysisOptions.DEFAULT);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldGoOnWithTheOtherOutputWhenOneThrowsAndLogIt() throws Exception {
        ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
        CountingSink failing = new CountingSink(10);
        CountingSink other = new CountingSink(-1);
        Session s = Session.builder().clock(clock).virtualTime(1_000_000L).folder(dir.resolve("s"))
                .protocol(ProtocolFile.parse("bpm: 120\ncount_in: 0\nphases:\n  - kind: match\n    length: 8bars\n", "two.yaml"))
                .output("MIDI port", failing).output("software synth", other).input(new SessionVirtualTest.Tapper(-25)).build();
        SessionResult r = s.runVirtual();
        System.out.println("output failure: reason " + r.reason() + ", warnings " + r.warnings());
        assertThat(failing.indices).hasSize(10);
        assertThat(other.indices).hasSize(32);
        assertThat(r.warnings()).contains("output 'MIDI port' failed (port disappeared); the others go on");
        SessionRecord rec = SessionLogReader.read(dir.resolve("s").resolve("session.jsonl"));
        assertThat(rec.closedCleanly()).isTrue();
        assertThat(rec.events()).anyMatch(e -> e.type().equals("device") && e.description().contains("port disappeared"));
        assertThat(rec.analysisCues()).hasSize(32);
    }

    /** A microphone whose line cannot be opened (unplugged before the start). */
    static final class DeadInput implements TapInput {
        @Override
        public String describe() {
            return "microphone 'USB mic'";
        }

        @Override
        public void start(org.entrain.clock.NanoClock clock, org.entrain.onset.OnsetListener onsets, AudioSink audio)
                throws IOException {
            throw new IOException("the microphone 'USB mic' cannot be opened: line unavailable");
        }

        @Override
        public void cue(long soundNanos, org.entrain.pattern.Voice voice, int velocity) {
        }

        @Override
        public void stop() {
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseToStartWithoutItsMicrophoneAndSayWhichOne() throws Exception {
        CountingSink sink = new CountingSink(-1);
        Session s = Session.builder().clock(new ManualNanoClock(0)).virtualTime(1_000_000L).folder(dir.resolve("m"))
                .protocol(ProtocolFile.parse("bpm: 120\ncount_in: 0\nphases:\n  - kind: match\n    length: 4bars\n", "m.yaml"))
                .output("software synth", sink).input(new DeadInput()).build();
        String message = null;
        SessionResult r = null;
        try {
            r = s.runVirtual();
        } catch (IOException e) {
            message = e.getMessage();
        }
        assertThat(r).as("a session whose microphone cannot be opened must not run").isNull();
        assertThat(message).isEqualTo("the microphone 'USB mic' cannot be opened: line unavailable");
        assertThat(sink.indices).as("cues played by a session that could not start").isEmpty();
    }
}
