package org.entrain.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.entrain.pattern.Voice;
import org.entrain.schedule.CueEvent;

/**
 * Seeded simulation of the linear phase-correction model (Vorberg and Wing 1996): timekeeper
 * events tau[k+1] = tau[k] + T[k] - alpha A[k], taps t[k] = tau[k] + M[k], A[k] = t[k] - c[k],
 * T ~ N(period, sigmaT), M ~ N(0, sigmaM); optional phase perturbations shift every later cue by
 * +-50 ms every 8 to 12 beats.
 */
final class PhaseModelSimulation {

    final double[] cueTimes;
    final double[] tapTimes;
    final List<CueEvent> cues;

    PhaseModelSimulation(long seed, double alpha, int n, double periodMs, double sigmaTMs, double sigmaMMs,
                         boolean perturb) {
        SplittableRandom rnd = new SplittableRandom(seed);
        cueTimes = new double[n];
        tapTimes = new double[n];
        cues = new ArrayList<>(n);
        double c = 1000;
        int nextPerturbation = 8 + rnd.nextInt(5);
        double tau = c - 30;
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                c += periodMs;
                if (perturb && k == nextPerturbation) {
                    c += rnd.nextBoolean() ? 50 : -50;
                    nextPerturbation = k + 8 + rnd.nextInt(5);
                }
            }
            cueTimes[k] = c / 1000;
            double t = tau + sigmaMMs * gauss(rnd);
            tapTimes[k] = t / 1000;
            // next: the timekeeper corrects a fraction of the asynchrony it has just perceived
            double a = t - c;
            tau = tau + periodMs + sigmaTMs * gauss(rnd) - alpha * a;
            cues.add(new CueEvent(k, k / 4, k % 4, 0, -1, k, Math.round(cueTimes[k] * 1e9), 60_000 / periodMs,
                    Voice.BEAT, 100));
        }
    }

    private static double gauss(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
