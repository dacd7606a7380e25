package org.entrain.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of the tempo math on random maps: every segment kind, random joins. */
class TempoMapPropertiesTest {

    private static Gen<TempoMap> maps() {
        Gen<Double> bpm = doubles().between(20, 300);
        Gen<Length> length = Generate.oneOf(
                doubles().between(0.5, 120).map(Length::seconds),
                doubles().between(1, 64).map(Length::beats),
                integers().between(1, 16).map(Length::bars));
        Gen<RampShape> shape = Generate.enumValues(RampShape.class);
        Gen<TempoChange> change = Generate.oneOf(
                length.map(TempoChange::hold),
                bpm.map(TempoChange::jumpTo),
                shape.zip(bpm, length, TempoChange::rampTo),
                doubles().between(-20, 20).assuming(p -> Math.abs(p) > 0.5)
                        .zip(integers().between(1, 4).map(Length::bars), bpm,
                                (p, every, target) -> TempoChange.steps(p, every,
                                        p > 0 ? Math.max(target, 300) : Math.min(target, 20))));
        Gen<List<TempoChange>> changes = lists().of(change).ofSizeBetween(0, 5);
        return bpm.zip(integers().between(1, 7), changes, (start, bpb, cs) -> {
            TempoMap.Builder b = TempoMap.builder(start).beatsPerBar(bpb);
            cs.forEach(b::then);
            return b.build();
        });
    }

    @Test
    void shouldRoundTripBeatToTimeToBeat() {
        qt().withExamples(300).forAll(maps(), doubles().between(0, 5000)).checkAssert((map, beat) -> {
            double t = map.secondsAt(beat);
            assertThat(map.beatAt(t)).isCloseTo(beat, within(1e-9 * Math.max(1, beat)));
        });
    }

    @Test
    void shouldRoundTripTimeToBeatToTime() {
        qt().withExamples(300).forAll(maps(), doubles().between(0, 3600)).checkAssert((map, seconds) -> {
            double b = map.beatAt(seconds);
            assertThat(map.secondsAt(b)).isCloseTo(seconds, within(1e-9 * Math.max(1, seconds)));
        });
    }

    @Test
    void shouldBeStrictlyIncreasing() {
        qt().withExamples(300).forAll(maps(), doubles().between(0, 5000), doubles().between(1e-3, 10))
                .checkAssert((map, beat, step) ->
                        assertThat(map.secondsAt(beat + step)).isGreaterThan(map.secondsAt(beat)));
    }

    @Test
    void shouldBeContinuousAtEveryJoin() {
        qt().withExamples(200).forAll(maps()).checkAssert(map -> {
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
        });
    }

    @Test
    void shouldMatchFineNumericIntegrationOfTempo() {
        qt().withExamples(60).forAll(maps(), doubles().between(1, 600)).checkAssert((map, seconds) -> {
            // Integrate bpm(t)/60 with Simpson's rule on a fine grid and compare with the closed form.
            int n = 20_000;
            double h = seconds / n;
            double sum = map.bpmAtSeconds(0) + map.bpmAtSeconds(seconds);
            for (int i = 1; i < n; i++) {
                sum += (i % 2 == 1 ? 4 : 2) * map.bpmAtSeconds(i * h);
            }
            double beats = sum * h / 3.0 / 60.0;
            // Jumps make bpm(t) discontinuous, so Simpson is only first-order there: allow a few grid steps of tempo.
            double tolerance = 1e-6 * Math.max(1, beats)
                    + map.segmentCount() * 4 * h * 1000 / 60.0 * (hasJumps(map) ? 1 : 1e-6);
            assertThat(map.beatAt(seconds)).isCloseTo(beats, within(tolerance));
        });
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

    /** One ramp: from {@code startBpm} to {@code targetBpm} over {@code beats}. */
    private record Ramp(double startBpm, double targetBpm, RampShape shape, int beats) { }

    @Test
    void shouldKeepBpmWithinItsStartAndTargetDuringARamp() {
        Gen<Ramp> ramps = doubles().between(1, 1000).zip(doubles().between(1, 1000),
                Generate.enumValues(RampShape.class), integers().between(1, 64), Ramp::new);
        qt().withExamples(100).forAll(ramps, doubles().between(0, 1)).checkAssert((r, where) -> {
            double a = r.startBpm();
            double b = r.targetBpm();
            TempoMap map = TempoMap.builder(a).then(TempoChange.rampTo(r.shape(), b, Length.beats(r.beats()))).build();
            double bpm = map.bpmAtBeat(where * r.beats());
            assertThat(bpm).isBetween(Math.min(a, b) * (1 - 1e-12), Math.max(a, b) * (1 + 1e-12));
            assertThat(map.bpmAtBeat(r.beats())).isCloseTo(b, within(1e-9 * b));
            assertThat(map.bpmAtBeat(r.beats() + 10)).isEqualTo(b);
        });
    }

    @Test
    void shouldNotDriftOverAMillionBeats() {
        qt().withExamples(50).forAll(doubles().between(1, 1000)).checkAssert(bpm -> {
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
        });
    }
}
