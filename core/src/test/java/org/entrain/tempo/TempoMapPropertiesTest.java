package org.entrain.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Properties of the tempo math on random maps: every segment kind, random joins. */
class TempoMapPropertiesTest {

    @Provide
    Arbitrary<TempoMap> maps() {
        Arbitrary<Double> bpm = Arbitraries.doubles().between(20, 300);
        Arbitrary<Length> length = Arbitraries.oneOf(
                Arbitraries.doubles().between(0.5, 120).map(Length::seconds),
                Arbitraries.doubles().between(1, 64).map(Length::beats),
                Arbitraries.integers().between(1, 16).map(Length::bars));
        Arbitrary<TempoChange> change = Arbitraries.oneOf(
                length.map(TempoChange::hold),
                bpm.map(TempoChange::jumpTo),
                Combinators.combine(Arbitraries.of(RampShape.class), bpm, length).as(TempoChange::rampTo),
                Combinators.combine(Arbitraries.doubles().between(-20, 20).filter(p -> Math.abs(p) > 0.5),
                                Arbitraries.integers().between(1, 4).map(Length::bars), bpm)
                        .as((p, every, target) -> TempoChange.steps(p, every,
                                p > 0 ? Math.max(target, 300) : Math.min(target, 20))));
        return Combinators.combine(bpm, Arbitraries.integers().between(1, 7), change.list().ofMaxSize(5))
                .as((start, bpb, changes) -> {
                    TempoMap.Builder b = TempoMap.builder(start).beatsPerBar(bpb);
                    changes.forEach(b::then);
                    return b.build();
                });
    }

    @Property(tries = 300)
    void shouldRoundTripBeatToTimeToBeat(@ForAll("maps") TempoMap map,
                                         @ForAll @DoubleRange(min = 0, max = 5000) double beat) {
        double t = map.secondsAt(beat);
        assertThat(map.beatAt(t)).isCloseTo(beat, within(1e-9 * Math.max(1, beat)));
    }

    @Property(tries = 300)
    void shouldRoundTripTimeToBeatToTime(@ForAll("maps") TempoMap map,
                                         @ForAll @DoubleRange(min = 0, max = 3600) double seconds) {
        double b = map.beatAt(seconds);
        assertThat(map.secondsAt(b)).isCloseTo(seconds, within(1e-9 * Math.max(1, seconds)));
    }

    @Property(tries = 300)
    void shouldBeStrictlyIncreasing(@ForAll("maps") TempoMap map,
                                    @ForAll @DoubleRange(min = 0, max = 5000) double beat,
                                    @ForAll @DoubleRange(min = 1e-3, max = 10) @net.jqwik.api.constraints.Scale(6) double step) {
        assertThat(map.secondsAt(beat + step)).isGreaterThan(map.secondsAt(beat));
    }

    @Property(tries = 200)
    void shouldBeContinuousAtEveryJoin(@ForAll("maps") TempoMap map) {
        for (int i = 1; i < map.segmentCount(); i++) {
            double b = map.segmentStartBeat(i);
            double eps = 1e-7;
            double left = map.secondsAt(b - eps);
            double right = map.secondsAt(b + eps);
            double atJoin = map.segmentStartSeconds(i);
            // Both sides approach the join's time; the gap is at most eps beats at the slowest tempo.
            assertThat(right - left).isPositive().isLessThan(2 * eps * 60.0 / 1.0);
            assertThat(map.secondsAt(b)).isCloseTo(atJoin, within(1e-9 * Math.max(1, atJoin)));
            assertThat(left).isLessThanOrEqualTo(atJoin);
            assertThat(right).isGreaterThanOrEqualTo(atJoin);
        }
    }

    @Property(tries = 60)
    void shouldMatchFineNumericIntegrationOfTempo(@ForAll("maps") TempoMap map,
                                                  @ForAll @DoubleRange(min = 1, max = 600) double seconds) {
        // Integrate bpm(t)/60 with Simpson's rule on a fine grid and compare with the closed form.
        int n = 20_000;
        double h = seconds / n;
        double sum = map.bpmAtSeconds(0) + map.bpmAtSeconds(seconds);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * map.bpmAtSeconds(i * h);
        }
        double beats = sum * h / 3.0 / 60.0;
        // Jumps make bpm(t) discontinuous, so Simpson is only first-order there: allow a few grid steps of tempo.
        double tolerance = 1e-6 * Math.max(1, beats) + map.segmentCount() * 4 * h * 1000 / 60.0 * (hasJumps(map) ? 1 : 1e-6);
        assertThat(map.beatAt(seconds)).isCloseTo(beats, within(tolerance));
    }

    private static boolean hasJumps(TempoMap map) {
        for (int i = 1; i < map.segmentCount(); i++) {
            double b = map.segmentStartBeat(i);
            if (Math.abs(map.bpmAtBeat(b) - map.bpmAtBeat(b - 1e-9)) > 1e-3) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 100)
    void shouldKeepBpmWithinItsStartAndTargetDuringARamp(@ForAll @DoubleRange(min = 1, max = 1000) double a,
                                                         @ForAll @DoubleRange(min = 1, max = 1000) double b,
                                                         @ForAll RampShape shape,
                                                         @ForAll @IntRange(min = 1, max = 64) int beats,
                                                         @ForAll @DoubleRange(min = 0, max = 1) double where) {
        TempoMap map = TempoMap.builder(a).then(TempoChange.rampTo(shape, b, Length.beats(beats))).build();
        double bpm = map.bpmAtBeat(where * beats);
        assertThat(bpm).isBetween(Math.min(a, b) * (1 - 1e-12), Math.max(a, b) * (1 + 1e-12));
        assertThat(map.bpmAtBeat(beats)).isCloseTo(b, within(1e-9 * b));
        assertThat(map.bpmAtBeat(beats + 10)).isEqualTo(b);
    }

    @Property(tries = 50)
    void shouldNotDriftOverAMillionBeats(@ForAll @DoubleRange(min = 1, max = 1000) double bpm) {
        TempoMap map = TempoMap.constant(bpm);
        double t = map.secondsAt(1_000_000);
        java.math.BigDecimal exact = java.math.BigDecimal.valueOf(60_000_000L)
                .divide(new java.math.BigDecimal(bpm), java.math.MathContext.DECIMAL128);
        // Correctly rounded: within half a unit in the last place of the double (below 1 ns up to 8.4e6 s).
        double error = new java.math.BigDecimal(t).subtract(exact).abs().doubleValue();
        assertThat(error).isLessThanOrEqualTo(Math.ulp(t) / 2);
        if (t < 8.0e6) {
            assertThat(error).isLessThan(1e-9);
        }
    }
}
