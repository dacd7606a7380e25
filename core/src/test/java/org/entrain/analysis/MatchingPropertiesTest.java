package org.entrain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatchingPropertiesTest {

    @Test
    void shouldPairEachCueAndEachTapAtMostOnce() {
        qt().withExamples(1000)
                .forAll(lists().of(doubles().between(0, 30)).ofSizeBetween(0, 60),
                        integers().between(1, 40), doubles().between(0.05, 0.5))
                .checkAssert((tapList, nCues, window) -> {
                    double[] taps = tapList.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    double[] cues = new double[nCues];
                    for (int i = 0; i < nCues; i++) {
                        cues[i] = i * 0.75;
                    }
                    Matching m = TapMatcher.match(cues, taps, MatchOptions.of(window, 0));
                    Set<Integer> used = new HashSet<>();
                    for (int k = 0; k < nCues; k++) {
                        int j = m.tapOf(k);
                        if (j >= 0) {
                            assertThat(used.add(j)).as("tap %d used twice", j).isTrue();
                            // a lone cue has a 1 s interval (TapMatcher.iois)
                            assertThat(Math.abs(taps[j] - cues[k]))
                                    .isLessThanOrEqualTo(window * (nCues == 1 ? 1.0 : 0.75) + 1e-12);
                        }
                    }
                    assertThat(m.matchedCount() + m.missedCues().length).isEqualTo(nCues);
                    assertThat(m.matchedCount() + m.extraTaps().length).isEqualTo(taps.length);
                });
    }

    @Test
    void shouldShiftMeanAsynchronyByTheShift() {
        qt().withExamples(1000)
                .forAll(integers().between(2, 50), longs().all(), doubles().between(-0.05, 0.05))
                .checkAssert((n, seed, d) -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    double[] cues = new double[n];
                    double[] taps = new double[n];
                    for (int i = 0; i < n; i++) {
                        cues[i] = i * 0.6;
                        taps[i] = cues[i] + (r.nextDouble() - 0.5) * 0.2;
                    }
                    double[] shifted = Arrays.stream(taps).map(t -> t + d).toArray();
                    Summary a = TimingAnalyzer.analyze(cues, taps, AnalysisOptions.DEFAULT).overall();
                    Summary b = TimingAnalyzer.analyze(cues, shifted, AnalysisOptions.DEFAULT).overall();
                    assertThat(b.nMatched()).isEqualTo(n);
                    assertThat(b.meanAsynchronyMs() - a.meanAsynchronyMs()).isCloseTo(d * 1000, within(1e-6));
                    assertThat(b.sdAsynchronyMs()).isCloseTo(a.sdAsynchronyMs(), within(1e-6));
                });
    }
}
