package org.entrain.schedule;

import org.entrain.csv.CueCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.entrain.pattern.Layer;
import org.entrain.pattern.Meter;
import org.entrain.pattern.Pattern;
import org.entrain.pattern.Voice;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;

class CuePlannerTest {

    @Test
    void shouldPlanEveryBeatAndSubdivisionOfARamp() {
        TempoMap map = TempoMap.builder(60).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.seconds(120))).build();
        Pattern pattern = Pattern.builder().subdivide(2).build();
        List<CueEvent> cues = CuePlanner.plan(map, pattern, Length.bars(40));
        assertThat(cues).hasSize(40 * 4 * 2);
        for (int i = 0; i < cues.size(); i++) {
            CueEvent c = cues.get(i);
            double beat = i / 2.0;
            // beats(t) = t + t^2/240  =>  t = 120 (sqrt(1 + beat/60) - 1)
            double t = 120 * (Math.sqrt(1 + beat / 60.0) - 1);
            assertThat(c.index()).isEqualTo(i);
            assertThat(c.timeNanos() / 1e9).isCloseTo(t, within(1e-6));
            assertThat(c.bar()).isEqualTo(i / 8);
            assertThat(c.beat()).isEqualTo((i / 2) % 4);
            assertThat(c.sub()).isEqualTo(i % 2);
            assertThat(c.voice()).isEqualTo(i % 8 == 0 ? Voice.ACCENT : i % 2 == 1 ? Voice.SUB : Voice.BEAT);
            assertThat(c.bpm()).isCloseTo(60 + t / 2, within(1e-6));
        }
        assertThat(cues.get(0).timeNanos()).isZero();
    }

    @Test
    void shouldInterleaveAPolyrhythmLayerInTimeOrder() {
        Pattern pattern = Pattern.builder().layer(new Layer(3, 70)).build();
        List<CueEvent> cues = CuePlanner.plan(TempoMap.constant(120), pattern, Length.bars(2));
        // Per bar: beats at 0, .5, 1, 1.5 s and layer pulses at 0, 2/3, 4/3 s; the downbeat twice.
        assertThat(cues).hasSize(14);
        assertThat(cues).extracting(CueEvent::timeNanos).isSorted();
        assertThat(cues.stream().filter(c -> c.voice() == Voice.LAYER)).hasSize(6)
                .extracting(CueEvent::timeNanos)
                .containsExactly(0L, 666_666_667L, 1_333_333_333L, 2_000_000_000L, 2_666_666_667L, 3_333_333_333L);
        assertThat(cues.get(0).voice()).isEqualTo(Voice.ACCENT);
        assertThat(cues.get(1).voice()).isEqualTo(Voice.LAYER);
    }

    @Test
    void shouldEndAtADurationExclusive() {
        List<CueEvent> cues = CuePlanner.plan(TempoMap.constant(60), Pattern.defaults(), Length.seconds(10));
        assertThat(cues).hasSize(10);
        assertThat(cues.get(9).timeNanos()).isEqualTo(9_000_000_000L);
    }

    @Test
    void shouldSkipSilentCuesWithoutNumberingThem() {
        Pattern pattern = Pattern.builder().gapBars(1, 1).build();
        List<CueEvent> cues = CuePlanner.plan(TempoMap.constant(60), pattern, Length.bars(4));
        assertThat(cues).hasSize(8);
        assertThat(cues).extracting(CueEvent::bar).containsOnly(0L, 2L);
        assertThat(cues).extracting(CueEvent::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void shouldEndAPlanWithoutEndWhenTheFadeReachesSilence() {
        Pattern pattern = Pattern.builder().fadeVolume(0, 2, 0).build();
        CuePlanner planner = new CuePlanner(TempoMap.constant(60), pattern, null);
        MutableCue cue = new MutableCue();
        int n = 0;
        while (planner.next(cue)) {
            n++;
        }
        assertThat(n).isBetween(5, 8);
    }

    @Test
    void shouldRetimeOnlyCuesNotYetTakenWhenTheMapChanges() {
        TempoMap map = TempoMap.constant(120);
        CuePlanner planner = new CuePlanner(map, Pattern.defaults(), Length.bars(4));
        MutableCue cue = new MutableCue();
        for (int i = 0; i < 5; i++) {
            assertThat(planner.next(cue)).isTrue();
        }
        assertThat(cue.timeNanos()).isEqualTo(2_000_000_000L);
        planner.tempoMap(map.changedAt(cue.beatPosition(), TempoChange.jumpTo(60), 4));
        assertThat(planner.next(cue)).isTrue();
        assertThat(cue.index()).isEqualTo(5);
        assertThat(cue.beatPosition()).isEqualTo(5.0);
        assertThat(cue.timeNanos()).isEqualTo(3_000_000_000L);
    }

    @Test
    void shouldCountBarsByThePatternsMeter() {
        List<CueEvent> cues = CuePlanner.plan(TempoMap.constant(60), Pattern.builder().meter(Meter.of(3, 4)).build(),
                Length.bars(2));
        assertThat(cues).hasSize(6);
        assertThat(cues.get(3).bar()).isEqualTo(1);
        assertThat(cues.get(3).beat()).isZero();
        assertThat(cues.get(3).voice()).isEqualTo(Voice.ACCENT);
        assertThat(cues.get(5).timeNanos()).isEqualTo(5_000_000_000L);
    }

    @Test
    void shouldWriteAndReadTheCueCsv() throws Exception {
        List<CueEvent> cues = CuePlanner.plan(TempoMap.constant(90), Pattern.builder().subdivide(2).build(), Length.bars(2));
        java.io.StringWriter w = new java.io.StringWriter();
        CueCsv.write(cues, w);
        String text = w.toString();
        assertThat(text).startsWith(CueCsv.HEADER + "\n0,0,0,0,0.000000000,90.000000,accent,120\n");
        List<CueEvent> back = CueCsv.read(new java.io.StringReader(text), "test.csv");
        assertThat(back).hasSameSizeAs(cues);
        for (int i = 0; i < cues.size(); i++) {
            assertThat(back.get(i).timeNanos()).isEqualTo(cues.get(i).timeNanos());
            assertThat(back.get(i).voice()).isEqualTo(cues.get(i).voice());
        }
        assertThatThrownBy(() -> CueCsv.read(new java.io.StringReader("index,bar\n"), "x.csv"))
                .hasMessageContaining("x.csv").hasMessageContaining("beat");
        assertThatThrownBy(() -> CueCsv.read(new java.io.StringReader(CueCsv.HEADER + "\n0,0,0,0,abc,90,beat,90\n"), "y.csv"))
                .hasMessageContaining("y.csv line 2");
    }
}
