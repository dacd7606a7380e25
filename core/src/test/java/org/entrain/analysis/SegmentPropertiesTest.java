package org.entrain.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;

class SegmentPropertiesTest {

    @Property(tries = 50)
    void shouldPutEveryCueInExactlyOneSegment(@ForAll @IntRange(min = 40, max = 160) int bpm,
                                              @ForAll @IntRange(min = 40, max = 160) int target,
                                              @ForAll @IntRange(min = 1, max = 6) int holdBars,
                                              @ForAll @IntRange(min = 1, max = 6) int rampBars,
                                              @ForAll boolean jump) {
        TempoMap map = TempoMap.builder(bpm).then(TempoChange.hold(Length.bars(holdBars)))
                .then(jump ? TempoChange.jumpTo(target) : TempoChange.rampTo(RampShape.LINEAR, target, Length.bars(rampBars)))
                .build();
        List<CueEvent> cues = CuePlanner.plan(map, Pattern.defaults(), Length.bars(holdBars + rampBars + 4));
        List<Segment> segs = Segment.fromCues(cues);
        for (CueEvent c : cues) {
            long n = segs.stream().filter(s -> s.contains(c.timeSeconds())).count();
            assertThat(n).isEqualTo(1);
        }
        for (int i = 1; i < segs.size(); i++) {
            assertThat(segs.get(i).startSeconds()).isEqualTo(segs.get(i - 1).endSeconds());
        }
        if (bpm == target) {
            assertThat(segs).hasSize(1);
        } else if (jump) {
            assertThat(segs).extracting(Segment::kind).containsExactly("constant", "constant");
        } else {
            assertThat(segs).extracting(Segment::kind).contains("ramp");
        }
    }
}
