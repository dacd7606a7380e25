package org.entrain.analysis;

import java.util.Arrays;

/**
 * Pairs taps (or steps) with cues one-to-one: a tap is a candidate for a cue when it falls
 * within window x the interval before the cue (early taps) or window x the interval after it
 * (late taps); pairs are taken nearest first, so each cue gets at most one tap and each tap at
 * most one cue (as REPP does). With a window of at most 0.5 a tap can reach only the cues just
 * before and after it. Stateless and thread safe.
 */
public final class TapMatcher {

    private TapMatcher() {
    }

    /**
     * The inter-onset interval that sets each cue's window: the time to the next cue; for the
     * last cue the time from the previous one; for a lone cue 1 s.
     *
     * @param cueTimes cue times in seconds, ascending
     * @return one IOI per cue, seconds
     */
    public static double[] iois(double[] cueTimes) {
        int n = cueTimes.length;
        double[] ioi = new double[n];
        for (int k = 0; k < n; k++) {
            if (k + 1 < n) {
                ioi[k] = cueTimes[k + 1] - cueTimes[k];
            } else if (k > 0) {
                ioi[k] = cueTimes[k] - cueTimes[k - 1];
            } else {
                ioi[k] = 1.0;
            }
        }
        return ioi;
    }

    /**
     * Matches taps to cues.
     *
     * @param cueTimes cue times in seconds, finite, strictly ascending
     * @param tapTimes tap times in seconds, finite, ascending (same time base as the cues)
     * @param options the window and the taps to skip
     * @return the matching
     * @throws IllegalArgumentException if a time is not finite or out of order
     */
    public static Matching match(double[] cueTimes, double[] tapTimes, MatchOptions options) {
        checkTimes(cueTimes, "cue", true);
        checkTimes(tapTimes, "tap", false);
        int nc = cueTimes.length;
        int nt = tapTimes.length;
        int skip = Math.min(options.skipTaps(), nt);
        double[] ioi = iois(cueTimes);
        // Candidate pairs (cue, tap) packed with their distance; a window of at most 0.5 IOI keeps
        // a tap within reach of a few neighbouring cues only.
        int cap = Math.max(16, (nt - skip) * 5);
        double[] dist = new double[cap];
        int[] pc = new int[cap];
        int[] pt = new int[cap];
        int np = 0;
        for (int j = skip; j < nt && nc > 0; j++) {
            double t = tapTimes[j];
            int k = Arrays.binarySearch(cueTimes, t);
            if (k < 0) {
                k = -k - 1;
            }
            for (int c = Math.max(0, k - 2); c <= Math.min(nc - 1, k + 2); c++) {
                double signed = t - cueTimes[c];
                double d = Math.abs(signed);
                // early taps are judged against the interval before the cue, late ones against
                // the interval after it, so a long gap after a cue does not widen its early side
                double interval = signed < 0 && c > 0 ? cueTimes[c] - cueTimes[c - 1] : ioi[c];
                if (d <= options.windowIoi() * interval) {
                    if (np == cap) {
                        cap *= 2;
                        dist = Arrays.copyOf(dist, cap);
                        pc = Arrays.copyOf(pc, cap);
                        pt = Arrays.copyOf(pt, cap);
                    }
                    dist[np] = d;
                    pc[np] = c;
                    pt[np] = j;
                    np++;
                }
            }
        }
        Integer[] order = new Integer[np];
        for (int i = 0; i < np; i++) {
            order[i] = i;
        }
        final double[] fd = dist;
        final int[] fc = pc;
        Arrays.sort(order, (a, b) -> {
            int r = Double.compare(fd[a], fd[b]);
            return r != 0 ? r : Integer.compare(fc[a], fc[b]);
        });
        int[] tapOfCue = new int[nc];
        Arrays.fill(tapOfCue, -1);
        boolean[] used = new boolean[nt];
        for (int i = 0; i < np; i++) {
            int p = order[i];
            if (tapOfCue[pc[p]] < 0 && !used[pt[p]]) {
                tapOfCue[pc[p]] = pt[p];
                used[pt[p]] = true;
            }
        }
        int missed = 0;
        for (int k = 0; k < nc; k++) {
            if (tapOfCue[k] < 0) {
                missed++;
            }
        }
        int[] missedCues = new int[missed];
        for (int k = 0, m = 0; k < nc; k++) {
            if (tapOfCue[k] < 0) {
                missedCues[m++] = k;
            }
        }
        int extra = 0;
        for (int j = skip; j < nt; j++) {
            if (!used[j]) {
                extra++;
            }
        }
        int[] extraTaps = new int[extra];
        for (int j = skip, m = 0; j < nt; j++) {
            if (!used[j]) {
                extraTaps[m++] = j;
            }
        }
        return new Matching(tapOfCue, missedCues, extraTaps, skip);
    }

    static void checkTimes(double[] times, String what, boolean strict) {
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new IllegalArgumentException(what + " time " + i + " must be a finite number of seconds, was " + times[i]);
            }
            if (i > 0 && (strict ? times[i] <= times[i - 1] : times[i] < times[i - 1])) {
                throw new IllegalArgumentException(what + " times must be " + (strict ? "strictly " : "") + "ascending; "
                        + what + " " + i + " at " + times[i] + " s follows " + times[i - 1] + " s");
            }
        }
    }
}
