package org.entrain.cancel;

import java.util.Arrays;
import org.entrain.onset.DetectorSettings;

/**
 * Removes the cue's own sound from a microphone signal by subtracting an aligned, gain-fitted copy
 * of the known cue waveform at every scheduled cue. Not thread safe: one thread feeds it and adds
 * cues.
 *
 * <p>For a cue expected to start at input frame {@code f} (its engine time plus the calibrated
 * output-to-input latency, on the input's clock), the canceller searches lags {@code -maxLag ..
 * +maxLag} samples for the largest correlation {@code c} of the input with the template, fits the
 * gain {@code g = c / |template|^2} (least squares) and subtracts {@code g * template} there. A tap
 * that coincides with a cue barely correlates with the cue's tone, so it survives the subtraction.
 * What is left of the cue (room echoes, a poorly matched template) is mostly outside the tap
 * detector's band ({@link DetectorSettings#taps()} stops at 1.2 kHz; the project's test cue is at
 * 2.5 kHz). Room reflections of the cue, which a dry template leaves behind, are removed by a short
 * matching pursuit after each cue (up to four echoes within 3/8 of the template's length). A
 * template recorded in the room ({@link #estimateTemplate}) holds the room already. With headphones
 * none of this is needed.
 *
 * <p>The output is the input delayed by {@link #delaySamples()} samples (template length, twice the lag
 * range and the echo window): that much is added to the live latency. No allocation after
 * construction.
 */
public final class CueCanceller {

    private static final int ECHOES = 4;

    private final float[] template;
    private final int echoAttack;
    private final int echoWindow;
    private final float[] work;
    private final double[] echoCorr;
    private final double[] shifted;
    private final double attackEnergy;
    private final double templateEnergy;
    private final int maxLag;
    private final int delay;
    private final float[] ring;
    private final int mask;
    private final long[] cues;
    private int cueHead;
    private int cueTail;
    private long lastCue = Long.MIN_VALUE;
    private long n;
    private int cancelled;
    private double lastGain;

    /**
     * Creates a canceller.
     *
     * @param template the cue's waveform as the microphone hears it (or as played), 16 samples or more
     * @param maxLagSamples how far the actual cue may be from its expected frame, in samples (0..4096)
     * @param maxPendingCues how many cues may be queued ahead (1 or more)
     * @throws IllegalArgumentException on an empty or silent template or a value out of range
     */
    public CueCanceller(float[] template, int maxLagSamples, int maxPendingCues) {
        if (template == null || template.length < 16) {
            throw new IllegalArgumentException("cue template must have 16 samples or more, had "
                    + (template == null ? 0 : template.length));
        }
        if (maxLagSamples < 0 || maxLagSamples > 4096) {
            throw new IllegalArgumentException("maxLagSamples must be between 0 and 4096, was " + maxLagSamples);
        }
        if (maxPendingCues < 1) {
            throw new IllegalArgumentException("maxPendingCues must be 1 or more, was " + maxPendingCues);
        }
        this.template = template.clone();
        double e = 0;
        for (float v : template) {
            e += v * v;
        }
        if (!(e > 0)) {
            throw new IllegalArgumentException("cue template must not be silent");
        }
        this.templateEnergy = e;
        this.maxLag = maxLagSamples;
        // Echo search: the first 1/8 of the template against lags up to 3/8 of its length
        // (10 ms and 30 ms for an 80 ms cue).
        this.echoAttack = Math.max(8, template.length / 8);
        this.echoWindow = Math.max(8, 3 * template.length / 8);
        double ae = 0;
        for (int i = 0; i < Math.min(template.length, echoAttack); i++) {
            ae += template[i] * template[i];
        }
        this.attackEnergy = ae;
        this.delay = template.length + 2 * maxLagSamples + echoWindow + 2;
        this.work = new float[template.length + 2 * maxLagSamples + echoWindow + 2];
        this.echoCorr = new double[echoWindow];
        // shifted[d + echoWindow] = sum over the attack of template[i] * template[i + d].
        this.shifted = new double[2 * echoWindow + 1];
        for (int d = -echoWindow; d <= echoWindow; d++) {
            double c = 0;
            for (int i = 0; i < Math.min(template.length, echoAttack); i++) {
                int k = i + d;
                if (k >= 0 && k < template.length) {
                    c += template[i] * template[k];
                }
            }
            shifted[d + echoWindow] = c;
        }
        int size = Integer.highestOneBit(2 * delay + 16) << 1;
        this.ring = new float[size];
        this.mask = size - 1;
        this.cues = new long[maxPendingCues];
    }

    /**
     * The output's delay behind the input.
     *
     * @return samples
     */
    public int delaySamples() {
        return delay;
    }

    /**
     * Schedules a cue: call before the input reaches {@code frame}, in ascending order.
     *
     * @param frame the input frame (0 = first sample fed) where the cue is expected to start
     * @return false if the queue was full or the frame not after the previous cue (the cue is not added)
     */
    public boolean addCue(long frame) {
        if (cueTail - cueHead == cues.length || (cueTail > 0 && frame - lastCue <= 0)) {
            return false;
        }
        cues[cueTail++ % cues.length] = frame;
        lastCue = frame;
        return true;
    }

    /**
     * Cues subtracted so far.
     *
     * @return the count
     */
    public int cancelledCount() {
        return cancelled;
    }

    /**
     * The gain fitted to the last cue subtracted.
     *
     * @return the gain, 0 before the first
     */
    public double lastGain() {
        return lastGain;
    }

    /**
     * Feeds input and writes the same number of output samples, delayed by {@link #delaySamples()}.
     *
     * @param in input samples
     * @param inOffset first input sample
     * @param length how many
     * @param out output buffer (may be {@code in})
     * @param outOffset first output sample
     */
    public void process(float[] in, int inOffset, int length, float[] out, int outOffset) {
        for (int k = 0; k < length; k++) {
            float x = in[inOffset + k];
            ring[(int) (n & mask)] = x;
            n++;
            while (cueHead != cueTail) {
                long f = cues[cueHead % cues.length];
                if (n - (f + template.length + maxLag + echoWindow + 2) < 0) {
                    break;
                }
                cueHead++;
                cancel(f);
            }
            long outIndex = n - 1 - delay;
            out[outOffset + k] = outIndex < 0 ? 0f : ring[(int) (outIndex & mask)];
        }
    }

    private void cancel(long f) {
        long earliest = n - 1 - delay;
        long r0 = f - maxLag;
        // Work on a linear copy of the region: no ring masking in the inner loops.
        for (int i = 0; i < work.length; i++) {
            long at = r0 + i;
            work[i] = at >= 0 ? ring[(int) (at & mask)] : 0f;
        }
        int first = (int) Math.max(0, Math.max(earliest + 1 - r0, -r0));
        double best = 0;
        int bestOff = -1;
        // Every lag: with a tonal cue, a lag one period away can beat the true lag's neighbour,
        // so a coarse grid is not safe.
        for (int off = first; off <= 2 * maxLag; off++) {
            double c = correlation(off, template.length);
            if (c > best) {
                best = c;
                bestOff = off;
            }
        }
        if (bestOff < 0) {
            return;
        }
        double g = best / templateEnergy;
        subtract(bestOff, g);
        lastGain = g;
        cancelled++;
        cancelEchoes(bestOff, g);
        for (int i = first; i < work.length; i++) {
            ring[(int) ((r0 + i) & mask)] = work[i];
        }
    }

    private double correlation(int off, int length) {
        double c = 0;
        for (int i = 0; i < length; i++) {
            c += work[off + i] * template[i];
        }
        return c;
    }

    private void subtract(int off, double gain) {
        for (int i = 0; i < template.length; i++) {
            work[off + i] = (float) (work[off + i] - gain * template[i]);
        }
    }

    /**
     * Room reflections are delayed, scaled copies of the cue that a dry template leaves behind, and
     * their attacks look like taps. Matching pursuit: the template's attack is correlated with what
     * follows the cue at every lag up to {@code echoWindow} samples; up to {@link #ECHOES} times the
     * largest correlation is taken if the normalized correlation there is 0.4 or more (a tap, which does not sound like the cue,
     * is left alone), its gain is fitted over the whole template, it is subtracted, and every lag's
     * correlation is updated exactly from the template's precomputed self-correlation.
     */
    private void cancelEchoes(int mainOff, double mainGain) {
        int attack = Math.min(template.length, echoAttack);
        int lags = echoWindow;
        for (int j = 0; j < lags; j++) {
            echoCorr[j] = correlation(mainOff + j + 1, attack);
        }
        for (int k = 0; k < ECHOES; k++) {
            int bestJ = -1;
            double best = 0;
            for (int j = 0; j < lags; j++) {
                double c = Math.abs(echoCorr[j]);
                if (c > best) {
                    best = c;
                    bestJ = j;
                }
            }
            if (bestJ < 0) {
                return;
            }
            int off = mainOff + bestJ + 1;
            double e = 0;
            for (int i = 0; i < attack; i++) {
                e += work[off + i] * work[off + i];
            }
            if (e <= 0 || best / Math.sqrt(e * attackEnergy) < 0.4) {
                return;
            }
            double g = correlation(off, template.length) / templateEnergy;
            if (Math.abs(g) > Math.abs(mainGain)) {
                return;
            }
            subtract(off, g);
            // Exact update of every lag's correlation after the subtraction (matching pursuit).
            for (int j = 0; j < lags; j++) {
                echoCorr[j] -= g * shifted[j - bestJ + lags];
            }
        }
    }

    /**
     * Estimates the cue's waveform as the microphone heard it, from a recording and the cue frames:
     * the sample-by-sample median of the recording at every cue, each aligned within {@code
     * +-maxLagSamples} to a first mean. Taps that coincide with fewer than half of the cues drop
     * out. Captures the room's echo of the cue, which a dry template cannot.
     *
     * @param recording the mono recording
     * @param cueFrames where each cue is expected to start
     * @param length template length, in samples (16 or more)
     * @param maxLagSamples alignment search range, in samples (0 or more)
     * @return the template, or null if no cue lies within the recording
     * @throws IllegalArgumentException if a value is out of range
     */
    public static float[] estimateTemplate(float[] recording, long[] cueFrames, int length, int maxLagSamples) {
        if (length < 16 || maxLagSamples < 0) {
            throw new IllegalArgumentException("template length must be >= 16 and maxLagSamples >= 0, were "
                    + length + ", " + maxLagSamples);
        }
        double[] sum = new double[length];
        int count = 0;
        for (long f : cueFrames) {
            if (f >= 0 && f + length <= recording.length) {
                for (int i = 0; i < length; i++) {
                    sum[i] += recording[(int) f + i];
                }
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        float[] first = new float[length];
        for (int i = 0; i < length; i++) {
            first[i] = (float) (sum[i] / count);
        }
        long[] starts = new long[cueFrames.length];
        int aligned = 0;
        for (long f : cueFrames) {
            double best = Double.NEGATIVE_INFINITY;
            long bestStart = -1;
            for (int lag = -maxLagSamples; lag <= maxLagSamples; lag++) {
                long s = f + lag;
                if (s < 0 || s + length > recording.length) {
                    continue;
                }
                double c = 0;
                for (int i = 0; i < length; i++) {
                    c += recording[(int) s + i] * first[i];
                }
                if (c > best) {
                    best = c;
                    bestStart = s;
                }
            }
            if (bestStart >= 0) {
                starts[aligned++] = bestStart;
            }
        }
        // Median across cues, sample by sample: a tap that coincides with a minority of the cues
        // (a synchronized tapper) would leak into a mean and then be subtracted at every cue.
        float[] t = new float[length];
        float[] column = new float[aligned];
        for (int i = 0; i < length; i++) {
            for (int k = 0; k < aligned; k++) {
                column[k] = recording[(int) starts[k] + i];
            }
            Arrays.sort(column);
            t[i] = aligned % 2 == 1 ? column[aligned / 2] : 0.5f * (column[aligned / 2 - 1] + column[aligned / 2]);
        }
        return t;
    }
}
