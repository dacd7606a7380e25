package org.entrain.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores an onset detector against annotations the way {@code mir_eval.onset.f_measure} does:
 * an estimate and a reference match when {@code est - window <= ref <= est + window}; the count
 * is a maximum bipartite (one-to-one) matching. Stateless and thread safe.
 */
public final class OnsetEvaluation {

    /** The usual window: 50 ms. */
    public static final double DEFAULT_WINDOW_SECONDS = 0.05;

    private OnsetEvaluation() {
    }

    /**
     * Scores with the 50 ms window.
     *
     * @param reference annotated onsets, seconds
     * @param estimated detected onsets, seconds
     * @return the score
     * @throws IllegalArgumentException if a time is not finite
     */
    public static OnsetScore evaluate(double[] reference, double[] estimated) {
        return evaluate(reference, estimated, DEFAULT_WINDOW_SECONDS);
    }

    /**
     * Scores.
     *
     * @param reference annotated onsets, seconds (any order)
     * @param estimated detected onsets, seconds (any order)
     * @param windowSeconds the tolerance, above 0
     * @return the score
     * @throws IllegalArgumentException if a time is not finite or the window not above 0
     */
    public static OnsetScore evaluate(double[] reference, double[] estimated, double windowSeconds) {
        if (!(windowSeconds > 0) || !Double.isFinite(windowSeconds)) {
            throw new IllegalArgumentException("onset window must be a finite number of seconds above 0, was " + windowSeconds);
        }
        for (double[] a : new double[][] {reference, estimated}) {
            for (int i = 0; i < a.length; i++) {
                if (!Double.isFinite(a[i])) {
                    throw new IllegalArgumentException("onset time " + i + " must be finite, was " + a[i]);
                }
            }
        }
        if (reference.length == 0 || estimated.length == 0) {
            return new OnsetScore(reference.length, estimated.length, 0, 0, 0, 0);
        }
        int matched = maximumMatching(reference, estimated, windowSeconds);
        double precision = (double) matched / estimated.length;
        double recall = (double) matched / reference.length;
        double f = precision == 0 && recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new OnsetScore(reference.length, estimated.length, matched, precision, recall, f);
    }

    /** Kuhn's augmenting paths over the hit graph (estimates on the left). */
    static int maximumMatching(double[] reference, double[] estimated, double window) {
        double[] ref = reference.clone();
        Arrays.sort(ref);
        List<int[]> adj = new ArrayList<>(estimated.length);
        for (double e : estimated) {
            int lo = lowerBound(ref, e - window);
            int hi = upperBound(ref, e + window);
            int[] hits = new int[Math.max(0, hi - lo)];
            for (int i = lo; i < hi; i++) {
                hits[i - lo] = i;
            }
            adj.add(hits);
        }
        int[] refOwner = new int[ref.length];
        Arrays.fill(refOwner, -1);
        int count = 0;
        for (int e = 0; e < estimated.length; e++) {
            if (augment(e, adj, refOwner, new boolean[ref.length])) {
                count++;
            }
        }
        return count;
    }

    private static boolean augment(int e, List<int[]> adj, int[] refOwner, boolean[] seen) {
        for (int r : adj.get(e)) {
            if (!seen[r]) {
                seen[r] = true;
                if (refOwner[r] < 0 || augment(refOwner[r], adj, refOwner, seen)) {
                    refOwner[r] = e;
                    return true;
                }
            }
        }
        return false;
    }

    /** First index with a[i] >= x (numpy searchsorted side='left'). */
    private static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index with a[i] > x (numpy searchsorted side='right'). */
    private static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
