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
        List<String> stderr = new ArrayList<>();
        SessionResult r = capturingStderr(stderr, s::runVirtual);
        System.out.println("disk full: reason " + r.reason() + ", warnings " + r.warnings());
        assertThat(sink.indices).as("cues sent while the disk was full").hasSize(800);
        List<String> told = r.warnings().stream().filter(w -> w.startsWith("the session log")).toList();
        assertThat(told).as("what the user is told, once, when it happens").hasSize(1);
        assertThat(told.get(0)).matches("the session log could not be written at \\d+:\\d\\d \\(No space left on device\\): "
                + "cues continue, but nothing after that is recorded");
        assertThat(stderr).as("no stack trace for an expected failure").noneMatch(l -> l.startsWith("\tat ")
                || l.contains("Exception"));
        assertThat(r.analysis()).as("the analysis of what the log holds, in the result").isNotNull();

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

    /** Runs an action with {@code System.err} copied into a list of lines (slf4j-simple writes to the current one). */
    static <T> T capturingStderr(List<String> lines, java.util.concurrent.Callable<T> action) throws Exception {
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return action.call();
        } finally {
            System.setErr(old);
            String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            old.print(text);
            lines.addAll(text.lines().toList());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldKeepAValidRecordingUpToAFullDiskAndSaySoWhenItHappens() throws Exception {
        Path disk = tinyDisk("256k");
        Path folder = disk.resolve("session");
        SessionInputFaultTest.VirtualMic mic = new SessionInputFaultTest.VirtualMic(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                false);
        CountingSink sink = new CountingSink(-1);
        Session s = Session.builder().clock(new ManualNanoClock(1_000_000_000L)).virtualTime(1_000_000L).folder(folder)
                .protocol(ProtocolFile.parse("bpm: 120\ncount_in: 0\nphases:\n  - kind: match\n    length: 4bars\n", "w.yaml"))
                .output("test sink", sink).input(mic).build();
        List<String> stderr = new ArrayList<>();
        SessionResult r = capturingStderr(stderr, s::runVirtual);
        System.out.println("disk full (recording): reason " + r.reason() + ", warnings " + r.warnings());
        assertThat(sink.indices).as("every cue played").hasSize(16);
        List<String> told = r.warnings().stream().filter(w -> w.startsWith("the recording")).toList();
        assertThat(told).hasSize(1);
        assertThat(told.get(0)).matches("the recording could not be written at 0:0\\d \\(No space left on device\\): "
                + "cues and taps go on, recording.wav holds the audio before that");
        assertThat(stderr).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
        Path copy = dir.resolve("copy.wav");
        Files.copy(folder.resolve("recording.wav"), copy);
        try (javax.sound.sampled.AudioInputStream a = javax.sound.sampled.AudioSystem.getAudioInputStream(copy.toFile())) {
            long frames = a.getFrameLength();
            assertThat(frames).as("frames kept before the disk filled").isPositive().isLessThan(mic.delivered);
            assertThat(a.readAllBytes()).as("every frame the header names is there").hasSize((int) (2 * frames));
        }
        SessionRecord rec = SessionLogReader.read(folder.resolve("session.jsonl"));
        assertThat(rec.cues()).as("the log, on the same full disk, keeps its complete lines").isNotEmpty();
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

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStopCleanlyWhenItsOnlyOutputFails() throws Exception {
        ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
        CountingSink only = new CountingSink(10);
        Path folder = dir.resolve("only");
        Session s = Session.builder().clock(clock).virtualTime(1_000_000L).folder(folder)
                .protocol(ProtocolFile.parse("bpm: 120\ncount_in: 0\nphases:\n  - kind: match\n    length: 8bars\n", "one.yaml"))
                .output("software synth", only).input(new SessionVirtualTest.Tapper(-25)).build();
        SessionResult r = s.runVirtual();
        System.out.println("only output fails: reason " + r.reason() + ", warnings " + r.warnings());
        assertThat(r.reason()).isEqualTo(EndReason.FAILED);
        assertThat(r.warnings()).containsExactly("output 'software synth' failed (port disappeared); no output is left: the session stops");
        assertThat(only.indices).hasSize(10);
        SessionRecord rec = SessionLogReader.read(folder.resolve("session.jsonl"));
        assertThat(rec.closedCleanly()).isTrue();
        assertThat(rec.cues().stream().filter(c -> c.sink() == 1)).as("cues the output took, logged").hasSize(10);
        assertThat(rec.analysisCues()).as("cues decided, up to the one the output failed on").hasSize(11);
        assertThat(r.analysis()).isNotNull();
        assertThat(r.files()).contains(folder.resolve("session.jsonl"), folder.resolve("analysis.json"));
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
