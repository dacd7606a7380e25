package org.entrain.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import javax.sound.sampled.LineUnavailableException;
import org.entrain.audio.InputSpec;
import org.entrain.audio.LiveAudioInput;
import org.entrain.clock.NanoClock;

/**
 * Stateless and thread safe ({@link #measure} blocks for the length of the playback): measures the
 * output-to-input latency with marker bursts, REPP-style (Anglada-Tort et al. 2022, Behav Res
 * Methods).
 *
 * <p>The measurement run: plays the {@link CalibrationSignal} through a {@link MarkerPlayer}, records
 * it on an audio input and finds the markers with {@link MarkerAnalysis}. Markers at the start and
 * end of a session (combine two {@link MarkerAnalysis.Result}s) give the drift between output and
 * input clocks.
 */
public final class LatencyCalibrator {

    private LatencyCalibrator() {
    }

    /**
     * Plays markers through an output, records them on an input and measures the latency.
     *
     * @param input the input
     * @param player the output, e.g. a {@link LineMarkerPlayer}
     * @param markers how many markers, 1 s apart (1..100; 5 or more recommended)
     * @param clock the engine clock
     * @param maxLatencyMs the largest latency to search for, ms (1..2000)
     * @return the result
     * @throws LineUnavailableException if a device refuses
     * @throws IllegalStateException if a marker was not found (score below 0.5): too quiet or no loop from output to input
     */
    public static MarkerAnalysis.Result measure(InputSpec input, MarkerPlayer player, int markers, NanoClock clock,
                                                double maxLatencyMs) throws LineUnavailableException {
        float rate = input.sampleRate();
        float[] signal = CalibrationSignal.playbackSignal(rate, markers);
        List<float[]> chunks = new ArrayList<>();
        long[] total = new long[1];
        LiveAudioInput in = LiveAudioInput.builder(input).clock(clock).sampleTap((buf, len, first) -> {
            chunks.add(Arrays.copyOf(buf, len));
            total[0] += len;
        }).open();
        LongUnaryOperator out;
        try {
            in.start();
            waitFrames(in, Math.round(0.2 * rate));
            out = player.play(signal, rate);
            long end = out.applyAsLong(signal.length);
            long needFrames = in.frameAt(end) + Math.round(maxLatencyMs / 1000 * rate) + input.bufferFrames();
            waitFrames(in, needFrames);
        } finally {
            in.stop();
        }
        float[] rec = new float[(int) total[0]];
        int p = 0;
        for (float[] c : chunks) {
            System.arraycopy(c, 0, rec, p, c.length);
            p += c.length;
        }
        long[] frames = CalibrationSignal.markerFrames(rate, markers);
        long[] emit = new long[markers];
        for (int i = 0; i < markers; i++) {
            emit[i] = out.applyAsLong(frames[i]);
        }
        MarkerAnalysis.Result r = MarkerAnalysis.analyse(rec, rate, emit, in::nanosAt, in::frameAt, maxLatencyMs);
        for (int i = 0; i < markers; i++) {
            if (r.scores()[i] < 0.5) {
                throw new IllegalStateException("calibration marker " + (i + 1) + " of " + markers
                        + " not found on the input (correlation " + String.format(Locale.ROOT, "%.2f", r.scores()[i])
                        + "): is the output audible at the input, and loud enough?");
            }
        }
        return r;
    }

    private static void waitFrames(LiveAudioInput in, long frames) {
        long limit = System.nanoTime() + 30_000_000_000L;
        while (in.framesRead() < frames) {
            if (System.nanoTime() - limit > 0) {
                throw new IllegalStateException("audio input stalled at frame " + in.framesRead() + " waiting for " + frames);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }
}
