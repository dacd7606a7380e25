package org.entrain.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The drift fit against lines with known slopes (pairs taken from an anchor, as its callers do). */
class LinearFitTest {

    @Test
    void shouldRecoverADriftOf37PpmOverHalfAnHourOfNanos() {
        LinearFit fit = new LinearFit();
        // 30 min of pairs, one per 80 ms, nanos from the anchor: y = 5e6 + (1 + 37e-6) * x, plus
        // +-1 us of alternating jitter.
        for (int i = 0; i < 22_500; i++) {
            double x = i * 80e6;
            fit.add(x, 5e6 + (1 + 37e-6) * x + (i % 2 == 0 ? 1_000 : -1_000));
        }
        assertThat(fit.count()).isEqualTo(22_500);
        assertThat((fit.slope() - 1) * 1e6).isCloseTo(37.0, within(0.01));
        assertThat(fit.spanX()).isEqualTo(22_499 * 80e6);
    }

    @Test
    void shouldGiveTheExactLineAndPullTowardsThePrior() {
        LinearFit fit = new LinearFit();
        fit.add(1, 5);
        fit.add(2, 7);
        fit.add(3, 9);
        assertThat(fit.slope()).isEqualTo(2.0);
        assertThat(fit.interceptFor(2.0)).isEqualTo(3.0);
        // sxx = 2: with weight 2 the slope is halfway to the prior.
        assertThat(fit.slopeToward(0.0, 2.0)).isEqualTo(1.0);
        fit.clear();
        assertThat(fit.count()).isZero();
        assertThat(fit.hasSlope()).isFalse();
        fit.add(4, 1);
        assertThat(fit.slope()).isNaN();
        assertThat(fit.spanX()).isZero();
    }
}
