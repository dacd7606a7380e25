package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.entrain.clock.ManualNanoClock;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.Failover;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.schedule.CueSink;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every MIDI cue sink keeps, run against each implementation. */
class CueSinkContractTest {

    interface Factory extends Function<RecordingReceiver, CueSink> {
    }

    static Stream<Arguments> sinks() {
        ManualNanoClock unused = new ManualNanoClock();
        return Stream.of(
                Arguments.of("PortCueSink", (Factory) r -> PortCueSink.open("p", r, CueSounds.defaults(), 2_000_000)),
                Arguments.of("OfflineCueSink", (Factory) r -> OfflineCueSink.of(r, CueSounds.defaults(), 0)),
                Arguments.of("SynthCueSink.timed", (Factory) r -> SynthCueSink.timed(r, CueSounds.defaults(), unused,
                        () -> 0L, 10_000_000, 5_000_000)),
                Arguments.of("Failover.primary", (Factory) r -> Failover.of("p",
                        PortCueSink.open("p", r, CueSounds.defaults(), 0), null, Failover.Policy.STOP, null, unused).primary()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void shouldTurnEveryCueIntoOneNoteOnWithItsVoiceNoteAndVelocityInOrder(String name, Factory factory) {
        ManualNanoClock clock = new ManualNanoClock(123_456_789L);
        RecordingReceiver r = new RecordingReceiver(clock, 10_000);
        CueSink sink = factory.apply(r);
        TempoMap map = TempoMap.builder(80).then(TempoChange.rampTo(RampShape.LINEAR, 130, Length.bars(3))).build();
        Pattern p = Pattern.builder().accents(1, 3).subdivide(3).build();
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).pattern(p).end(Length.bars(4)).sink(sink)
                .build();
        engine.begin(clock.nanoTime() + 100_000_000);
        Drive.toEnd(engine, clock);

        List<CueEvent> plan = CuePlanner.plan(map, p, Length.bars(4));
        int k = 0;
        for (int i = 0; i < r.count(); i++) {
            if ((r.status(i) & 0xF0) == 0x90 && r.data2(i) > 0) {
                CueEvent c = plan.get(k++);
                assertThat(r.status(i) & 0x0F).isEqualTo(9);
                assertThat(r.data1(i)).isEqualTo(CueSounds.defaults().of(c.voice()).note());
                assertThat(r.data2(i)).isEqualTo(c.velocity());
            }
        }
        assertThat(k).as(name).isEqualTo(plan.size());
        assertThat(engine.sentCount()).isEqualTo(plan.size());
    }
}
