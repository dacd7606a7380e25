package org.entrain.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.entrain.clock.SystemNanoClock;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A capture line that fails while the live input reads it (a real recording played as a device
 * would deliver it, in real time, {@link FileCaptureLine}): the input ends its capture without an
 * exception escaping, says why in {@link LiveAudioInput#fault()}, and keeps every frame and onset
 * delivered before the fault; a line that stalls is waited on and stops cleanly.
 */
class LiveAudioInputFaultTest {

    private static final String HIT = "/org/entrain/onset/hits/colombo-snare-shot2.wav";
    private static final int PERIOD = 11_025; // a hit every 250 ms at 44.1 kHz
    private static final long FAULT_FRAME = 256 * 120; // 0.70 s, whole buffers

    private record Run(LiveAudioInput in, FileCaptureLine line, List<Onset> onsets, AtomicLong frames) {
    }

    private static Run start(FileCaptureLine.Fault fault) throws Exception {
        FileCaptureLine line = new FileCaptureLine(HIT, PERIOD, SystemNanoClock.INSTANCE, fault, FAULT_FRAME);
        List<Onset> onsets = new CopyOnWriteArrayList<>();
        AtomicLong frames = new AtomicLong();
        LiveAudioInput in = LiveAudioInput.builder(InputSpec.defaultInput().withSampleRate(44_100))
                .clock(SystemNanoClock.INSTANCE).detect(DetectorSettings.taps(), onsets::add)
                .sampleTap((s, n, first) -> frames.set(first + n)).line(line).open();
        in.start();
        return new Run(in, line, onsets, frames);
    }

    private static String awaitFault(LiveAudioInput in) throws InterruptedException {
        while (in.fault() == null) {
            Thread.sleep(10);
        }
        return in.fault();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldEndTheCaptureAndSayWhyWhenTheLineThrows() throws Exception {
        Run r = start(FileCaptureLine.Fault.THROW);
        assertThat(awaitFault(r.in())).isEqualTo("reading its line failed: device unplugged");
        r.in().stop();
        assertThat(r.frames().get()).as("frames handed on before the fault").isEqualTo(FAULT_FRAME);
        assertThat(r.in().framesRead()).isEqualTo(FAULT_FRAME);
        // hits at 125, 375 and 625 ms are before the fault at 697 ms
        assertThat(r.onsets()).as("onsets before the fault").hasSize(3);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldEndTheCaptureAndSayWhyWhenTheLineCloses() throws Exception {
        Run r = start(FileCaptureLine.Fault.CLOSE);
        assertThat(awaitFault(r.in())).isEqualTo("its line closed");
        r.in().stop();
        assertThat(r.frames().get()).isEqualTo(FAULT_FRAME);
        assertThat(r.onsets()).hasSize(3);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldWaitOnAStalledLineAndStopCleanly() throws Exception {
        Run r = start(FileCaptureLine.Fault.STALL);
        while (r.line().frames() < FAULT_FRAME) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertThat(r.in().fault()).as("a stalled line is open: the session's watchdog finds it, not the line").isNull();
        assertThat(r.frames().get()).isEqualTo(FAULT_FRAME);
        r.in().stop();
        assertThat(r.in().fault()).as("after a normal stop").isNull();
        assertThat(r.onsets()).hasSize(3);
    }

    /**
     * The processing thread stops for 400 ms once (a latency search's FFTs, a collection, a slow
     * listener), 17 times the device's buffer of four reads (23 ms): the line is still read on its
     * own thread, so the device loses nothing, every frame reaches the tap in order, no drop is
     * found, and every hit is an onset 250 ms after the one before.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldLoseNothingWhenProcessingStallsLongerThanTheDevicesBuffer() throws Exception {
        Stalled r = stalled(400, 3 * 44_100);
        FileCaptureLine line = r.line();
        LiveAudioInput in = r.in();
        StallingTap tap = r.tap();
        List<Onset> onsets = r.onsets();
        assertThat(line.lostFrames()).as("frames the device overwrote").isZero();
        assertThat(tap.gaps()).as("buffers not following the one before").isZero();
        assertThat(in.dropCount()).as("drops found").isZero();
        long hits = (tap.frames() - PERIOD / 2 - 1) / PERIOD + 1;
        assertThat(onsets).as("an onset for every hit up to frame %d", tap.frames()).hasSize((int) hits);
        for (int i = 1; i < onsets.size(); i++) {
            double gapMs = (onsets.get(i).timeNanos() - onsets.get(i - 1).timeNanos()) / 1e6;
            assertThat(gapMs).as("onset %d after the one before, ms", i).isCloseTo(250.0, org.assertj.core.data.Offset.offset(5.0));
        }
    }

    /**
     * The processing thread stops for 3.5 s, longer than the queue (512 reads, 2.97 s): the line is
     * still read, so the device loses nothing, and the reads the full queue could not take are lost
     * to the processing side like a device's overrun: the clock map finds them as a drop of about
     * half a second, and every later hit keeps its time, a whole number of periods after the first.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFindTheReadsLostBeyondTheQueueAsADropAndKeepLaterOnsetsOnTime() throws Exception {
        Stalled r = stalled(3500, 5 * 44_100);
        FileCaptureLine line = r.line();
        LiveAudioInput in = r.in();
        List<Onset> onsets = r.onsets();
        assertThat(line.lostFrames()).as("frames the device overwrote").isZero();
        assertThat(in.dropCount()).as("drops found").isEqualTo(1);
        assertThat(in.droppedFrames() / 44_100.0).as("s found dropped (3.5 s stalled, 2.97 s queued)").isBetween(0.3, 0.8);
        assertThat(onsets.size()).isGreaterThan(10);
        for (Onset o : onsets) {
            double periods = (o.timeNanos() - onsets.get(0).timeNanos()) / 1e9 * 44_100 / PERIOD;
            assertThat(Math.abs(periods - Math.round(periods)) * PERIOD / 44.1).as("ms off the hits' grid at %s", o)
                    .isLessThan(5.0);
        }
    }

    private record Stalled(LiveAudioInput in, FileCaptureLine line, StallingTap tap, List<Onset> onsets) {
    }

    /**
     * Runs the hits through a line that overruns like a device, with the processing thread
     * stalled once for {@code stallMs}, until the tap has seen {@code frames} frames; stopped.
     */
    private static Stalled stalled(int stallMs, long frames) throws Exception {
        FileCaptureLine line = new FileCaptureLine(HIT, PERIOD, SystemNanoClock.INSTANCE, FileCaptureLine.Fault.NONE, 0)
                .overruns();
        List<Onset> onsets = new CopyOnWriteArrayList<>();
        StallingTap tap = new StallingTap(44_100, stallMs);
        LiveAudioInput in = LiveAudioInput.builder(InputSpec.defaultInput().withSampleRate(44_100))
                .clock(SystemNanoClock.INSTANCE).detect(DetectorSettings.taps(), onsets::add)
                .sampleTap(tap).line(line).open();
        in.start();
        while (tap.frames() < frames) {
            Thread.sleep(10);
        }
        in.stop();
        return new Stalled(in, line, tap, onsets);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportNoFaultAfterANormalStop() throws Exception {
        Run r = start(FileCaptureLine.Fault.NONE);
        while (r.frames().get() < FAULT_FRAME) {
            Thread.sleep(10);
        }
        r.in().stop();
        assertThat(r.in().fault()).isNull();
        assertThat(r.line().isOpen()).as("the input closes its line").isFalse();
    }
}
