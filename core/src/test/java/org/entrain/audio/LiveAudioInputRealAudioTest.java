package org.entrain.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.entrain.clock.SystemNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live input on the default device (in CI a PulseAudio null sink's monitor). */
@Tag("real-audio")
class LiveAudioInputRealAudioTest {

    /**
     * The processing thread stops for 300 ms once, 13 times the line's buffer of four reads: the
     * line is read on its own thread meanwhile, every buffer reaches the tap after the one before,
     * and the clock map finds no frame missing (a device overrun leaves the frame count behind real
     * time for good, which it finds as a drop). Through PulseAudio the server's record buffer would
     * hold such a stall even without the reading thread (measured 2026-12-06: a 1 s stall of a
     * plain reader lost nothing); what this checks on a real line is the reading thread and its
     * queue. The loss without them, on a device whose buffer is all there is, is
     * {@code LiveAudioInputFaultTest.shouldLoseNothingWhenProcessingStallsLongerThanTheDevicesBuffer}.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldLoseNothingOnARealLineWhenProcessingStalls() throws Exception {
        StallingTap tap = new StallingTap(44_100, 300);
        LiveAudioInput in = LiveAudioInput.builder(InputSpec.defaultInput().withSampleRate(44_100))
                .clock(SystemNanoClock.INSTANCE)
                .sampleTap(tap).open();
        in.start();
        try {
            while (tap.frames() < 4 * 44_100 && in.fault() == null) {
                Thread.sleep(10);
            }
        } finally {
            in.stop();
        }
        assertThat(in.fault()).isNull();
        assertThat(tap.gaps()).as("buffers not following the one before").isZero();
        assertThat(in.droppedFrames()).as("frames found missing, in %d drops", in.dropCount()).isZero();
    }
}
