package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

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

class SynthCueSinkTest {

    @Test
    void shouldSendAheadWithTimestampsMappedToTheDeviceClock() {
        ManualNanoClock clock = new ManualNanoClock(-1_000_000_000L);
        RecordingReceiver synth = new RecordingReceiver(clock, 1000);
        TempoMap map = TempoMap.builder(90).then(TempoChange.rampTo(RampShape.LINEAR_BEATS, 150, Length.bars(2))).build();
        Pattern p = Pattern.builder().subdivide(2).build();
        CueSounds sounds = CueSounds.defaults().with(Voice.SUB, CueSound.melodic(3, 115, 84));
        // A "live" mapping on a fake device clock that reads 7 s when the engine clock reads -1 s.
        long[] deviceMicros = {7_000_000};
        SynthCueSink live = liveOnFakeClock(synth, sounds, clock, deviceMicros, 30_000_000, 10_000_000);
        assertThat(live.advanceNanos()).isEqualTo(40_000_000);
        live.anchor();

        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).pattern(p).end(Length.bars(3)).sink(live)
                .build();
        long origin = clock.nanoTime() + 200_000_000;
        engine.begin(origin);
        Drive.toEnd(engine, clock);

        List<CueEvent> plan = CuePlanner.plan(map, p, Length.bars(3));
        // program change, then per cue: note-on (and a note-off for the melodic sub)
        assertThat(synth.status(0)).isEqualTo(0xC2);
        assertThat(synth.data1(0)).isEqualTo(115);
        int i = 1;
        for (CueEvent c : plan) {
            long deadline = origin + c.timeNanos();
            long expected = 7_000_000 + Math.floorDiv(deadline - (-1_000_000_000L) - 30_000_000 + 500, 1000);
            assertThat(synth.timestamp(i)).as("cue %d", c.index()).isEqualTo(expected);
            assertThat(synth.nanos(i)).as("sent 40 ms ahead").isEqualTo(deadline - 40_000_000);
            if (c.voice() == Voice.SUB) {
                assertThat(synth.status(i)).isEqualTo(0x92);
                assertThat(synth.status(i + 1)).isEqualTo(0x82);
                assertThat(synth.timestamp(i + 1)).isEqualTo(expected + 100_000);
                i += 2;
            } else {
                assertThat(synth.status(i)).isEqualTo(0x99);
                i++;
            }
        }
        assertThat(i).isEqualTo(synth.count());
        assertThat(live.lateCues()).isZero();
        assertThat(live.sentCues()).isEqualTo(plan.size());
    }

    @Test
    void shouldCountCuesThatReachTheDeviceAfterTheirSample() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingReceiver synth = new RecordingReceiver(clock, 100);
        long[] deviceMicros = {0};
        SynthCueSink live = liveOnFakeClock(synth, CueSounds.defaults(), clock, deviceMicros, 0, 5_000_000);
        live.anchor();
        org.entrain.schedule.Cue cue = new org.entrain.schedule.Cue().set(0, 0, 0, 0, -1, 0, 0, 3_000_000, 120, Voice.BEAT, 90);
        live.onCue(cue);
        assertThat(live.lateCues()).isZero();
        deviceMicros[0] = 3_001; // the device rendered past the cue's sample
        live.onCue(cue);
        assertThat(live.lateCues()).isEqualTo(1);
    }

    private static SynthCueSink liveOnFakeClock(RecordingReceiver r, CueSounds sounds, ManualNanoClock clock,
                                                long[] deviceMicros, long latency, long margin) {
        return SynthCueSink.timed(r, sounds, clock, () -> deviceMicros[0], latency, margin);
    }
}
