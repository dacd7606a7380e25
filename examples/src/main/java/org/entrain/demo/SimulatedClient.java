package org.entrain.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated client tapping along: the linear phase-correction model (Vorberg and Wing 1996)
 * with a timekeeper and motor noise. Each tap comes from a timekeeper event plus motor noise,
 * {@code t_k = tau_k + M_k}; the next timekeeper event corrects a fraction alpha of the last
 * heard asynchrony, {@code tau_{k+1} = tau_k + T_k - alpha (t_k - c_k)}, with {@code T_k} drawn
 * around the client's period plus {@code alpha m} so the asynchrony settles at the mean {@code m}
 * (A_{k+1} = (1 - alpha) A_k + T_k - C_k + M_{k+1} - M_k). The period follows the heard cue
 * interval; with no cue it drifts towards the preferred tempo (continuation). Not thread safe:
 * one thread feeds it cues and takes its taps.
 */
final class SimulatedClient {

    private final ClientParameters p;
    private final SplittableRandom random;
    private final int waitBeats;
    private final List<Long> heard = new ArrayList<>();
    private final List<Long> taps = new ArrayList<>();
    private final long preferredNanos;
    private boolean started;
    private double periodNanos;
    private double tau;
    private double motor;
    private double nextTap;
    private boolean nextAudible;
    private int emitted;

    /**
     * A client that starts after {@code waitBeats} heard cues (the count-in).
     *
     * @param params the true parameters
     * @param waitBeats beats to listen first
     */
    SimulatedClient(ClientParameters params, int waitBeats) {
        this.p = params;
        this.random = new SplittableRandom(params.seed());
        this.waitBeats = waitBeats;
        this.preferredNanos = Math.round(60e9 / params.preferredBpm());
        this.periodNanos = preferredNanos;
    }

    /** The client hears a cue (known ahead of its sound: the demo's speaker gives it early). */
    void heardCue(long nanos) {
        heard.add(nanos);
        if (!started && heard.size() == waitBeats + 1) {
            started = true;
            if (heard.size() >= 2) {
                periodNanos = heard.get(heard.size() - 1) - heard.get(heard.size() - 2);
            }
            tau = nanos + p.meanAsynchronyMs() * 1e6;
            motor = gauss(p.sigmaMMs());
            nextTap = tau + motor;
            nextAudible = random.nextDouble() >= p.missProbability();
        }
    }

    /**
     * The taps up to a time, in order; each once. A tap is fixed one timekeeper interval ahead.
     *
     * @param untilNanos engine nanos
     * @param out receives the audible taps' times
     */
    void tapsUntil(long untilNanos, List<Long> out) {
        while (started && nextTap <= untilNanos) {
            long t = Math.round(nextTap);
            if (nextAudible) {
                out.add(t);
                taps.add(t);
            }
            emitted++;
            advance(t);
        }
    }

    private void advance(long t) {
        long cue = nearestHeard(t);
        double iti;
        if (cue != Long.MIN_VALUE) {
            updatePeriod(cue);
            double a = t - cue;
            iti = periodNanos + p.alpha() * p.meanAsynchronyMs() * 1e6 + gauss(p.sigmaTMs()) - p.alpha() * a;
        } else {
            periodNanos += 0.05 * (preferredNanos - periodNanos);
            iti = periodNanos + gauss(p.sigmaTMs());
        }
        tau += iti;
        motor = gauss(p.sigmaMMs());
        nextTap = tau + motor;
        nextAudible = random.nextDouble() >= p.missProbability();
    }

    /**
     * The timekeeper's period follows the cue's tempo: the median of the last three heard cue
     * intervals (so a single displaced cue does not move it; a tempo step does, one beat late).
     */
    private void updatePeriod(long cue) {
        int i = heard.indexOf(cue);
        long[] d = new long[3];
        int n = 0;
        for (int j = i; j > 0 && n < 3; j--) {
            long iv = heard.get(j) - heard.get(j - 1);
            if (iv > 0.5 * periodNanos && iv < 1.6 * periodNanos) {
                d[n++] = iv;
            } else {
                break;
            }
        }
        if (n == 3) {
            java.util.Arrays.sort(d);
            periodNanos = d[1];
        } else if (n > 0 && Math.abs(d[0] - periodNanos) > 0.02 * periodNanos && n == 1) {
            periodNanos = d[0];
        }
    }

    private long nearestHeard(long t) {
        long best = Long.MIN_VALUE;
        double bestAbs = 0.5 * periodNanos;
        for (int i = heard.size() - 1; i >= 0 && i >= heard.size() - 8; i--) {
            long d = Math.abs(heard.get(i) - t);
            if (d < bestAbs) {
                bestAbs = d;
                best = heard.get(i);
            }
        }
        return best;
    }

    private double gauss(double sdMs) {
        // Box-Muller from the seeded generator (reproducible across JDKs)
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return sdMs * 1e6 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Audible taps so far. */
    int tapCount() {
        return taps.size();
    }

    /** Taps made, heard or not. */
    int madeCount() {
        return emitted;
    }
}
