package org.entrain.cancel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.entrain.dsp.Biquad;
import org.entrain.dsp.Fft;
import org.entrain.onset.DetectorSettings;
import org.entrain.schedule.CueEvent;

/**
 * Removes the cues' own sound from a recording with the exact rendered reference of every cue
 * (acoustic echo cancellation with a known reference). Stateless and thread safe.
 *
 * <p>Steps, all found from the recording itself:
 * <ol>
 * <li><b>Coarse offset</b>: the dry reference track of the first cues (each voice's one-shot at its
 * scheduled sample, scaled by velocity as rendered) is cross-correlated (FFT, 4x decimated) with
 * the start of the recording over lags {@code -0.2 s .. maxOffset}: the recording may start up to
 * {@link CancellationSettings#maxOffsetSeconds()} before the first cue; either polarity.</li>
 * <li><b>Per-cue alignment</b>: a first speaker and room path is fitted on the count-in (as in
 * step 3) with every cue at the coarse offset, from 6 ms before it, and cut to 32 taps before its
 * direct sound; each cue's reference filtered with it, its first 25 ms after the direct sound and
 * what precedes it, is correlated with the
 * recording within +-6 ms of the coarse offset until five cues are found, then +-2 ms of the delay
 * tracked so far (by sound: the median over the sounds of each one's last five found, moved along
 * the slope of the last 16 found), refined to a fraction of a sample (parabola through the peak
 * of |correlation|); cues whose normalised correlation is below 0.3 are skipped.
 * A line through the cues gives latency and clock drift, with an intercept per sound (in a room a
 * sound's dry attack aligns off the direct sound by a constant of its own): the Theil-Sen slope of
 * the sound whose cues lie most on their own line, refined over pairs of the same sound on their
 * lines; every cue is placed at the earliest intercept of a sound whose cues mostly agree (see
 * {@code lineByVoice}). The cues are <i>heard</i> when 3 or more and 30 % of the cues in the
 * recording lie within 0.5 ms of their sound's line.</li>
 * <li><b>Speaker and room path</b>: an FIR of {@link CancellationSettings#firMs()} (plus 32
 * taps before the direct path) fitted by regularised least squares in the frequency domain
 * ({@code H = Y X* / (|X|^2 + 1e-3 mean |X|^2)}) between the placed dry references and the
 * recording over the count-in: the cues of the first {@link CancellationSettings#countInBars()}
 * bars, up to 80 ms before the first cue after them (a client may tap that early). The count-in
 * must be listen-only: a tap there is fitted as part of the room.</li>
 * <li><b>Cancellation</b>: each (voice, velocity) reference is convolved with the FIR once; the
 * result is placed at every cue with a cubic (Lagrange) fractional delay and subtracted.</li>
 * <li><b>Depth</b>: the detection band's energy of the recording over the count-in cues (150 ms
 * from each) against the residual's: the cancellation depth, in dB.</li>
 * <li><b>Gate</b>: each cue's predicted sound scaled by the residue its voice left on the
 * count-in, plus the margin; and, from where the path fades out, the room's tail that the path
 * does not hold (nothing cancels it there): the path's decay continued at full strength, its
 * level measured on the count-in's residual past each cue's fade, with 3 dB more margin (a tonal
 * tail swells over its mean), until it sinks under the residual's noise floor (see {@code
 * unmodelledTail}, {@code tailGain}, {@code aboveNoise}).</li>
 * </ol>
 *
 * <p>The room path is fitted once and not tracked; a room that changes during the recording
 * (someone walks between speaker and microphone) lowers the depth only where it changed.
 */
public final class CueCancellation {

    private static final int DECIMATION = 4;
    static final int PRE_TAPS = 32;

    private CueCancellation() {
    }

    /**
     * What cancellation found and left.
     *
     * @param residual the recording minus the predicted cue sound (the recording itself when the cues were not heard)
     * @param predicted the predicted cue sound at the microphone, or null when the cues were not heard
     * @param gate what the detector takes as background: each cue's predicted sound scaled by the residue measured
     *        for its voice on the count-in, plus the margin, and the room's tail past the path's end; null when the
     *        cues were not heard
     * @param heard whether the cues were found in the recording
     * @param latencyNanos where the cues' time 0 lies in the recording (recording start to the cue's arrival), ns
     * @param driftPpm the recording clock's drift against the cue schedule, ppm (the line's slope)
     * @param polarity +1 or -1: the sign of the correlation with the reference
     * @param cuesAligned how many cues lie within 0.5 ms of the fitted line
     * @param cueFrames where each cue's sample 0 lies in the recording, fractional frames (the fitted line; schedule
     *        frames plus the coarse offset when not heard)
     * @param depthDb the cancellation depth on the count-in, dB (NaN when not heard)
     * @param noiseFloor the residual's noise floor in the detection band, mean energy per sample (its quietest 20 ms
     *        blocks, 10th percentile); 0 when not heard
     */
    public record Result(float[] residual, float[] predicted, float[] gate, boolean heard, double latencyNanos, double driftPpm,
                         int polarity, int cuesAligned, double[] cueFrames, double depthDb, double noiseFloor) {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException if the residual or cue frames are missing
         */
        public Result {
            if (residual == null || cueFrames == null) {
                throw new IllegalArgumentException("residual and cue frames must not be null");
            }
        }
    }

    /**
     * Cancels the cues in a recording.
     *
     * @param recording mono samples, full scale = 1
     * @param rate the recording's sample rate, Hz (the references' rate)
     * @param cues the cue schedule the recording was made with (times from the first cue)
     * @param refs the exact sound of each voice
     * @param band the detector tuning whose band the depth is measured in
     * @param settings the alignment and room-fit settings
     * @return what was found
     * @throws IllegalArgumentException if the rates differ or a value is out of range
     */
    public static Result cancel(float[] recording, float rate, List<CueEvent> cues, CueReferences refs,
                                DetectorSettings band, CancellationSettings settings) {
        if (refs.sampleRate() != rate) {
            throw new IllegalArgumentException("the cue references are at " + refs.sampleRate()
                    + " Hz but the recording is at " + rate + " Hz");
        }
        int n = cues.size();
        if (n == 0 || recording.length == 0) {
            return new Result(recording, null, null, false, 0, 0, 1, 0, new double[n], Double.NaN, 0);
        }
        float[][] ref = new float[n][];
        double[] sched = new double[n];
        for (int k = 0; k < n; k++) {
            CueEvent c = cues.get(k);
            ref[k] = refs.sound(c.voice(), c.velocity());
            sched[k] = c.timeNanos() / 1e9 * rate;
        }
        // The coarse search correlates the count-in only: the cue track repeats every bar, and only
        // the count-in has silence (the recording's lead-in) before it, which picks the true bar.
        long bar0 = cues.get(0).bar();
        double span = sched[n - 1] / rate + 0.3;
        for (int k = 0; k < n; k++) {
            if (cues.get(k).bar() >= bar0 + settings.countInBars()) {
                span = Math.max(0.3, sched[k] / rate - 0.05);
                break;
            }
        }
        double coarse = coarseOffset(recording, rate, sched, ref, settings.maxOffsetSeconds(), span);

        // Per-cue alignment, tracking the delay so drift can accumulate beyond the window.
        int attack = Math.round(0.025f * rate);
        int window = Math.round(0.006f * rate);
        int narrow = Math.round(0.002f * rate);
        double[] delay = new double[n];
        int[] sign = new int[n];
        boolean[] ok = new boolean[n];
        int nFound = 0;
        int[] keys = new int[n];
        for (int k = 0; k < n; k++) {
            keys[k] = key(cues.get(k));
        }
        // Aligned with room-filtered references: in a room a cue's dry attack aligns on a
        // reflection or a tonal voice's period (the other kit's cues scattered 1-7 ms there, and
        // were taken for not heard or locked 14 ms late: every cue a tap).
        float[][] alignRef = ref;
        int alignPre = 0;
        float[] path = countInPath(recording, rate, sched, ref, cues, coarse, window, settings);
        if (path != null) {
            // The path from just before its direct sound: its earliest tap of half the largest.
            float max = 0;
            for (float v : path) {
                max = Math.max(max, Math.abs(v));
            }
            int direct = 0;
            while (Math.abs(path[direct]) < 0.5f * max) {
                direct++;
            }
            int from = Math.max(0, direct - PRE_TAPS);
            float[] h = Arrays.copyOfRange(path, from, path.length);
            alignPre = direct - from;
            Map<Integer, float[]> byKey = filterEach(cues, ref, h);
            alignRef = new float[n][];
            for (int k = 0; k < n; k++) {
                alignRef[k] = byKey.get(key(cues.get(k)));
            }
        }
        for (int k = 0; k < n; k++) {
            // +-6 ms around the coarse offset until five cues are found, then +-2 ms around the
            // tracked delay (drift moves it by microseconds per beat): by sound, along the slope
            // of the last 16 found (see tracked). Tracked from the first cue by the median of the
            // last five, a room's cues walked away from the coarse offset, each aligned on the late side of the last (a
            // reflection, a tonal voice's period), 14 ms in five cues, and locked there.
            boolean tracked = nFound >= 5;
            double centre = sched[k] + (tracked ? tracked(sched, delay, ok, keys, k) : coarse);
            double found = alignOne(recording, alignRef[k], attack + alignPre, centre - alignPre, tracked ? narrow : window,
                    sign, k) + alignPre;
            if (!Double.isNaN(found)) {
                ok[k] = true;
                delay[k] = found - sched[k];
                nFound++;
            }
        }
        double tol = 0.0005 * rate;
        Line line = lineByVoice(sched, delay, ok, keys, rate, tol);
        double slope = line.slope();
        double intercept = line.intercept();
        int inliers = 0;
        int pos = 0;
        int inRecording = 0;
        for (int k = 0; k < n; k++) {
            double at = sched[k] + intercept + slope * sched[k];
            if (at >= 0 && at < recording.length) {
                inRecording++;
            }
            if (line.inlier()[k]) {
                inliers++;
                pos += sign[k];
            }
        }
        boolean heard = !Double.isNaN(slope) && inliers >= 3 && inliers >= 0.3 * inRecording;
        double[] frames = new double[n];
        if (!heard) {
            for (int k = 0; k < n; k++) {
                frames[k] = sched[k] + coarse;
            }
            return new Result(recording, null, null, false, coarse / rate * 1e9, 0, 1, inliers, frames, Double.NaN, 0);
        }
        for (int k = 0; k < n; k++) {
            frames[k] = sched[k] + intercept + slope * sched[k];
        }
        int polarity = pos >= 0 ? 1 : -1;

        // Count-in: the cues of the first bars; fall back to the first four cues in the recording.
        int firstIn = 0;
        while (firstIn < n && frames[firstIn] < 0) {
            firstIn++;
        }
        int endCountIn = firstIn;
        long firstBar = firstIn < n ? cues.get(firstIn).bar() : 0;
        while (endCountIn < n && cues.get(endCountIn).bar() < firstBar + settings.countInBars()) {
            endCountIn++;
        }
        if (endCountIn - firstIn < 1) {
            endCountIn = Math.min(n, firstIn + 4);
        }
        int lh = (int) Math.round(settings.firMs() / 1000 * rate);
        float[] fir = fitRoom(recording, rate, frames, ref, firstIn, endCountIn, lh);

        Map<Integer, float[]> filtered = filterEach(cues, ref, fir);
        float[] predicted = new float[recording.length];
        for (int k = 0; k < n; k++) {
            place(predicted, filtered.get(key(cues.get(k))), frames[k] - PRE_TAPS);
        }
        float[] residual = new float[recording.length];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = recording[i] - predicted[i];
        }
        double noise = noiseFloor(residual, rate, band);
        double depth = depthDb(recording, residual, rate, frames, firstIn, endCountIn, band, noise);
        float[] tail = unmodelledTail(fir, lh, ROOM_FADE, rate);
        Map<Integer, float[]> tails = tail == null ? Map.of() : filterEach(cues, ref, tail);
        double tailGain = tail == null ? 0 : tailGain(tails, residual, rate, cues, frames, firstIn, endCountIn,
                lh - Math.max(1, (int) (lh * ROOM_FADE)), band, noise, settings.marginDb());
        Map<Integer, float[]> audible = new HashMap<>();
        for (Map.Entry<Integer, float[]> e : tails.entrySet()) {
            audible.put(e.getKey(), aboveNoise(e.getValue(), tailGain, settings.marginDb(), noise, rate, band));
        }
        tails = audible;
        float[] gate = gate(residual, rate, cues, frames, filtered, tails, tailGain, firstIn, endCountIn, band, depth, settings.marginDb(),
                noise);
        return new Result(residual, predicted, gate, true, intercept / rate * 1e9, slope * 1e6, polarity, inliers, frames,
                depth, noise);
    }

    /** A cue's sound: its (voice, velocity). */
    private static int key(CueEvent c) {
        return c.voice().ordinal() * 128 + c.velocity();
    }

    /** Each sound of the cues (by {@link #key}) convolved with {@code fir}, once per sound. */
    private static Map<Integer, float[]> filterEach(List<CueEvent> cues, float[][] ref, float[] fir) {
        Map<Integer, float[]> out = new HashMap<>();
        for (int k = 0; k < cues.size(); k++) {
            if (!out.containsKey(key(cues.get(k)))) {
                out.put(key(cues.get(k)), Fft.convolve(ref[k], fir));
            }
        }
        return out;
    }

    /**
     * The speaker and room path fitted on the count-in with every cue at the coarse offset (one
     * latency for every sound), from {@code slack} samples before it (the coarse lag is 4x
     * decimated, and a room's dry attacks align off it), or null if the count-in holds under two cues.
     */
    private static float[] countInPath(float[] recording, float rate, double[] sched, float[][] ref, List<CueEvent> cues,
                                       double coarse, int slack, CancellationSettings settings) {
        int n = sched.length;
        int first = 0;
        while (first < n && sched[first] + coarse - slack - PRE_TAPS < 0) {
            first++;
        }
        if (first == n) {
            return null;
        }
        int end = first;
        while (end < n && cues.get(end).bar() < cues.get(first).bar() + settings.countInBars()) {
            end++;
        }
        if (end - first < 2) {
            return null;
        }
        double[] frames = new double[n];
        for (int k = 0; k < n; k++) {
            frames[k] = sched[k] + coarse - slack;
        }
        return fitRoom(recording, rate, frames, ref, first, end, (int) Math.round(settings.firMs() / 1000 * rate) + slack);
    }

    /**
     * The delay expected at cue {@code k}: the slope is the median over pairs of the same sound
     * among the last 16 cues found before it (over every pair if none; within +-500 ppm); each
     * sound among those 16 gives the median of its own last five found moved along it, and the
     * expected delay is the median over the sounds (lower middle of an even count). By sound, not by
     * cue: in a room one sound's cues can align off the others' by a constant of its own (the
     * other kit's claves, half the cues, 2 ms late), and a line through cues of mixed sounds took
     * that for drift: it walked 10 ms late in 70 cues and the cues were taken for not heard.
     * Allocates.
     */
    private static double tracked(double[] sched, double[] delay, boolean[] ok, int[] keys, int k) {
        int[] idx = new int[16];
        int m = 0;
        for (int j = k - 1; j >= 0 && m < idx.length; j--) {
            if (ok[j]) {
                idx[m++] = j;
            }
        }
        double[] sl = new double[m * (m - 1) / 2];
        int ns = 0;
        for (int pass = 0; pass < 2 && ns == 0; pass++) {
            for (int a = 0; a < m; a++) {
                for (int b = a + 1; b < m; b++) {
                    double dx = sched[idx[a]] - sched[idx[b]];
                    if (dx > 0 && (pass == 1 || keys[idx[a]] == keys[idx[b]])) {
                        sl[ns++] = (delay[idx[a]] - delay[idx[b]]) / dx;
                    }
                }
            }
        }
        double slope = 0;
        if (ns > 0) {
            Arrays.sort(sl, 0, ns);
            slope = Math.max(-5e-4, Math.min(5e-4, sl[ns / 2]));
        }
        double[] bySound = new double[m];
        int nSounds = 0;
        for (int a = 0; a < m; a++) {
            int key = keys[idx[a]];
            boolean seen = false;
            for (int b = 0; b < a; b++) {
                seen |= keys[idx[b]] == key;
            }
            if (seen) {
                continue;
            }
            double[] at = new double[5];
            int mo = 0;
            for (int j = k - 1; j >= 0 && mo < at.length; j--) {
                if (ok[j] && keys[j] == key) {
                    at[mo++] = delay[j] + slope * (sched[k] - sched[j]);
                }
            }
            Arrays.sort(at, 0, mo);
            bySound[nSounds++] = at[(mo - 1) / 2];
        }
        Arrays.sort(bySound, 0, nSounds);
        return bySound[(nSounds - 1) / 2];
    }

    /** Coarse lag (samples) of the cue track in the recording, from the decimated cross-correlation of the first cues. */
    static double coarseOffset(float[] y, float rate, double[] sched, float[][] ref, double maxOffsetSeconds,
                               double span) {
        return coarseOffset(y, rate, sched, ref, maxOffsetSeconds, span, 0.05);
    }

    /**
     * As {@link #coarseOffset(float[], float, double[], float[][], double, double)}, the best peak
     * taken within {@code refineSeconds} after the earliest near the maximum (the live canceller
     * takes 2 ms: in a room a reflection can correlate more than the direct path within 50 ms).
     */
    static double coarseOffset(float[] y, float rate, double[] sched, float[][] ref, double maxOffsetSeconds,
                               double span, double refineSeconds) {
        double[] r = phat(y, rate, sched, ref, maxOffsetSeconds, span);
        int minLag = minLag(rate);
        return pick(r, minLag, r.length - 1 + minLag, max(r), refineSeconds, rate) * (double) DECIMATION;
    }

    /**
     * The candidate lags (samples, ascending) of the cue track in the recording, one per cluster
     * of the correlation's peaks: a lag where it reaches half its maximum opens a 50 ms cluster,
     * whose candidate is picked as {@link #coarseOffset(float[], float, double[], float[][],
     * double, double, double)} picks (the earliest near the cluster's maximum, then the best within
     * {@code refineSeconds}). A cue track of a steady beat correlates one beat off nearly as well
     * as at its lag (all its cues but one in place): the caller tells them apart by how many cues
     * align there.
     *
     * @return up to {@code most} lags, samples
     */
    static double[] coarseCandidates(float[] y, float rate, double[] sched, float[][] ref, double maxOffsetSeconds,
                                     double span, double refineSeconds, int most) {
        double[] r = phat(y, rate, sched, ref, maxOffsetSeconds, span);
        int minLag = minLag(rate);
        int maxLag = r.length - 1 + minLag;
        double max = max(r);
        int cluster = (int) Math.ceil(0.05 * rate / DECIMATION);
        double[] out = new double[most];
        int n = 0;
        for (int lag = minLag; lag <= maxLag && n < most; lag++) {
            if (Math.abs(r[lag - minLag]) < 0.5 * max) {
                continue;
            }
            int end = Math.min(maxLag, lag + cluster);
            double clusterMax = 0;
            for (int l = lag; l <= end; l++) {
                clusterMax = Math.max(clusterMax, Math.abs(r[l - minLag]));
            }
            out[n++] = pick(r, minLag, end, clusterMax, refineSeconds, rate) * (double) DECIMATION;
            lag = end;
        }
        return Arrays.copyOf(out, n);
    }

    private static int minLag(float rate) {
        return -(int) Math.ceil(0.2 * rate / DECIMATION);
    }

    private static double max(double[] r) {
        double max = 0;
        for (double v : r) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** The earliest lag from {@code minLag} near {@code max}, then the best within {@code refineSeconds} of it (decimated lags). */
    private static int pick(double[] r, int minLag, int maxLag, double max, double refineSeconds, float rate) {
        int first = minLag;
        while (first < maxLag && Math.abs(r[first - minLag]) < 0.8 * max) {
            first++;
        }
        double best = -1;
        int bestLag = first;
        int to = Math.min(maxLag, first + (int) Math.ceil(refineSeconds * rate / DECIMATION));
        for (int lag = first; lag <= to; lag++) {
            double c = Math.abs(r[lag - minLag]);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        return bestLag;
    }

    /**
     * The decimated cross-correlation of the recording with the cue track, index 0 at lag {@link
     * #minLag} (0.2 s before the schedule) up to {@code maxOffsetSeconds + 0.2} s after it.
     */
    private static double[] phat(float[] y, float rate, double[] sched, float[][] ref, double maxOffsetSeconds,
                                 double span) {
        int maxLag = (int) Math.ceil((maxOffsetSeconds + 0.2) * rate / DECIMATION);
        int minLag = minLag(rate);
        int xLen = (int) Math.ceil(span * rate / DECIMATION) + 1;
        double[] x = new double[xLen];
        for (int k = 0; k < sched.length && sched[k] / rate < span; k++) {
            long s0 = Math.round(sched[k]);
            for (int i = 0; i < ref[k].length; i++) {
                long j = (s0 + i) / DECIMATION;
                if (j < xLen) {
                    x[(int) j] += ref[k][i];
                }
            }
        }
        int yLen = Math.min((y.length + DECIMATION - 1) / DECIMATION, xLen + maxLag);
        int size = Fft.size((long) yLen + xLen - minLag);
        double[] yr = new double[size];
        double[] yi = new double[size];
        double[] xr = new double[size];
        double[] xi = new double[size];
        for (int i = 0; i < yLen; i++) {
            double s = 0;
            for (int d = 0; d < DECIMATION; d++) {
                int at = i * DECIMATION + d;
                if (at < y.length) {
                    s += y[at];
                }
            }
            yr[i] = s;
        }
        System.arraycopy(x, 0, xr, 0, xLen);
        Fft.transform(yr, yi, false);
        Fft.transform(xr, xi, false);
        // Generalised cross-correlation with a partial phase transform (PHAT, exponent 0.8): in a
        // room, the plain correlation of a tonal cue has peaks at its reflections as high as at
        // the direct path; whitening the cross-spectrum sharpens the direct path's peak. Bins where
        // the reference has no energy carry only noise: they are left out.
        double meanX = 0;
        for (int i = 0; i < size; i++) {
            meanX += xr[i] * xr[i] + xi[i] * xi[i];
        }
        meanX /= size;
        for (int i = 0; i < size; i++) {
            double px = xr[i] * xr[i] + xi[i] * xi[i];
            double r = yr[i] * xr[i] + yi[i] * xi[i];
            double im = yi[i] * xr[i] - yr[i] * xi[i];
            double mag = Math.hypot(r, im);
            double w = px > 1e-3 * meanX && mag > 0 ? Math.pow(mag, -0.8) : 0;
            yr[i] = r * w;
            yi[i] = im * w;
        }
        Fft.transform(yr, yi, true);
        double[] r = new double[maxLag - minLag + 1];
        for (int lag = minLag; lag <= maxLag; lag++) {
            r[lag - minLag] = yr[(lag + size) % size];
        }
        return r;
    }

    /** Fractional frame of a cue's sample 0 near {@code centre}, or NaN if it does not correlate. */
    static double alignOne(float[] y, float[] ref, int attack, double centre, int window, int[] sign, int k) {
        return alignOne(y, ref, attack, centre, window, sign, k, null);
    }

    /**
     * As {@link #alignOne(float[], float[], int, double, int, int[], int)}; {@code score[k]}, when
     * given, gets the normalised correlation there (0 when it does not correlate).
     */
    static double alignOne(float[] y, float[] ref, int attack, double centre, int window, int[] sign, int k,
                           double[] score) {
        if (score != null) {
            score[k] = 0;
        }
        int a = Math.min(attack, ref.length);
        double ea = 0;
        for (int i = 0; i < a; i++) {
            ea += ref[i] * ref[i];
        }
        int c0 = (int) Math.round(centre);
        if (c0 - window - 1 < 0 || c0 + window + 1 + a > y.length || !(ea > 0)) {
            return Double.NaN;
        }
        int lags = 2 * window + 3;
        double[] corr = new double[lags];
        int bestI = -1;
        double best = 0;
        for (int li = 0; li < lags; li++) {
            int s = c0 - window - 1 + li;
            double c = 0;
            for (int i = 0; i < a; i++) {
                c += y[s + i] * ref[i];
            }
            corr[li] = c;
            if (li > 0 && li < lags - 1 && Math.abs(c) > best) {
                best = Math.abs(c);
                bestI = li;
            }
        }
        if (bestI < 0) {
            return Double.NaN;
        }
        int s = c0 - window - 1 + bestI;
        double ey = 0;
        for (int i = 0; i < a; i++) {
            ey += y[s + i] * y[s + i];
        }
        if (!(ey > 0) || best / Math.sqrt(ea * ey) < 0.3) {
            return Double.NaN;
        }
        if (score != null) {
            score[k] = best / Math.sqrt(ea * ey);
        }
        double l = Math.abs(corr[bestI - 1]);
        double m = Math.abs(corr[bestI]);
        double r = Math.abs(corr[bestI + 1]);
        double den = l - 2 * m + r;
        double frac = den < 0 ? 0.5 * (l - r) / den : 0;
        sign[k] = corr[bestI] >= 0 ? 1 : -1;
        return s + Math.max(-0.5, Math.min(0.5, frac));
    }

    /**
     * The cues' line: a slope, the intercept the cues are placed at, and which cues lie within the
     * tolerance of their own voice's line.
     */
    record Line(double slope, double intercept, boolean[] inlier) {
    }

    /**
     * The line delay = intercept + slope * sched through the usable cues, with an intercept of
     * each (voice, velocity): in a room a voice's dry attack aligns off the direct sound by a
     * constant of its own (a reflection, or a period of a tonal voice: a hi-hat's 1-6 ms late, a
     * cowbell's on a period), and with an eighth-note sub those were 45 % of the cues, beyond a
     * single Theil-Sen line's breakdown (its slope came out 190 ppm off and the cues were taken for
     * not heard: every cue a tap). The slope is first that of the sound whose cues lie most on
     * their own Theil-Sen line (one line through all if none has three), then, twice, the median
     * slope of pairs of cues of the same sound 0.5 s or more apart that both lie on their sound's
     * line; each sound's intercept is the median of its cues' along it. A cue is an inlier within {@code tol} of its sound's line; the cues
     * are placed at the earliest intercept of a sound whose cues mostly agree (three or more, and
     * half of those aligned: a reflection arrives after the direct sound), else the one with the
     * most inliers.
     */
    static Line lineByVoice(double[] x, double[] y, boolean[] ok, int[] keys, float rate, double tol) {
        int n = x.length;
        boolean[] inlier = new boolean[n];
        // Each sound's own Theil-Sen line, and how many of its cues lie on it.
        Map<Integer, Integer> counts = new HashMap<>();
        for (int k = 0; k < n; k++) {
            if (ok[k]) {
                counts.merge(keys[k], 1, Integer::sum);
            }
        }
        double bestSlope = Double.NaN;
        int bestAgree = -1;
        for (int key : counts.keySet()) {
            boolean[] own = new boolean[n];
            for (int k = 0; k < n; k++) {
                own[k] = ok[k] && keys[k] == key;
            }
            double[] l = theilSen(x, y, own, rate);
            if (Double.isNaN(l[0])) {
                continue;
            }
            int agree = 0;
            for (int k = 0; k < n; k++) {
                if (own[k] && Math.abs(y[k] - (l[1] + l[0] * x[k])) <= tol) {
                    agree++;
                }
            }
            if (agree > bestAgree) {
                bestAgree = agree;
                bestSlope = l[0];
            }
        }
        if (bestAgree < 3) {
            // No sound repeats on a line: one line through all.
            double[] one = theilSen(x, y, ok, rate);
            for (int k = 0; k < n; k++) {
                inlier[k] = ok[k] && !Double.isNaN(one[0]) && Math.abs(y[k] - (one[1] + one[0] * x[k])) <= tol;
            }
            return new Line(one[0], one[1], inlier);
        }
        double slope = bestSlope;
        // Refined over every sound: the median slope of pairs of the same sound, both on their
        // sound's line (0.5 s or more apart).
        for (int pass = 0; pass < 2; pass++) {
            Map<Integer, Double> ic = intercepts(x, y, ok, keys, counts, slope);
            double[] slopes = new double[(int) Math.min((long) n * (n - 1) / 2, 200_000)];
            int ns = 0;
            double minGap = 0.5 * rate;
            for (int a = 0; a < n && ns < slopes.length; a++) {
                if (!ok[a] || Math.abs(y[a] - slope * x[a] - ic.get(keys[a])) > tol) {
                    continue;
                }
                for (int b = a + 1; b < n && ns < slopes.length; b++) {
                    if (ok[b] && keys[b] == keys[a] && x[b] - x[a] >= minGap
                            && Math.abs(y[b] - slope * x[b] - ic.get(keys[b])) <= tol) {
                        slopes[ns++] = (y[b] - y[a]) / (x[b] - x[a]);
                    }
                }
            }
            if (ns > 0) {
                Arrays.sort(slopes, 0, ns);
                slope = slopes[ns / 2];
            }
        }
        Map<Integer, Double> intercepts = intercepts(x, y, ok, keys, counts, slope);
        Map<Integer, Integer> agree = new HashMap<>();
        for (int k = 0; k < n; k++) {
            if (ok[k] && Math.abs(y[k] - slope * x[k] - intercepts.get(keys[k])) <= tol) {
                inlier[k] = true;
                agree.merge(keys[k], 1, Integer::sum);
            }
        }
        double chosen = Double.NaN;
        int most = -1;
        double mostAt = Double.NaN;
        for (Map.Entry<Integer, Double> e : intercepts.entrySet()) {
            int a = agree.getOrDefault(e.getKey(), 0);
            if (a >= 3 && 2 * a >= counts.get(e.getKey()) && !(e.getValue() >= chosen)) {
                chosen = e.getValue();
            }
            if (a > most) {
                most = a;
                mostAt = e.getValue();
            }
        }
        return new Line(slope, Double.isNaN(chosen) ? mostAt : chosen, inlier);
    }

    /** Each sound's intercept along {@code slope}: the median of its usable cues' (lower middle of an even count). */
    private static Map<Integer, Double> intercepts(double[] x, double[] y, boolean[] ok, int[] keys, Map<Integer, Integer> counts,
                                                   double slope) {
        Map<Integer, Double> out = new HashMap<>();
        for (int key : counts.keySet()) {
            double[] v = new double[counts.get(key)];
            int i = 0;
            for (int k = 0; k < x.length; k++) {
                if (ok[k] && keys[k] == key) {
                    v[i++] = y[k] - slope * x[k];
                }
            }
            Arrays.sort(v);
            out.put(key, v[(v.length - 1) / 2]);
        }
        return out;
    }

    /** Theil-Sen line delay = intercept + slope * sched over the usable cues: {slope, intercept}, NaN if under 2. */
    static double[] theilSen(double[] x, double[] y, boolean[] ok, float rate) {
        int m = 0;
        for (boolean b : ok) {
            if (b) {
                m++;
            }
        }
        double[] xs = new double[m];
        double[] ys = new double[m];
        int j = 0;
        for (int i = 0; i < x.length; i++) {
            if (ok[i]) {
                xs[j] = x[i];
                ys[j++] = y[i];
            }
        }
        if (m < 2) {
            return new double[] {Double.NaN, m == 1 ? ys[0] : 0};
        }
        double minGap = 0.5 * rate;
        int stride = Math.max(1, m / 300);
        double[] slopes = new double[(int) Math.min((long) m * (m - 1) / 2, 200_000)];
        int ns = 0;
        for (int a = 0; a < m && ns < slopes.length; a += 1) {
            for (int b = a + 1; b < m && ns < slopes.length; b += stride) {
                double dx = xs[b] - xs[a];
                if (dx >= minGap) {
                    slopes[ns++] = (ys[b] - ys[a]) / dx;
                }
            }
        }
        double slope = 0;
        if (ns > 0) {
            double[] s = Arrays.copyOf(slopes, ns);
            Arrays.sort(s);
            slope = s[ns / 2];
        }
        double[] ic = new double[m];
        for (int i = 0; i < m; i++) {
            ic[i] = ys[i] - slope * xs[i];
        }
        Arrays.sort(ic);
        return new double[] {slope, ic[m / 2]};
    }

    /** The room path from the placed dry references to the recording over the count-in; taps from -PRE_TAPS. */
    static float[] fitRoom(float[] y, float rate, double[] frames, float[][] ref, int from, int to, int lh) {
        return fitRoom(y, rate, frames, ref, from, to, lh, ROOM_FADE);
    }

    /**
     * The unmodelled tail's level measured where it is alone: the count-in's residual band energy
     * (noise floor removed) past each cue's fade start up to the next cue, against the tail's own
     * there. A fitted path's late taps hold fit error as well as the room (a 300 ms path fitted on
     * one bar at RT60 0.8 decayed 47 dB/s where the room decays 75 dB/s), so its level is only a
     * first guess; a room whose tail is no louder than the noise gets none. Like the residue, it
     * is raised by the gate's margin, and {@link #TAIL_SWELL_DB} more.
     *
     * @param tails each sound's reference convolved with {@link #unmodelledTail}, by {@link #key}
     * @return the amplitude gain for {@code tails}, 1 when the count-in has no such stretch
     */
    static double tailGain(Map<Integer, float[]> tails, float[] r, float rate, List<CueEvent> cues, double[] frames,
                           int from, int to, int tailStart, DetectorSettings band, double noise, double marginDb) {
        int end = Math.min(r.length, to < frames.length ? (int) Math.floor(frames[to] - 0.080 * rate) : r.length);
        if (from >= to || end <= 0) {
            return 1;
        }
        int begin = Math.max(0, (int) Math.floor(frames[from]) - PRE_TAPS);
        if (end - begin < 64) {
            return 1;
        }
        float[] t = new float[end - begin];
        for (int k = 0; k < cues.size(); k++) {
            float[] tk = tails.get(key(cues.get(k)));
            if (frames[k] - PRE_TAPS < end && frames[k] - PRE_TAPS + tk.length > begin) {
                place(t, tk, frames[k] - PRE_TAPS - begin);
            }
        }
        int[] a = new int[to - from];
        int[] b = new int[to - from];
        int count = 0;
        for (int k = from; k < to; k++) {
            a[count] = (int) Math.ceil(frames[k] + tailStart) - begin;
            b[count] = Math.min(end, k + 1 < frames.length ? (int) Math.floor(frames[k + 1]) : end) - begin;
            count++;
        }
        return tailGain(Arrays.copyOfRange(r, begin, end), t, a, b, count, rate, band, noise, marginDb);
    }

    /**
     * The gain that brings a tail's band energy to a residual's over stretches where the tail is
     * alone (noise floor removed), raised by a margin and {@link #TAIL_SWELL_DB}.
     *
     * @param r the residual
     * @param t the tail, on the same time axis
     * @param from each stretch's first sample
     * @param to each stretch's end (exclusive); stretches under 64 samples are left out
     * @param count how many stretches
     * @param rate the sample rate, Hz
     * @param band the detection band
     * @param noise the residual's noise floor in the band, mean energy per sample
     * @param marginDb the margin, dB
     * @return the amplitude gain (at most 10 dB up), with {@link #TAIL_SWELL_DB} more margin; 1 when the
     *         stretches hold under 20 ms or no tail
     */
    static double tailGain(float[] r, float[] t, int[] from, int[] to, int count, float rate, DetectorSettings band,
                           double noise, double marginDb) {
        double er = 0;
        double et = 0;
        int samples = 0;
        for (int k = 0; k < count; k++) {
            int a = Math.max(0, from[k]);
            int b = Math.min(Math.min(r.length, t.length), to[k]);
            if (b - a < 64) {
                continue;
            }
            int warm = Math.max(0, a - 256);
            er += bandEnergy(r, warm, a, b, rate, band) - noise * (b - a);
            et += bandEnergy(t, warm, a, b, rate, band);
            samples += b - a;
        }
        if (samples < 0.02 * rate || !(et > 0)) {
            return 1;
        }
        return Math.sqrt(Math.min(10, Math.max(0, er) / et * Math.pow(10, (marginDb + TAIL_SWELL_DB) / 10)));
    }

    /**
     * The tail's level is a mean, and a tonal cue's tail (a narrow-band random sound) swells
     * above it: this much more margin (dB) than the residue's. Live, at RT60 0.8, with the gate's
     * 6 dB alone a beat's tail swelled by about 10 dB in 10-15 ms, 272-284 ms after the beat, and
     * came through as a tap 3-5 dB above the gate (rooms 305 and 420 of {@code LiveCancellationDepth}).
     */
    static final double TAIL_SWELL_DB = 3;

    /**
     * A tail cut where it sinks under the noise floor: after its last 20 ms block whose band energy
     * per sample, at {@code gain} less the margins (the tail's level as measured), reaches {@code
     * noise}, with a 20 ms fade. Below the noise it only raises the gate where the detector's own
     * background already holds the noise, and there it moved an onset's crossing off a cue's
     * residue (live, the gate 30 dB over its dry level 40 ms before an accent, 560 ms after a beat
     * at RT60 0.6): the residue's peak was then judged against the gate 29 ms later, and passed as
     * a tap.
     *
     * @param t the tail
     * @param gain its amplitude gain ({@link #tailGain})
     * @param marginDb the gate's margin in {@code gain}, dB ({@link #TAIL_SWELL_DB} is taken off too)
     * @param noise the residual's noise floor in the band, mean energy per sample
     * @param rate the sample rate, Hz
     * @param band the detection band
     * @return {@code t} itself, or a shorter copy (empty when no block reaches the noise)
     */
    static float[] aboveNoise(float[] t, double gain, double marginDb, double noise, float rate, DetectorSettings band) {
        int w = Math.max(16, Math.round(0.02f * rate));
        double level = gain * Math.pow(10, -(marginDb + TAIL_SWELL_DB) / 20);
        Biquad h = Biquad.highPass(band.lowHz(), rate);
        Biquad l = Biquad.lowPass(band.highHz(), rate);
        int last = -1;
        double e = 0;
        for (int i = 0; i < t.length; i++) {
            double v = l.step(h.step(t[i] * level));
            e += v * v;
            if ((i + 1) % w == 0 || i == t.length - 1) {
                if (e >= noise * ((i % w) + 1)) {
                    last = i;
                }
                e = 0;
            }
        }
        if (last == t.length - 1) {
            return t;
        }
        if (last < 0) {
            return new float[0];
        }
        int end = Math.min(t.length, last + 1 + w);
        float[] cut = Arrays.copyOf(t, Math.max(0, end));
        for (int i = Math.max(0, last + 1); i < end; i++) {
            cut[i] *= (float) (0.5 * (1 + Math.cos(Math.PI * (i - last) / w)));
        }
        return cut;
    }

    /** The fraction of the file path's taps that fade out at its end. */
    static final double ROOM_FADE = 0.1;

    /** The windows the path's decay is measured in, s. */
    private static final double TAIL_WINDOW_S = 0.02;

    /** Where the path's decay is measured from (past its direct sound and early reflections), s. */
    private static final double TAIL_FROM_S = 0.03;

    /** The unmodelled tail's decay is taken as at least this fast: an RT60 of 2 s. */
    private static final double TAIL_LONGEST_RT60_S = 2;

    /** The unmodelled tail is continued until it is this far below its start, dB. */
    private static final double TAIL_DEPTH_DB = 40;

    /**
     * What a fitted path leaves out of the room, for the gate: a room's tail goes on past the
     * path's end, and there nothing cancels it. From where the path's fade starts, taps of a fixed
     * pseudo-random sign sequence whose level continues the path's own: a least-squares line
     * through the log energy of its 20 ms windows from 30 ms to the fade (its decay at least as
     * fast as an RT60 of 2 s), weighted by what the fade took away (the raised cosine's
     * complement, then all), until 40 dB down. Its convolution with a cue's reference has the
     * band energy of the cue's unmodelled tail, not its waveform: it is for the gate only, never
     * subtracted; {@link #tailGain} sets its level from the count-in's residual.
     *
     * @param h the fitted path, {@link #PRE_TAPS} taps before its time 0
     * @param lh the path's length from time 0, taps
     * @param fade the fraction of {@code lh} that fades out at its end
     * @param rate the sample rate, Hz
     * @return the tail's taps on the same time axis as {@code h}, or null when the path is too short to measure
     */
    static float[] unmodelledTail(float[] h, int lh, double fade, float rate) {
        int taper = Math.max(1, (int) (lh * fade));
        int start = PRE_TAPS + lh - taper;
        int w = Math.round((float) (TAIL_WINDOW_S * rate));
        int from = PRE_TAPS + Math.round((float) (TAIL_FROM_S * rate));
        int windows = (start - from) / w;
        if (h.length < PRE_TAPS + lh || windows < 3) {
            return null;
        }
        // A line through the log energy of the windows from TAIL_FROM_S to the fade (least squares).
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < windows; k++) {
            int a = start - (windows - k) * w;
            double e = 0;
            for (int i = a; i < a + w; i++) {
                e += (double) h[i] * h[i];
            }
            if (!(e > 0)) {
                return null;
            }
            double x = a + w / 2.0 - start;
            double y = Math.log(e / w);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (windows * sxy - sx * sy) / (windows * sxx - sx * sx);
        double intercept = (sy - slope * sx) / windows;
        // Amplitude decay per tap (half the log energy's), at least the slowest allowed.
        double slowest = Math.log(1000) / (TAIL_LONGEST_RT60_S * rate);
        double alpha = Math.max(slowest, -slope / 2);
        double level = Math.exp(intercept / 2);
        int length = (int) Math.ceil(Math.log(Math.pow(10, TAIL_DEPTH_DB / 20)) / alpha);
        float[] t = new float[start + length];
        java.util.SplittableRandom random = new java.util.SplittableRandom(0x7A11L);
        for (int i = 0; i < length; i++) {
            double missing = i < taper ? 0.5 * (1 - Math.cos(Math.PI * i / taper)) : 1;
            t[start + i] = (float) (level * Math.exp(-alpha * i) * missing * (random.nextBoolean() ? 1 : -1));
        }
        return t;
    }

    /**
     * Where a path fit over cues {@code from..} should end: of the window ends {@code to}, {@code
     * to - 1} and {@code to - 2} (two cues kept at least), the one whose cut takes least of the
     * cues' sound through a path of {@code lh} taps, each cue's reference energy weighted by the
     * part of the path not yet past at the cut (a linear share: 1 at the cue, 0 from {@code lh} on);
     * of equal ones, the latest. The fit takes the recording past its end as silence: a window
     * ending 220 ms after a loud cue (live, the count-in of eighths at 100 bpm whose last cue was a
     * beat, not a hi-hat) left a path worse than the dry reference at RT60 0.8 (-1.5 dB, where the
     * window without that cue gave 18 dB).
     *
     * @param frames the cues' frames, the window's bound {@code frames[to]} if {@code to < frames.length}
     * @param ref each cue's reference
     * @param from the first cue fitted
     * @param to the window's end (exclusive), as {@link #fitRoom} takes it
     * @param lh the path's length, taps
     * @param rate the sample rate, Hz
     * @return the end to fit to, {@code to} or up to two less
     */
    static int fitEnd(double[] frames, float[][] ref, int from, int to, int lh, float rate) {
        int best = to;
        double bestCut = Double.MAX_VALUE;
        for (int t = to; t >= Math.max(from + 2, to - 2); t--) {
            double end = t < frames.length ? frames[t] - 0.080 * rate : frames[t - 1] + 1.0 * rate;
            double all = 0;
            double cut = 0;
            for (int k = from; k < t; k++) {
                double e = 0;
                for (float v : ref[k]) {
                    e += (double) v * v;
                }
                all += e;
                cut += e * Math.max(0, 1 - (end - frames[k]) / lh);
            }
            double share = all > 0 ? cut / all : 0;
            if (share < bestCut * 0.999) {
                bestCut = share;
                best = t;
            }
        }
        return best;
    }

    /** {@link #fitRoom(float[], float, double[], float[][], int, int, int)} whose last {@code fade} of the taps fade out (0..1). */
    static float[] fitRoom(float[] y, float rate, double[] frames, float[][] ref, int from, int to, int lh, double fade) {
        int a = (int) Math.floor(frames[from]) - PRE_TAPS - 64;
        a = Math.max(0, a);
        int e;
        if (to < frames.length) {
            e = (int) Math.floor(frames[to] - 0.080 * rate);
        } else {
            e = (int) Math.min(y.length, Math.ceil(frames[to - 1] + 1.0 * rate));
        }
        e = Math.min(e, y.length);
        if (e - a < 64) {
            float[] unit = new float[PRE_TAPS + 1];
            unit[PRE_TAPS] = 1;
            return unit;
        }
        int len = e - a;
        int size = Fft.size((long) len + lh + PRE_TAPS);
        double[] yr = new double[size];
        double[] yi = new double[size];
        double[] xr = new double[size];
        double[] xi = new double[size];
        for (int i = 0; i < len; i++) {
            yr[i] = y[a + i];
        }
        float[] x = new float[len];
        for (int k = from; k < to; k++) {
            place(x, ref[k], frames[k] - a);
        }
        for (int i = 0; i < len; i++) {
            xr[i] = x[i];
        }
        Fft.transform(yr, yi, false);
        Fft.transform(xr, xi, false);
        double mean = 0;
        for (int i = 0; i < size; i++) {
            mean += xr[i] * xr[i] + xi[i] * xi[i];
        }
        double lambda = 1e-3 * mean / size;
        for (int i = 0; i < size; i++) {
            double p = xr[i] * xr[i] + xi[i] * xi[i] + lambda;
            double r = (yr[i] * xr[i] + yi[i] * xi[i]) / p;
            double im = (yi[i] * xr[i] - yr[i] * xi[i]) / p;
            yr[i] = r;
            yi[i] = im;
        }
        Fft.transform(yr, yi, true);
        float[] h = new float[PRE_TAPS + lh];
        int taper = Math.max(1, (int) (lh * fade));
        for (int t = -PRE_TAPS; t < lh; t++) {
            double v = yr[(t + size) % size] / size;
            if (t >= lh - taper) {
                v *= 0.5 * (1 + Math.cos(Math.PI * (t - (lh - taper)) / taper));
            }
            h[t + PRE_TAPS] = (float) v;
        }
        return h;
    }

    /**
     * Adds {@code src} to {@code out} so that {@code src[0]} lands at fractional frame {@code pos}
     * (cubic Lagrange interpolation).
     */
    static void place(float[] out, float[] src, double pos) {
        int ip = (int) Math.floor(pos);
        double f = pos - ip;
        if (f < 1e-9) {
            for (int i = 0; i < src.length; i++) {
                int t = ip + i;
                if (t >= 0 && t < out.length) {
                    out[t] += src[i];
                }
            }
            return;
        }
        // out[ip + j] = src(j - f) = src at (j - 1) + g, g = 1 - f.
        double g = 1 - f;
        double w0 = -g * (g - 1) * (g - 2) / 6;
        double w1 = (g + 1) * (g - 1) * (g - 2) / 2;
        double w2 = -(g + 1) * g * (g - 2) / 2;
        double w3 = (g + 1) * g * (g - 1) / 6;
        int jFrom = Math.max(0, -ip);
        int jTo = Math.min(src.length + 2, out.length - ip);
        for (int j = jFrom; j < jTo; j++) {
            int m = j - 1;
            double v = w0 * at(src, m - 1) + w1 * at(src, m) + w2 * at(src, m + 1) + w3 * at(src, m + 2);
            out[ip + j] += (float) v;
        }
    }

    private static float at(float[] s, int i) {
        return i >= 0 && i < s.length ? s[i] : 0f;
    }

    /**
     * The gate: per voice, the count-in's residual band energy over the voice's own predicted band
     * energy (noise floor removed; the overall depth for a voice not in the count-in), raised by
     * the margin, at most 1, applied to each cue's predicted sound; plus each cue's unmodelled
     * tail ({@code tails}, scaled by {@code tailGain}).
     */
    private static float[] gate(float[] r, float rate, List<CueEvent> cues, double[] frames, Map<Integer, float[]> filtered,
                                Map<Integer, float[]> tails, double tailGain, int from, int to, DetectorSettings band, double depthDb, double marginDb, double noiseFloor) {
        int w = Math.round(0.15f * rate);
        double noise = noiseFloor * w;
        Map<Integer, double[]> perKey = new HashMap<>();
        for (int k = from; k < to; k++) {
            int key = key(cues.get(k));
            double[] acc = perKey.computeIfAbsent(key, x -> new double[2]);
            int s = (int) Math.floor(frames[k]);
            acc[0] += Math.max(0, bandEnergy(r, Math.max(0, s - 256), s, Math.min(r.length, s + w), rate, band) - noise);
            acc[1] += bandEnergy(filtered.get(key), 0, PRE_TAPS, Math.min(filtered.get(key).length, PRE_TAPS + w), rate, band);
        }
        double overall = Double.isNaN(depthDb) ? 1 : Math.pow(10, -depthDb / 10);
        double margin = Math.pow(10, marginDb / 10);
        Map<Integer, float[]> scaled = new HashMap<>();
        float[] gate = new float[r.length];
        for (int k = 0; k < cues.size(); k++) {
            int key = key(cues.get(k));
            float[] g = scaled.get(key);
            if (g == null) {
                double[] acc = perKey.get(key);
                double ratio = acc != null && acc[1] > 0 ? Math.max(acc[0] / acc[1], overall) : overall;
                float amp = (float) Math.sqrt(Math.min(1, ratio * margin));
                float[] f = filtered.get(key);
                float[] tail = tails.get(key);
                g = new float[tail == null ? f.length : Math.max(f.length, tail.length)];
                for (int i = 0; i < f.length; i++) {
                    g[i] = f[i] * amp;
                }
                if (tail != null) {
                    // Past the path's end nothing is cancelled: the tail's estimate at full strength.
                    for (int i = 0; i < tail.length; i++) {
                        g[i] += (float) (tail[i] * tailGain);
                    }
                }
                scaled.put(key, g);
            }
            place(gate, g, frames[k] - PRE_TAPS);
        }
        return gate;
    }

    /** Band energy of {@code x} over {@code [from, to)}, the filters started at {@code warm}. */
    private static double bandEnergy(float[] x, int warm, int from, int to, float rate, DetectorSettings band) {
        Biquad h = Biquad.highPass(band.lowHz(), rate);
        Biquad l = Biquad.lowPass(band.highHz(), rate);
        double e = 0;
        for (int i = warm; i < to; i++) {
            double v = l.step(h.step(x[i]));
            if (i >= from) {
                e += v * v;
            }
        }
        return e;
    }

    private static double depthDb(float[] y, float[] r, float rate, double[] frames, int from, int to,
                                  DetectorSettings band, double noiseFloor) {
        int w = Math.round(0.15f * rate);
        double ey = 0;
        double er = 0;
        for (int k = from; k < to; k++) {
            int s = (int) Math.floor(frames[k]);
            int e = Math.min(y.length, s + w);
            int s0 = Math.max(0, s - 256);
            Biquad hy = Biquad.highPass(band.lowHz(), rate);
            Biquad ly = Biquad.lowPass(band.highHz(), rate);
            Biquad hr = Biquad.highPass(band.lowHz(), rate);
            Biquad lr = Biquad.lowPass(band.highHz(), rate);
            for (int i = s0; i < e; i++) {
                double vy = ly.step(hy.step(y[i]));
                double vr = lr.step(hr.step(r[i]));
                if (i >= s) {
                    ey += vy * vy;
                    er += vr * vr;
                }
            }
        }
        if (!(ey > 0)) {
            return Double.NaN;
        }
        // The noise floor is not cue residue (the detector has its own noise background): take the
        // residual's noise out, estimated as the 10th percentile of its 20 ms band energies.
        double noise = noiseFloor * w * (to - from);
        return 10 * Math.log10(ey / Math.max(er - noise, ey * 1e-7));
    }

    /** The residual's noise floor in the detection band: mean energy per sample of its quietest 20 ms blocks (10th percentile). */
    static double noiseFloor(float[] r, float rate, DetectorSettings band) {
        int block = Math.max(16, Math.round(0.02f * rate));
        int blocks = r.length / block;
        if (blocks < 1) {
            return 0;
        }
        Biquad h = Biquad.highPass(band.lowHz(), rate);
        Biquad l = Biquad.lowPass(band.highHz(), rate);
        double[] e = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            double s = 0;
            for (int i = b * block; i < (b + 1) * block; i++) {
                double v = l.step(h.step(r[i]));
                s += v * v;
            }
            e[b] = s / block;
        }
        Arrays.sort(e);
        return e[blocks / 10];
    }
}
