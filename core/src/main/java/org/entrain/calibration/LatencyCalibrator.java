package org.entrain.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.entrain.audio.AudioDevices;
import org.entrain.audio.InputSpec;
import org.entrain.audio.LiveAudioInput;
import org.entrain.clock.NanoClock;
import org.entrain.onset.Calibration;

/**
 * Measures the output-to-input latency with marker bursts, REPP-style (Anglada-Tort et al. 2022,
 * Behav Res Methods: three 15 ms bursts, 280 and 230 ms apart, in the 200..340 Hz band). Stateless
 * and thread safe; {@link #measure} blocks for the length of the playback.
 *
 * <p>Each marker is found by normalized cross-correlation of the recording with the three known bursts (a matched
 * filter; normalized, so a louder unrelated sound cannot win) and interpolating the peak to a fraction of a sample, so the latency does not depend on
 * any detector's own delay. Several markers give the mean and spread; markers at the start and end
 * of a session (combine two {@link Result}s) give the drift between output and input clocks.
 */
public final class LatencyCalibrator {

    /** Burst length, ms. */
    public static final double BURST_MILLIS = 15;
    /** Burst offsets within one marker, ms. */
    static final double[] BURST_OFFSETS_MILLIS = {0, 280, 510};
    /** Time between markers in {@link #playbackSignal}, s. */
    static final double MARKER_PERIOD_S = 1.0;
    /** Silence before the first marker in {@link #playbackSignal}, s. */
    static final double LEAD_S = 0.5;
    /** Silence after the last marker in {@link #playbackSignal}, s. */
    static final double TAIL_S = 1.0;

    private LatencyCalibrator() {
    }

    /** Plays a signal and tells when each of its frames was sent, in engine time. */
    @FunctionalInterface
    public interface MarkerPlayer {
        /**
         * Plays and returns once the signal has been handed to the output.
         *
         * @param signal mono samples, full scale = 1
         * @param sampleRate in Hz
         * @return maps a frame of the signal to the engine nanos at which the output played it
         * @throws LineUnavailableException if the output cannot be opened
         */
        LongUnaryOperator play(float[] signal, float sampleRate) throws LineUnavailableException;
    }

    /**
     * One calibration run.
     *
     * @param emitNanos when each marker was played, engine nanos
     * @param arrivalNanos when each arrived on the input, engine nanos
     * @param scores each marker's normalized correlation, -1..1 (above 0.5: clearly found)
     * @param calibration the latency computed from them
     */
    public record Result(long[] emitNanos, long[] arrivalNanos, double[] scores, Calibration calibration) {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException if the arrays differ in length
         */
        public Result {
            if (emitNanos.length != arrivalNanos.length || emitNanos.length != scores.length) {
                throw new IllegalArgumentException("result arrays must have the same length");
            }
        }

        /**
         * The latency of each marker.
         *
         * @return ns, arrival minus emit
         */
        public long[] latenciesNanos() {
            long[] l = new long[emitNanos.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = arrivalNanos[i] - emitNanos[i];
            }
            return l;
        }

        /**
         * Combines two runs (the start and end of a session) into one calibration with drift.
         *
         * @param later the later run
         * @return the calibration over both
         */
        public Calibration combine(Result later) {
            long[] e = concat(emitNanos, later.emitNanos);
            long[] a = concat(arrivalNanos, later.arrivalNanos);
            return Calibration.fromMarkers(e, a);
        }

        private static long[] concat(long[] x, long[] y) {
            long[] r = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, r, x.length, y.length);
            return r;
        }
    }

    /**
     * One 15 ms burst: equal-amplitude partials every 10 Hz from 200 to 340 Hz with fixed random
     * phases, 1 ms raised-cosine ramps, peak 0.5.
     *
     * @param sampleRate in Hz
     * @return the burst
     */
    public static float[] burst(float sampleRate) {
        int len = (int) Math.round(BURST_MILLIS / 1000 * sampleRate);
        int ramp = Math.max(1, (int) Math.round(0.001 * sampleRate));
        SplittableRandom rng = new SplittableRandom(20_220_304L);
        double[] phases = new double[15];
        for (int k = 0; k < phases.length; k++) {
            phases[k] = rng.nextDouble() * 2 * Math.PI;
        }
        float[] w = new float[len];
        float peak = 0;
        for (int i = 0; i < len; i++) {
            double t = i / (double) sampleRate;
            double v = 0;
            for (int k = 0; k < phases.length; k++) {
                v += Math.sin(2 * Math.PI * (200 + 10 * k) * t + phases[k]);
            }
            double env = 1;
            if (i < ramp) {
                env = 0.5 - 0.5 * Math.cos(Math.PI * i / ramp);
            } else if (i >= len - ramp) {
                env = 0.5 - 0.5 * Math.cos(Math.PI * (len - 1 - i) / ramp);
            }
            w[i] = (float) (v * env);
            peak = Math.max(peak, Math.abs(w[i]));
        }
        for (int i = 0; i < len; i++) {
            w[i] = 0.5f * w[i] / peak;
        }
        return w;
    }

    /**
     * The playback signal: 0.5 s silence, {@code markers} markers 1 s apart, 1 s silence.
     *
     * @param sampleRate in Hz
     * @param markers how many markers (1..100)
     * @return the signal
     */
    public static float[] playbackSignal(float sampleRate, int markers) {
        checkMarkers(markers);
        float[] b = burst(sampleRate);
        int total = (int) Math.round((LEAD_S + (markers - 1) * MARKER_PERIOD_S + 0.53 + TAIL_S) * sampleRate);
        float[] s = new float[total];
        for (long f : markerFrames(sampleRate, markers)) {
            for (double off : BURST_OFFSETS_MILLIS) {
                int at = (int) (f + Math.round(off / 1000 * sampleRate));
                System.arraycopy(b, 0, s, at, b.length);
            }
        }
        return s;
    }

    /**
     * Where each marker starts in {@link #playbackSignal}.
     *
     * @param sampleRate in Hz
     * @param markers how many
     * @return frames
     */
    public static long[] markerFrames(float sampleRate, int markers) {
        checkMarkers(markers);
        long[] f = new long[markers];
        for (int i = 0; i < markers; i++) {
            f[i] = Math.round((LEAD_S + i * MARKER_PERIOD_S) * sampleRate);
        }
        return f;
    }

    private static void checkMarkers(int markers) {
        if (markers < 1 || markers > 100) {
            throw new IllegalArgumentException("markers must be between 1 and 100, was " + markers);
        }
    }

    /**
     * Finds markers in a recording.
     *
     * @param recording mono input samples
     * @param sampleRate in Hz
     * @param emitNanos when each marker was played, engine nanos
     * @param inputFrameToNanos maps an input frame to engine nanos
     * @param nanosToInputFrame the inverse
     * @param maxLatencyMillis the largest latency to search for, ms (1..2000)
     * @return the result; a marker not found has score below 0.5
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if the markers' latencies imply an impossible drift (over 1 %)
     */
    public static Result analyse(float[] recording, float sampleRate, long[] emitNanos, LongUnaryOperator inputFrameToNanos,
                                 LongUnaryOperator nanosToInputFrame, double maxLatencyMillis) {
        if (!(maxLatencyMillis >= 1 && maxLatencyMillis <= 2000)) {
            throw new IllegalArgumentException("maxLatencyMillis must be between 1 and 2000, was " + maxLatencyMillis);
        }
        float[] b = burst(sampleRate);
        int[] offs = new int[BURST_OFFSETS_MILLIS.length];
        for (int k = 0; k < offs.length; k++) {
            offs[k] = (int) Math.round(BURST_OFFSETS_MILLIS[k] / 1000 * sampleRate);
        }
        double burstEnergy = 0;
        for (float v : b) {
            burstEnergy += v * v;
        }
        int span = offs[offs.length - 1] + b.length;
        double[] prefix = new double[recording.length + 1];
        for (int i = 0; i < recording.length; i++) {
            prefix[i + 1] = prefix[i] + (double) recording[i] * recording[i];
        }
        long[] arrival = new long[emitNanos.length];
        double[] scores = new double[emitNanos.length];
        long firstLatency = 0;
        for (int m = 0; m < emitNanos.length; m++) {
            // The first marker is searched over the whole latency range (the line's reported
            // position may run ahead of the sound, so from -200 ms); the others near the first's
            // latency, +-50 ms, so that identical markers 1 s apart cannot be confused.
            long expected = nanosToInputFrame.applyAsLong(emitNanos[m]);
            long from;
            long to;
            if (m == 0) {
                from = expected - Math.round(0.2 * sampleRate);
                to = expected + Math.round(maxLatencyMillis / 1000 * sampleRate);
            } else {
                from = expected + firstLatency - Math.round(0.05 * sampleRate);
                to = expected + firstLatency + Math.round(0.05 * sampleRate);
            }
            from = Math.max(0, from);
            to = Math.min(recording.length - span, to);
            // Normalized cross-correlation, so that a louder unrelated sound cannot win.
            double best = -Double.MAX_VALUE;
            long bestLag = -1;
            double[] c = new double[(int) Math.max(0, to - from + 1)];
            for (long lag = from; lag <= to; lag++) {
                double sum = 0;
                double energy = 0;
                for (int off : offs) {
                    int base = (int) lag + off;
                    for (int i = 0; i < b.length; i++) {
                        sum += recording[base + i] * b[i];
                    }
                    energy += prefix[base + b.length] - prefix[base];
                }
                double score = energy > 0 ? sum / Math.sqrt(offs.length * burstEnergy * energy) : 0;
                c[(int) (lag - from)] = score;
                if (score > best) {
                    best = score;
                    bestLag = lag;
                }
            }
            if (bestLag < 0) {
                arrival[m] = emitNanos[m];
                scores[m] = 0;
                continue;
            }
            double frac = 0;
            int i0 = (int) (bestLag - from);
            if (i0 > 0 && i0 < c.length - 1) {
                double den = c[i0 - 1] - 2 * c[i0] + c[i0 + 1];
                if (den < 0) {
                    frac = 0.5 * (c[i0 - 1] - c[i0 + 1]) / den;
                }
            }
            scores[m] = best;
            if (m == 0) {
                firstLatency = bestLag - expected;
            }
            arrival[m] = inputFrameToNanos.applyAsLong(bestLag) + Math.round(frac * 1e9 / sampleRate);
        }
        Calibration cal;
        try {
            cal = Calibration.fromMarkers(emitNanos, arrival);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("calibration markers disagree (" + describe(emitNanos, arrival, scores)
                    + "): other sound on the input, or the output underran; " + e.getMessage());
        }
        return new Result(emitNanos.clone(), arrival, scores, cal);
    }

    private static String describe(long[] emit, long[] arrival, double[] scores) {
        StringBuilder b = new StringBuilder("latencies");
        for (int i = 0; i < emit.length; i++) {
            b.append(String.format(java.util.Locale.ROOT, " %.2f ms (r %.2f)", (arrival[i] - emit[i]) / 1e6, scores[i]));
        }
        return b.toString();
    }

    /**
     * Plays markers through an output, records them on an input and measures the latency.
     *
     * @param input the input
     * @param player the output
     * @param markers how many markers, 1 s apart (1..100; 5 or more recommended)
     * @param clock the engine clock
     * @param maxLatencyMillis the largest latency to search for, ms (1..2000)
     * @return the result
     * @throws LineUnavailableException if a device refuses
     * @throws IllegalStateException if a marker was not found (score below 0.5): too quiet or no loop from output to input
     */
    public static Result measure(InputSpec input, MarkerPlayer player, int markers, NanoClock clock,
                                 double maxLatencyMillis) throws LineUnavailableException {
        float rate = input.sampleRate();
        float[] signal = playbackSignal(rate, markers);
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
            long needFrames = in.frameAt(end) + Math.round(maxLatencyMillis / 1000 * rate) + input.bufferFrames();
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
        long[] frames = markerFrames(rate, markers);
        long[] emit = new long[markers];
        for (int i = 0; i < markers; i++) {
            emit[i] = out.applyAsLong(frames[i]);
        }
        Result r = analyse(rec, rate, emit, in::nanosAt, in::frameAt, maxLatencyMillis);
        for (int i = 0; i < markers; i++) {
            if (r.scores()[i] < 0.5) {
                throw new IllegalStateException("calibration marker " + (i + 1) + " of " + markers
                        + " not found on the input (correlation " + String.format(java.util.Locale.ROOT, "%.2f", r.scores()[i])
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

    /**
     * A player on a Java Sound output line (16-bit mono at the signal's rate, 4096 frames of line
     * buffer, written in 512-frame chunks; a longer buffer made PulseAudio's reported positions
     * meaningless). After each write the line's reported frame position {@code p} is read with the
     * clock {@code t}, giving a start estimate {@code t - p / rate}; frame {@code f} is taken to play
     * at {@code s + f / rate}, {@code s} the median of the estimates (the output's nominal rate: over
     * a few seconds 100 ppm is below 1 ms). So the latency is measured from the moment the output
     * line reports a frame as played. The median, because lines on PulseAudio report positions that
     * stall and jump (one slope fitted to the whole playback was 0.7 % off, local medians over
     * 0.25 s scattered by +-7 ms). An underrun (the writer starved) delays every later frame: it
     * shows up as spread between the markers.
     *
     * @param mixer the output device name, or null for the default
     * @param clock the engine clock
     * @return the player
     */
    public static MarkerPlayer lineOutput(String mixer, NanoClock clock) {
        return (signal, rate) -> {
            AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
            int chunk = 512;
            SourceDataLine line = AudioDevices.openOutput(mixer, format, 4096 * 2);
            long[] starts = new long[signal.length / chunk + 2];
            int n = 0;
            try {
                byte[] bytes = new byte[chunk * 2];
                line.start();
                for (int f = 0; f < signal.length; f += chunk) {
                    int len = Math.min(chunk, signal.length - f);
                    for (int i = 0; i < len; i++) {
                        int s = Math.round(Math.max(-1, Math.min(1, signal[f + i])) * 32767);
                        bytes[2 * i] = (byte) s;
                        bytes[2 * i + 1] = (byte) (s >> 8);
                    }
                    line.write(bytes, 0, 2 * len);
                    long pos = line.getLongFramePosition();
                    long now = clock.nanoTime();
                    if (pos > 0 && pos < signal.length) {
                        starts[n++] = now - Math.round(pos * 1e9 / rate);
                    }
                }
                line.drain();
            } finally {
                line.close();
            }
            if (n == 0) {
                throw new IllegalStateException("the output line never reported a frame position");
            }
            long[] sorted = Arrays.copyOf(starts, n);
            Arrays.sort(sorted);
            long start = sorted[n / 2];
            double nanosPerFrame = 1e9 / rate;
            return frame -> start + Math.round(frame * nanosPerFrame);
        };
    }
}
