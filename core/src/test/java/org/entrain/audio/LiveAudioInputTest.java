package org.entrain.audio;

import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetSource;
import org.entrain.onset.Scores;
import org.entrain.onset.TestSignals;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live pipeline (clock map, cue queue, canceller, detector) on generated audio delivered like a
 * device: a 16-bit stereo stream whose clock runs 100 ppm fast against the engine clock, the taps in
 * channel 2.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveAudioInputTest {

    private static final float RATE = 48_000f;
    private static final double PPM = 100;
    private static final long ORIGIN = -3_000_000_000L;
    private static final long INPUT_DELAY = 2_000_000L;

    /** Engine time at which an input frame has been read. */
    private static long engineNanos(double frame) {
        return ORIGIN + INPUT_DELAY + Math.round(frame * 1e9 / (RATE * (1 + PPM * 1e-6)));
    }

    /** Delivers a mix as 16-bit stereo, counting frames for the fake engine clock. */
    private static final class DeviceStream extends InputStream {
        final byte[] bytes;
        volatile long framesDelivered;
        int pos;

        DeviceStream(float[] right) {
            bytes = new byte[right.length * 4];
            for (int i = 0; i < right.length; i++) {
                int r = Math.round(Math.max(-1f, Math.min(1f, right[i])) * 32767);
                bytes[4 * i + 2] = (byte) r;
                bytes[4 * i + 3] = (byte) (r >> 8);
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            framesDelivered = pos / 4;
            return n;
        }
    }

    @Test
    void shouldReportTapsInEngineTimeAndCancelTheCuesItIsGiven() throws Exception {
        TestSignals.Mix mix = TestSignals.mix(new TestSignals.Spec(60, RATE, 110,
                List.of(TestSignals.Hit.CLICK, TestSignals.Hit.KNOCK, TestSignals.Hit.CLAP), 150, 20, 6, 100, -6, 0.25, true, 31));
        DeviceStream device = new DeviceStream(mix.samples());
        AudioInputStream stream = new AudioInputStream(device, new AudioFormat(RATE, 16, 2, true, false), mix.samples().length);
        long latency = 30_000_000L;
        Calibration cal = new Calibration(latency, 0, 0, 1, 0);
        long[] cueFrames = mix.cueFrames();
        int[] nextCue = {0};
        List<Onset> onsets = Collections.synchronizedList(new ArrayList<>());
        LiveAudioInput[] self = new LiveAudioInput[1];
        // The engine schedules each cue 200 ms ahead; it is sent `latency` before it reaches the input.
        LiveAudioInput in = LiveAudioInput.builder(new InputSpec(null, 2, 1, RATE, 256))
                .clock(() -> engineNanos(device.framesDelivered))
                .detect(DetectorSettings.taps(), onsets::add)
                .cancelCues(TestSignals.cueSound(RATE), cal)
                .sampleTap((buf, len, first) -> {
                    while (nextCue[0] < cueFrames.length && cueFrames[nextCue[0]] < first + len + 0.2 * RATE) {
                        self[0].addCue(engineNanos(cueFrames[nextCue[0]++]) - latency);
                    }
                })
                .openStream(stream);
        self[0] = in;
        in.start();
        in.stop();

        assertThat(nextCue[0]).isEqualTo(cueFrames.length);
        long[] truth = new long[mix.hitFrames().length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = engineNanos(mix.hitFrames()[i]);
        }
        Scores s = Scores.match(truth, Scores.times(onsets), 50);
        assertThat(onsets).isNotEmpty().allMatch(o -> o.source() == OnsetSource.MICROPHONE);
        assertThat(s.fMeasure()).as("%s", s).isGreaterThanOrEqualTo(0.98);
        assertThat(s.unmatchedDetections).as("cues reported as taps").isEmpty();
        assertThat(Math.abs(s.medianErrorMs())).as("%s", s).isLessThanOrEqualTo(0.5);
        assertThat(s.p95AbsErrorMs()).as("%s", s).isLessThanOrEqualTo(2.0);
        assertThat(in.driftPpm()).isCloseTo(PPM, org.assertj.core.data.Offset.offset(20.0));
        assertThat(in.dropCount()).isZero();
    }
}
