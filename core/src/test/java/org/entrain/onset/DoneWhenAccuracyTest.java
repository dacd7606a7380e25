package org.entrain.onset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "done when" figure as accuracy bounds on generated audio with sample-exact truth. */
class DoneWhenAccuracyTest {

    @Test
    void shouldMeetTheDoneWhenBoundsOnTheReferenceMixWithTheCueBleeding() {
        for (long seed = 1; seed <= 3; seed++) {
            TestSignals.Mix mix = TestSignals.mix(TestSignals.Spec.reference(seed));
            long[] cueNanos = Scores.nanos(mix.cueFrames(), mix.sampleRate());
            List<Onset> onsets = AudioFileOnsets.detect(mix.samples(), mix.sampleRate(), DetectorSettings.taps(),
                    CueBleed.of(cueNanos, TestSignals.cueSound(mix.sampleRate())));
            Scores s = Scores.match(Scores.nanos(mix.hitFrames(), mix.sampleRate()), Scores.times(onsets), 50);
            System.out.println("seed " + seed + ": " + s + " unmatched " + s.unmatchedDetections);

            assertThat(mix.hitFrames()).hasSizeGreaterThanOrEqualTo(100);
            assertThat(s.fMeasure()).as("F at 50 ms, seed %d", seed).isGreaterThanOrEqualTo(0.98);
            assertThat(Math.abs(s.medianErrorMillis())).as("|median error| ms, seed %d", seed).isLessThanOrEqualTo(0.5);
            assertThat(s.p95AbsErrorMillis()).as("p95 |error| ms, seed %d", seed).isLessThanOrEqualTo(2.0);
            for (long fp : s.unmatchedDetections) {
                for (long cue : cueNanos) {
                    assertThat(Math.abs(fp - cue)).as("false onset at a cue, seed %d", seed).isGreaterThan(50_000_000L);
                }
            }
        }
    }
}
