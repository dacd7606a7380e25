package org.entrain.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TempoMapTest {

    @Test
    void shouldPutBeatOneMillionOf120BpmAtExactly500000Seconds() {
        TempoMap map = TempoMap.constant(120);
        assertThat(map.secondsAt(1_000_000)).isEqualTo(500_000.0);
        assertThat(Math.round(map.secondsAt(1_000_000) * 1e9)).isEqualTo(500_000_000_000_000L);
        assertThat(map.beatAt(500_000.0)).isEqualTo(1_000_000.0);
    }

    @Test
    void shouldMatchTheClosedFormOfALinearRampInTime() {
        // 60 -> 120 bpm over 120 s: bpm(t) = 60 + t/2, beats(t) = t + t^2/240.
        TempoMap map = TempoMap.builder(60).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.seconds(120))).build();
        for (double t = 0; t <= 120; t += 7.5) {
            assertThat(map.beatAt(t)).isCloseTo(t + t * t / 240.0, within(1e-9));
            assertThat(map.bpmAtSeconds(t)).isCloseTo(60 + t / 2, within(1e-9));
        }
        assertThat(map.beatAt(120)).isCloseTo(180, within(1e-9));
        // After the ramp: 120 bpm from beat 180 at 120 s.
        assertThat(map.secondsAt(200)).isCloseTo(130, within(1e-9));
    }

    @Test
    void shouldMatchTheClosedFormOfALinearRampInBeats() {
        // 60 -> 120 over 60 beats: bpm(b) = 60 + b, t(b) = 60 ln(1 + b/60).
        TempoMap map = TempoMap.builder(60).then(TempoChange.rampTo(RampShape.LINEAR_BEATS, 120, Length.beats(60))).build();
        for (int b = 0; b <= 60; b += 5) {
            assertThat(map.secondsAt(b)).isCloseTo(60 * Math.log(1 + b / 60.0), within(1e-9));
            assertThat(map.bpmAtBeat(b)).isCloseTo(60 + b, within(1e-9));
        }
    }

    @Test
    void shouldMatchTheClosedFormOfAnExponentialRamp() {
        // 100 -> 200 over 60 s: bpm(t) = 100 * 2^(t/60), beats(t) = 100/(60 k) (e^(k t) - 1), k = ln2/60.
        TempoMap map = TempoMap.builder(100).then(TempoChange.rampTo(RampShape.EXPONENTIAL, 200, Length.seconds(60))).build();
        double k = Math.log(2) / 60;
        for (double t = 0; t <= 60; t += 6) {
            assertThat(map.beatAt(t)).isCloseTo(100 / (60 * k) * Math.expm1(k * t), within(1e-9));
            assertThat(map.bpmAtSeconds(t)).isCloseTo(100 * Math.pow(2, t / 60), within(1e-9));
        }
    }

    @Test
    void shouldStepTheTempoEveryNBarsUntilTheTarget() {
        // 100 bpm, +10 % every 2 bars of 4, until 125: 100, 110, 121, then 125.
        TempoMap map = TempoMap.builder(100).beatsPerBar(4)
                .then(TempoChange.steps(10, Length.bars(2), 125)).build();
        assertThat(map.bpmAtBeat(0)).isEqualTo(100);
        assertThat(map.bpmAtBeat(8)).isCloseTo(110, within(1e-9));
        assertThat(map.bpmAtBeat(16)).isCloseTo(121, within(1e-9));
        assertThat(map.bpmAtBeat(24)).isEqualTo(125);
        assertThat(map.bpmAtBeat(1000)).isEqualTo(125);
        assertThat(map.secondsAt(24)).isCloseTo(8 * 0.6 + 8 * 60 / 110.0 + 8 * 60 / 121.0, within(1e-12));
    }

    @Test
    void shouldStepEveryNSeconds() {
        TempoMap map = TempoMap.builder(60).then(TempoChange.steps(-50, Length.seconds(10), 30)).build();
        assertThat(map.beatAt(10)).isCloseTo(10, within(1e-12));
        assertThat(map.beatAt(20)).isCloseTo(15, within(1e-12));
    }

    @Test
    void shouldStepToTheTempoBoundWithoutATarget() {
        TempoMap map = TempoMap.builder(500).then(TempoChange.steps(50, Length.beats(1), Double.NaN)).build();
        assertThat(map.finalBpm()).isEqualTo(Bpm.MAX);
    }

    @Test
    void shouldKeepEverythingBeforeALiveChangeAndStayContinuous() {
        TempoMap map = TempoMap.builder(60).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.seconds(120))).build();
        double at = 37.25;
        TempoMap changed = map.changedAt(at, TempoChange.jumpTo(90), 4);
        for (double b = 0; b <= at; b += 0.25) {
            assertThat(changed.secondsAt(b)).isEqualTo(map.secondsAt(b));
        }
        assertThat(changed.secondsAt(at + 1.5)).isCloseTo(map.secondsAt(at) + 1.0, within(1e-12));
        assertThat(changed.bpmAtBeat(at + 0.001)).isEqualTo(90);
    }

    @Test
    void shouldMeasureALiveChangeInBarsOfTheGivenMeter() {
        TempoMap map = TempoMap.constant(100).changedAt(3, TempoChange.rampTo(RampShape.LINEAR, 120, Length.bars(2)), 3);
        assertThat(map.segmentStartBeat(map.segmentCount() - 1)).as("two bars of 3/4 after beat 3").isEqualTo(9.0);
        assertThat(map.bpmAtBeat(9)).isEqualTo(120);
        assertThatThrownBy(() -> TempoMap.constant(100).changedAt(0, TempoChange.jumpTo(90), 0))
                .hasMessageContaining("between 1 and 64, was 0");
    }

    @Test
    void shouldStartALiveRampFromTheTempoInForce() {
        TempoMap map = TempoMap.constant(100).changedAt(8, TempoChange.rampTo(RampShape.LINEAR, 120, Length.bars(4)), 4);
        assertThat(map.bpmAtBeat(8)).isEqualTo(100);
        assertThat(map.bpmAtBeat(24)).isCloseTo(120, within(1e-9));
        assertThat(map.secondsAt(8)).isCloseTo(4.8, within(1e-12));
    }

    @Test
    void shouldRejectBadValuesNamingThemAndTheRange() {
        assertThatThrownBy(() -> TempoMap.constant(0)).hasMessageContaining("between 1 and 1000").hasMessageContaining("0.0");
        assertThatThrownBy(() -> TempoMap.constant(1000.5)).hasMessageContaining("1000.5");
        assertThatThrownBy(() -> TempoMap.constant(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> TempoChange.rampTo(RampShape.LINEAR, Double.POSITIVE_INFINITY, Length.seconds(1)))
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> Length.seconds(0)).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> Length.beats(-3)).hasMessageContaining("-3");
        assertThatThrownBy(() -> Length.parse("12 parsecs")).hasMessageContaining("12 parsecs");
        assertThatThrownBy(() -> TempoChange.steps(0, Length.bars(1), Double.NaN)).hasMessageContaining("not 0");
        assertThatThrownBy(() -> TempoMap.builder(100).then(TempoChange.steps(5, Length.bars(1), 90)))
                .hasMessageContaining("90.0").hasMessageContaining("below");
        assertThatThrownBy(() -> TempoMap.builder(100).beatsPerBar(0)).hasMessageContaining("between 1 and 64");
        assertThatThrownBy(() -> TempoMap.constant(100).changedAt(-1, TempoChange.jumpTo(90), 4)).hasMessageContaining("-1");
        assertThatThrownBy(() -> RampShape.parse("cubic")).hasMessageContaining("cubic").hasMessageContaining("linear-beats");
    }

    @Test
    void shouldParseLengths() {
        assertThat(Length.parse("90s")).isEqualTo(Length.seconds(90));
        assertThat(Length.parse("2m")).isEqualTo(Length.seconds(120));
        assertThat(Length.parse("1h")).isEqualTo(Length.seconds(3600));
        assertThat(Length.parse("500ms")).isEqualTo(Length.seconds(0.5));
        assertThat(Length.parse("32beats")).isEqualTo(Length.beats(32));
        assertThat(Length.parse("8bars")).isEqualTo(Length.bars(8));
        assertThat(Length.parse("1bar")).isEqualTo(Length.bars(1));
    }

    @Test
    void shouldResolveEveryLengthToBeatsInOnePlace() {
        TempoMap map = TempoMap.builder(60).beatsPerBar(3).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.bars(2)))
                .build();
        assertThat(Length.bars(2).inBeats(3)).isEqualTo(6.0);
        assertThat(Length.beats(2.5).inBeats(3)).isEqualTo(2.5);
        assertThat(map.beatOf(Length.bars(4), 3)).isEqualTo(12.0);
        assertThat(map.beatOf(Length.seconds(map.secondsAt(7.25)), 3)).isCloseTo(7.25, org.assertj.core.api.Assertions.within(1e-9));
        assertThatThrownBy(() -> Length.seconds(3).inBeats(4)).hasMessageContaining("TempoMap.beatOf");
    }
}
