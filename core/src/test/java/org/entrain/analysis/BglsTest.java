package org.entrain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bGLS against seeded simulations of the phase-correction model (450 taps, sigmaT 10 ms, sigmaM 5 ms). */
class BglsTest {

    private static final int SEEDS = 20;

    private static PhaseCorrection estimate(long seed, double alpha, boolean perturb) {
        PhaseModelSimulation sim = new PhaseModelSimulation(seed, alpha, 450, 500, 10, 5, perturb);
        return TimingAnalyzer.analyze(sim.cues, sim.tapTimes, AnalysisOptions.DEFAULT).overall().phaseCorrection();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3, 0.5, 0.7, 0.9, 1.1})
    void shouldRecoverAlphaWithPhasePerturbations(double alpha) {
        double sumAlpha = 0;
        double sumT = 0;
        double sumM = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            PhaseCorrection pc = estimate(seed, alpha, true);
            assertThat(pc.n()).isEqualTo(449);
            assertThat(pc.converged()).isTrue();
            assertThat(pc.alpha()).as("seed %d", seed).isCloseTo(alpha, within(0.12));
            sumAlpha += pc.alpha();
            sumT += pc.sigmaTMs();
            sumM += pc.sigmaMMs();
        }
        assertThat(sumAlpha / SEEDS).isCloseTo(alpha, within(0.05));
        assertThat(sumT / SEEDS).isCloseTo(10, within(1.0));
        assertThat(sumM / SEEDS).isCloseTo(5, within(1.0));
    }

    /**
     * The known behaviour (domain.md): on an isochronous sequence alone, bGLS overestimates a high
     * alpha and the motor noise collapses towards 0; measured here with 20 seeds at alpha 0.9:
     * mean estimate 1.02 (SD 0.11) and sigmaM 1.7 ms instead of 5, against 0.90 (SD 0.035) and
     * 4.9 ms with perturbations. This is why sessions should include perturbation cues.
     */
    @Test
    void shouldShowKnownBiasWithoutPerturbations() {
        double biased = 0;
        double biasedM = 0;
        double perturbed = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            PhaseCorrection iso = estimate(seed, 0.9, false);
            biased += iso.alpha();
            biasedM += iso.sigmaMMs();
            perturbed += estimate(seed, 0.9, true).alpha();
        }
        assertThat(biased / SEEDS).isGreaterThan(0.9 + 0.08);
        assertThat(biasedM / SEEDS).isLessThan(3.0);
        assertThat(perturbed / SEEDS).isCloseTo(0.9, within(0.02));
    }

    @Test
    void shouldSolveTheTridiagonalSystem() {
        boolean[] linked = {false, true, false, true};
        double[] rhs = {1, 2, 3, 4};
        double[] x = new double[4];
        Bgls.solveTridiagonal(3, -1, linked, rhs, x, new double[4]);
        // K x = rhs with K = [[3,-1,0,0],[-1,3,0,0],[0,0,3,-1],[0,0,-1,3]]
        assertThat(3 * x[0] - x[1]).isCloseTo(1, within(1e-12));
        assertThat(-x[0] + 3 * x[1]).isCloseTo(2, within(1e-12));
        assertThat(3 * x[2] - x[3]).isCloseTo(3, within(1e-12));
        assertThat(-x[2] + 3 * x[3]).isCloseTo(4, within(1e-12));
    }

    @Test
    void shouldExplainWhyTooFewPairsGiveNoEstimate() {
        PhaseCorrection pc = Bgls.fit(new double[] {1, 2, 3}, new double[] {0, 1, 0});
        assertThat(pc.alpha()).isNaN();
        assertThat(pc.note()).contains("at least 10");
    }

    @Test
    void shouldExplainConstantAsynchronies() {
        PhaseCorrection pc = Bgls.fit(new double[12], new double[12]);
        assertThat(pc.alpha()).isNaN();
        assertThat(pc.note()).contains("do not vary");
    }

    @Test
    void shouldDecomposeContinuationIntervalsByWingKristofferson() {
        // ITI[k] = C[k] + M[k+1] - M[k], sigmaC 20 ms, sigmaM 8 ms
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        int n = 20_000;
        double[] m = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            m[i] = 8 * gauss(r);
        }
        double[] iti = new double[n];
        for (int i = 0; i < n; i++) {
            iti[i] = 600 + 20 * gauss(r) + m[i + 1] - m[i];
        }
        WingKristofferson wk = WingKristofferson.of(iti);
        assertThat(wk.sigmaCMs()).isCloseTo(20, within(1.0));
        assertThat(wk.sigmaMMs()).isCloseTo(8, within(1.0));
        assertThat(wk.itiMeanMs()).isCloseTo(600, within(1.0));
    }

    private static double gauss(java.util.SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
