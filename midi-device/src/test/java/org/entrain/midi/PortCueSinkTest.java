package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.entrain.clock.ManualNanoClock;
import org.entrain.pattern.Pattern;
import org.entrain.pattern.Voice;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;

class PortCueSinkTest {

    private static final long ORIGIN = Long.MAX_VALUE - 3_000_000_000L; // wraps during the run

    private final TempoMap map = TempoMap.builder(100).then(TempoChange.rampTo(RampShape.EXPONENTIAL, 140, Length.bars(4))).build();
    private final Pattern pattern = Pattern.builder().accents(1).subdivide(2).build();

    @Test
    void shouldSendEveryCueAsNoteOnThenNoteOffAtItsDeadlineInOrder() {
        ManualNanoClock clock = new ManualNanoClock(ORIGIN - 1_000_000_000L);
        RecordingReceiver port = new RecordingReceiver(clock, 1000);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).pattern(pattern).end(Length.bars(6))
                .sink(PortCueSink.open("test port", port, CueSounds.defaults(), 0)).build();
        engine.begin(ORIGIN);
        Drive.toEnd(engine, clock);

        List<CueEvent> plan = CuePlanner.plan(map, pattern, Length.bars(6));
        assertThat(port.count()).isEqualTo(2 * plan.size());
        for (int i = 0; i < plan.size(); i++) {
            CueEvent c = plan.get(i);
            CueSound s = CueSounds.defaults().of(c.voice());
            assertThat(port.status(2 * i)).as("note-on ch 10").isEqualTo(0x99);
            assertThat(port.data1(2 * i)).isEqualTo(s.note());
            assertThat(port.data2(2 * i)).isEqualTo(c.velocity());
            assertThat(port.status(2 * i + 1)).as("note-off ch 10").isEqualTo(0x89);
            assertThat(port.timestamp(2 * i)).isEqualTo(-1);
            assertThat(port.nanos(2 * i) - (ORIGIN + c.timeNanos())).as("lateness of cue %d", i).isZero();
        }
        assertThat(port.data1(0)).isEqualTo(CueSounds.HIGH_WOOD_BLOCK);
        assertThat(port.data1(2)).isEqualTo(CueSounds.CLOSED_HI_HAT);
    }

    @Test
    void shouldAlignOutputsWithDifferentLatencies() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingReceiver fast = new RecordingReceiver(clock, 1000);
        RecordingReceiver slow = new RecordingReceiver(clock, 1000);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).pattern(pattern).end(Length.bars(2))
                .sink(PortCueSink.open("fast", fast, CueSounds.defaults(), 1_000_000))
                .sink(PortCueSink.open("slow", slow, CueSounds.defaults(), 9_000_000))
                .leadInNanos(50_000_000).build();
        engine.begin(50_000_000);
        Drive.toEnd(engine, clock);

        List<CueEvent> plan = CuePlanner.plan(map, pattern, Length.bars(2));
        assertThat(fast.count()).isEqualTo(slow.count()).isEqualTo(2 * plan.size());
        for (int i = 0; i < plan.size(); i++) {
            long deadline = 50_000_000 + plan.get(i).timeNanos();
            assertThat(fast.nanos(2 * i) + 1_000_000).isEqualTo(deadline);
            assertThat(slow.nanos(2 * i) + 9_000_000).isEqualTo(deadline);
        }
    }

    @Test
    void shouldSendProgramChangesAndReleaseMelodicNotes() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingReceiver port = new RecordingReceiver(clock, 1000);
        CueSounds sounds = CueSounds.defaults().with(Voice.BEAT, CueSound.melodic(2, 115, 72))
                .with(Voice.ACCENT, CueSound.melodic(2, 115, 79));
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.bars(1))
                .sink(PortCueSink.open("p", port, sounds, 0)).build();
        engine.begin(100_000_000);
        Drive.toEnd(engine, clock);

        // program change once for channel 2, then on(79) on(72) off(72) on(72) off(72) on(72), then offs at end
        assertThat(port.status(0)).isEqualTo(0xC1);
        assertThat(port.data1(0)).isEqualTo(115);
        assertThat(port.status(1)).isEqualTo(0x91);
        assertThat(port.data1(1)).isEqualTo(79);
        assertThat(port.status(2)).isEqualTo(0x91);
        assertThat(port.data1(2)).isEqualTo(72);
        assertThat(port.status(3)).isEqualTo(0x81);
        assertThat(port.data1(3)).isEqualTo(72);
        int offs = 0;
        for (int i = 0; i < port.count(); i++) {
            offs += port.status(i) == 0x81 ? 1 : 0;
        }
        assertThat(offs).as("every note-on has its note-off").isEqualTo(4);
    }

    @Test
    void shouldRejectANegativeLatency() {
        assertThatThrownBy(() -> PortCueSink.open("p", new RecordingReceiver(() -> 0L, 1), CueSounds.defaults(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
