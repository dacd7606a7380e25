package org.entrain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class SegmentPropertiesTest {

    /** A hold of {@code holdBars} then a change that takes {@code rampBars} if it is a ramp. */
    private record Bars(int holdBars, int rampBars) { }

    @Test
    void shouldPutEveryCueInExactlyOneSegment() {
        Gen<Bars> bars = integers().between(1, 6).zip(integers().between(1, 6), Bars::new);
        qt().withExamples(50)
                .forAll(integers().between(40, 160), integers().between(40, 160), bars, booleans().all())
                .checkAssert((bpm, target, b, jump) -> {
                    TempoMap map = TempoMap.builder(bpm).then(TempoChange.hold(Length.bars(b.holdBars())))
                            .then(jump ? TempoChange.jumpTo(target)
                                    : TempoChange.rampTo(RampShape.LINEAR, target, Length.bars(b.rampBars())))
                            .build();
                    List<CueEvent> cues = CuePlanner.plan(map, Pattern.defaults(),
                            Length.bars(b.holdBars() + b.rampBars() + 4));
                    List<Segment> segs = Segment.fromCues(cues);
                    assertThat(cues).isNotEmpty();
                    for (CueEvent c : cues) {
                        long n = segs.stream().filter(s -> s.contains(c.timeSeconds())).count();
                        assertThat(n).isEqualTo(1);
                    }
                    for (int i = 1; i < segs.size(); i++) {
                        assertThat(segs.get(i).startSeconds()).isEqualTo(segs.get(i - 1).endSeconds());
                    }
                    if (bpm.equals(target)) {
                        assertThat(segs).hasSize(1);
                    } else if (jump) {
                        assertThat(segs).extracting(Segment::kind).containsExactly("constant", "constant");
                    } else {
                        assertThat(segs).extracting(Segment::kind).contains("ramp");
                    }
                });
    }
}
