package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.entrain.analysis.AnalysisResult;
import org.entrain.clock.ManualNanoClock;
import org.entrain.clock.NanoClock;
import org.entrain.clock.SystemNanoClock;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.audio.FileCaptureLine;
import org.entrain.audio.InputSpec;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetListener;
import org.entrain.onset.OnsetSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The microphone fails or goes silent mid-session: the session keeps cueing, tells the user one
 * line, logs an {@code input} line, keeps {@code recording.wav} valid with every frame delivered up
 * to the fault, and the analysis and its notes leave out the cues nobody could hear a tap for.
 * Real time: a real {@link MicrophoneInput} on a capture line that plays a real recording and then
 * throws or stalls ({@link FileCaptureLine}). Virtual time: an input reading the same line in the
 * session's own steps, so each finding comes at an exact time.
 */
class SessionInputFaultTest {

    private static final String HIT = "/org/entrain/onset/hits/colombo-snare-shot2.wav";
    private static final float RATE = 44_100f;

    @TempDir
    Path dir;

    private static Protocol protocol(int bars) {
        return ProtocolFile.parse("bpm: 120\ncount_in: 0\nphases:\n  - kind: match\n    length: " + bars + "bars\n", "p.yaml");
    }

    private static long wavFrames(Path folder) throws Exception {
        try (AudioInputStream a = AudioSystem.getAudioInputStream(folder.resolve(SessionFiles.RECORDING).toFile())) {
            long n = a.getFrameLength();
            assertThat(a.readAllBytes()).as("the recording's data matches its header").hasSize((int) (2 * n));
            return n;
        }
    }

    private static List<LoggedEvent> inputEvents(Path folder) throws IOException {
        return SessionLogReader.read(folder.resolve(SessionFiles.LOG)).events().stream()
                .filter(e -> e.type().equals("input")).toList();
    }

    // ---- real time: a MicrophoneInput on a failing line ----

    private SessionResult liveSession(FileCaptureLine line, Path folder) throws Exception {
        SessionFaultTest.CountingSink sink = new SessionFaultTest.CountingSink(-1);
        MicrophoneInput mic = new MicrophoneInput(InputSpec.defaultInput().withSampleRate(RATE), DetectorSettings.taps(), null,
                Calibration.NONE, line);
        Session s = Session.builder().folder(folder).tempo(240).end(org.entrain.tempo.Length.bars(3)).countIn(0)
                .output("test sink", sink).input(mic).build();
        s.start();
        assertThat(s.awaitEnd(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.indices).as("cues played on after the microphone failed").hasSize(12);
        return s.result();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldGoOnCueingWhenTheMicrophoneLineThrowsAndSaySoOnce() throws Exception {
        long faultFrame = 256 * 172; // 1.0 s
        FileCaptureLine line = new FileCaptureLine(HIT, 11_025, SystemNanoClock.INSTANCE, FileCaptureLine.Fault.THROW, faultFrame);
        Path folder = dir.resolve("throw");
        SessionResult r = liveSession(line, folder);
        System.out.println("microphone throws: " + r.reason() + ", warnings " + r.warnings());
        assertThat(r.reason()).isEqualTo(EndReason.COMPLETED);
        List<String> mic = r.warnings().stream().filter(w -> w.startsWith("microphone")).toList();
        assertThat(mic).hasSize(1);
        assertThat(mic.get(0)).matches("microphone 'default' stopped delivering audio at 0:0\\d \\(reading its line failed: "
                + "device unplugged\\); cues continue, taps after that are not measured");
        assertThat(wavFrames(folder)).as("every frame up to the fault, in a valid WAV").isEqualTo(faultFrame);
        List<LoggedEvent> ev = inputEvents(folder);
        assertThat(ev).hasSize(1);
        assertThat(ev.get(0).description()).isEqualTo("stopped " + mic.get(0));
        assertThat(r.analysis().overall().notes()).anyMatch(n -> n.startsWith("the tap input delivered no audio from 0:0")
                && n.contains("to the end"));
        assertThat(r.analysis().overall().nCues()).as("cues measured: those before the fault").isBetween(1, 11);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldFindAMicrophoneThatStallsAndSaySoOnce() throws Exception {
        long faultFrame = 256 * 86; // 0.5 s
        FileCaptureLine line = new FileCaptureLine(HIT, 11_025, SystemNanoClock.INSTANCE, FileCaptureLine.Fault.STALL, faultFrame);
        Path folder = dir.resolve("stall");
        SessionResult r = liveSession(line, folder);
        System.out.println("microphone stalls: " + r.reason() + ", warnings " + r.warnings());
        List<String> mic = r.warnings().stream().filter(w -> w.startsWith("microphone")).toList();
        assertThat(mic).hasSize(1);
        assertThat(mic.get(0)).matches("microphone 'default' stopped delivering audio at 0:00 \\(nothing for 1\\.0 s\\); "
                + "cues continue, taps are not measured until it delivers again");
        assertThat(wavFrames(folder)).isEqualTo(faultFrame);
        assertThat(inputEvents(folder)).hasSize(1);
    }

    // ---- virtual time: the same line read in the session's steps ----

    /** A microphone in virtual time: reads the line in 256-frame buffers as the clock passes them. */
    static final class VirtualMic implements TapInput {
        final FileCaptureLine line;
        final long stallFrom;
        final long stallTo;
        final long closeAt;
        final boolean zeros;
        final float[] buf = new float[256];
        final byte[] bytes = new byte[512];
        NanoClock clock;
        AudioSink audio;
        OnsetListener onsets;
        long t0;
        long pos;
        long delivered;
        volatile String fault;

        VirtualMic(long stallFrom, long stallTo, long closeAt, boolean zeros) throws IOException {
            this.line = new FileCaptureLine(HIT, 22_050, null, FileCaptureLine.Fault.NONE, 0);
            this.stallFrom = stallFrom;
            this.stallTo = stallTo;
            this.closeAt = closeAt;
            this.zeros = zeros;
        }

        @Override
        public String describe() {
            return "test microphone (virtual)";
        }

        @Override
        public String name() {
            return "test microphone";
        }

        @Override
        public float audioSampleRate() {
            return RATE;
        }

        @Override
        public void start(NanoClock c, OnsetListener o, AudioSink a) {
            clock = c;
            onsets = o;
            audio = a;
            t0 = c.nanoTime();
            line.open();
            line.start();
        }

        @Override
        public void advanceTo(long nanos) {
            long target = (long) Math.floor((nanos - t0) * (double) RATE / 1e9);
            while (fault == null && pos + buf.length <= target) {
                if (pos >= closeAt) {
                    line.close();
                    fault = "its line closed";
                    return;
                }
                line.read(bytes, 0, bytes.length);
                if (pos >= stallFrom && pos < stallTo) {
                    pos += buf.length; // a stalled driver: these frames never arrive
                    continue;
                }
                for (int i = 0; i < buf.length; i++) {
                    buf[i] = zeros ? 0f : (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8)) / 32768f;
                    if ((pos + i) % 22_050 == 11_025 && !zeros) {
                        onsets.onOnset(new Onset(t0 + Math.round((pos + i) * 1e9 / RATE), 0.5, OnsetSource.MICROPHONE, 0));
                    }
                }
                audio.samples(buf, buf.length, pos);
                pos += buf.length;
                delivered += buf.length;
            }
        }

        @Override
        public String fault() {
            return fault;
        }

        @Override
        public void stop() {
            line.close();
        }
    }

    private SessionResult virtual(VirtualMic mic, Path folder, int bars) throws Exception {
        SessionFaultTest.CountingSink sink = new SessionFaultTest.CountingSink(-1);
        Session s = Session.builder().clock(new ManualNanoClock(1_000_000_000L)).virtualTime(1_000_000L).folder(folder)
                .protocol(protocol(bars)).output("test sink", sink).input(mic).build();
        SessionResult r = s.runVirtual();
        assertThat(sink.indices).as("every cue played").hasSize(bars * 4);
        assertThat(wavFrames(folder)).as("every frame delivered, in a valid WAV").isEqualTo(mic.delivered);
        return r;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReportAStallAndTheResumeAndLeaveTheGapOutOfTheAnalysis() throws Exception {
        // frames 3.0 s .. 5.0 s of the input never arrive
        VirtualMic mic = new VirtualMic(256 * 517, 256 * 862, Long.MAX_VALUE, false);
        Path folder = dir.resolve("v-stall");
        SessionResult r = virtual(mic, folder, 6);
        System.out.println("virtual stall: " + r.warnings());
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings().get(0)).matches("test microphone stopped delivering audio at 0:02 \\(nothing for 1\\.0 s\\); "
                + "cues continue, taps are not measured until it delivers again");
        assertThat(r.warnings().get(1)).matches("test microphone delivers audio again at 0:04 after 2\\.0 s without; "
                + "its taps are measured again");
        List<LoggedEvent> ev = inputEvents(folder);
        assertThat(ev).extracting(e -> e.description().substring(0, e.description().indexOf(' ')))
                .containsExactly("stopped", "resumed");
        long gapNanos = ev.get(1).nanos() - ev.get(0).nanos();
        assertThat(gapNanos).as("the gap in the log, engine nanos").isBetween(1_990_000_000L, 2_010_000_000L);
        AnalysisResult a = r.analysis();
        // 24 cues at 0.5 s; the gap of 2 s holds 4 of them
        assertThat(a.overall().nCues()).isEqualTo(20);
        assertThat(a.overall().notes()).anyMatch(n -> n.matches(
                "the tap input delivered no audio from 0:02 to 0:04: the 4 cues in that time are not measured"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReportALineThatClosesOnceAndMeasureOnlyTheCuesBefore() throws Exception {
        VirtualMic mic = new VirtualMic(Long.MAX_VALUE, Long.MAX_VALUE, 256 * 431, false); // 2.5 s
        Path folder = dir.resolve("v-close");
        SessionResult r = virtual(mic, folder, 4);
        System.out.println("virtual close: " + r.warnings());
        assertThat(r.warnings()).containsExactly("test microphone stopped delivering audio at 0:02 (its line closed); "
                + "cues continue, taps after that are not measured");
        assertThat(mic.delivered).isEqualTo(256 * 431);
        AnalysisResult a = r.analysis();
        assertThat(a.overall().nCues()).as("cues before the fault at 2.50 s (0.0 .. 2.0 s)").isEqualTo(5);
        assertThat(a.overall().nMatched()).isEqualTo(5);
        assertThat(a.overall().notes()).anyMatch(n -> n.equals(
                "the tap input delivered no audio from 0:02 to the end: the 11 cues in that time are not measured"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldWarnOnceAboutLongDigitalSilence() throws Exception {
        VirtualMic mic = new VirtualMic(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, true);
        Path folder = dir.resolve("v-zeros");
        SessionResult r = virtual(mic, folder, 6);
        System.out.println("virtual silence: " + r.warnings());
        assertThat(r.warnings()).containsExactly(
                "test microphone has delivered only digital silence (every sample 0) since 0:00: is it muted or unplugged?");
        assertThat(inputEvents(folder)).extracting(LoggedEvent::description).allMatch(d -> d.startsWith("silent "));
        assertThat(r.analysis().overall().nCues()).as("silence is a warning: every cue is still measured").isEqualTo(24);
    }
}
