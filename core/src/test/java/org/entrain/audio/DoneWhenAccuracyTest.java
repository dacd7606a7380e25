package org.entrain.audio;

import org.entrain.cancel.CueBleed;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.Scores;
import org.entrain.onset.TestSignals;
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
            assertThat(Math.abs(s.medianErrorMs())).as("|median error| ms, seed %d", seed).isLessThanOrEqualTo(0.5);
            assertThat(s.p95AbsErrorMs()).as("p95 |error| ms, seed %d", seed).isLessThanOrEqualTo(2.0);
            for (long fp : s.unmatchedDetections) {
                for (long cue : cueNanos) {
                    assertThat(Math.abs(fp - cue)).as("false onset at a cue, seed %d", seed).isGreaterThan(50_000_000L);
                }
            }
        }
    }

    @Test
    void shouldReportNoCueEchoAsATapAt48kHz() {
        // Seeds where, before echo removal, the room's first reflection of a cue came out as a tap.
        for (long seed : new long[] {2, 9, 14, 18}) {
            TestSignals.Spec r = TestSignals.Spec.reference(seed);
            TestSignals.Mix mix = TestSignals.mix(new TestSignals.Spec(60, 48_000f, 120, r.kinds(), 150, 20, 6, 100, -6, 0.25,
                    true, seed));
            List<Onset> onsets = AudioFileOnsets.detect(mix.samples(), mix.sampleRate(), DetectorSettings.taps(),
                    CueBleed.of(Scores.nanos(mix.cueFrames(), mix.sampleRate()), TestSignals.cueSound(mix.sampleRate())));
            Scores s = Scores.match(Scores.nanos(mix.hitFrames(), mix.sampleRate()), Scores.times(onsets), 50);
            assertThat(s.unmatchedDetections).as("seed %d: %s", seed, s).isEmpty();
            assertThat(s.recall()).as("seed %d", seed).isEqualTo(1.0);
        }
    }
}
