package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

import org.entrain.clock.Deadlines;
import org.entrain.clock.ManualNanoClock;
import org.entrain.schedule.WaitStrategies;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;

class MidiClockOutTest {

    private static void drive(MidiClockOut out, ManualNanoClock clock, int maxSteps) {
        out.doWork(clock.nanoTime());
        for (int i = 0; i < maxSteps && !out.isDone(); i++) {
            long wake = out.nextWakeNanos();
            if (wake == Deadlines.NULL_DEADLINE) {
                return;
            }
            clock.set(wake);
            out.doWork(wake);
        }
    }

    @Test
    void shouldSend24PulsesPerQuarterAtTheirDeadlinesThroughARamp() {
        TempoMap map = TempoMap.builder(120).then(TempoChange.rampTo(RampShape.LINEAR, 60, Length.beats(8))).build();
        long origin = -2_000_000_000L;
        ManualNanoClock clock = new ManualNanoClock(origin - 500_000_000L);
        RecordingReceiver port = new RecordingReceiver(clock, 10_000);
        MidiClockOut out = MidiClockOut.create(port, MidiClockOut.Timeline.fixed(map, origin), 1.0, 3_000_000,
                clock, WaitStrategies.parkThenSpin(), 16);
        out.begin();
        drive(out, clock, 100_000);

        assertThat(out.isDone()).isTrue();
        assertThat(port.status(0)).as("Start first").isEqualTo(0xFA);
        assertThat(port.status(port.count() - 1)).as("Stop last").isEqualTo(0xFC);
        assertThat(port.count()).isEqualTo(1 + 16 * 24 + 1);
        assertThat(out.pulsesSent()).isEqualTo(16 * 24);
        long prevSpacing = 0;
        for (int k = 0; k < 16 * 24; k++) {
            int i = k + 1;
            assertThat(port.status(i)).isEqualTo(0xF8);
            long expected = origin + Math.round(map.secondsAt(k / 24.0) * 1e9) - 3_000_000;
            assertThat(port.nanos(i)).as("pulse %d", k).isEqualTo(expected);
            if (k > 0) {
                long spacing = port.nanos(i) - port.nanos(i - 1);
                if (k < 8 * 24) {
                    assertThat(spacing).as("the ramp slows the clock").isGreaterThanOrEqualTo(prevSpacing);
                }
                prevSpacing = spacing;
            }
        }
        assertThat(port.nanos(2) - port.nanos(1)).isBetween(20_833_000L, 20_900_000L);
        assertThat(port.nanos(port.count() - 2) - port.nanos(port.count() - 3)).isBetween(41_666_000L, 41_667_000L);
        assertThat(port.nanos(0)).as("Start goes out with pulse 0").isEqualTo(port.nanos(1));
    }

    @Test
    void shouldCountEighthNoteBeatsAsHalfQuarters() {
        TempoMap map = TempoMap.builder(180).beatsPerBar(6).build();
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingReceiver port = new RecordingReceiver(clock, 10_000);
        MidiClockOut out = MidiClockOut.create(port, MidiClockOut.Timeline.fixed(map, 0), 0.5, 0, clock,
                WaitStrategies.park(), 6);
        out.begin();
        drive(out, clock, 10_000);
        assertThat(out.pulsesSent()).as("6 eighths = 3 quarters").isEqualTo(72);
        // 180 eighth notes per minute = 90 quarters per minute: 27 777.8 us per pulse
        assertThat(port.nanos(13) - port.nanos(1)).isEqualTo(Math.round(map.secondsAt(1) * 1e9));
    }

    @Test
    void shouldStopThenContinueFromTheSongPosition() {
        TempoMap map = TempoMap.constant(100);
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingReceiver port = new RecordingReceiver(clock, 10_000);
        long[] origin = {1_000_000_000L};
        MidiClockOut.Timeline timeline = new MidiClockOut.Timeline() {
            @Override
            public TempoMap tempoMap() {
                return map;
            }

            @Override
            public long originNanos() {
                return origin[0];
            }
        };
        MidiClockOut out = MidiClockOut.create(port, timeline, 1.0, 0, clock, WaitStrategies.park(), Double.POSITIVE_INFINITY);
        out.begin();
        clock.set(origin[0] + Math.round(map.secondsAt(2) * 1e9)); // two beats in
        out.doWork(clock.nanoTime());
        assertThat(out.pulsesSent()).isEqualTo(49);
        out.stop();
        out.doWork(clock.nanoTime());
        int stopAt = port.count() - 1;
        assertThat(port.status(stopAt)).isEqualTo(0xFC);
        assertThat(out.nextWakeNanos()).isEqualTo(Deadlines.NULL_DEADLINE);

        origin[0] += 5_000_000_000L; // paused 5 s
        out.continueFrom(130); // 130 sixteenths = pulse 780, over 128 -> needs both SPP bytes
        out.doWork(clock.nanoTime());
        assertThat(port.status(stopAt + 1)).isEqualTo(0xF2);
        assertThat(port.data1(stopAt + 1)).isEqualTo(130 & 0x7f);
        assertThat(port.data2(stopAt + 1)).isEqualTo(1);
        drive(out, clock, 3);
        assertThat(port.status(stopAt + 2)).isEqualTo(0xFB);
        assertThat(port.status(stopAt + 3)).isEqualTo(0xF8);
        assertThat(port.nanos(stopAt + 3)).isEqualTo(origin[0] + Math.round(map.secondsAt(780 / 24.0) * 1e9));
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void shouldRunOnTheEnginesDispatcherThreadAndStopWithIt() throws Exception {
        TempoMap map = TempoMap.constant(600);
        org.entrain.schedule.CueEngine engine = org.entrain.schedule.CueEngine.builder().tempoMap(map)
                .end(Length.bars(1)).leadInNanos(50_000_000L).sink(cue -> { }).build();
        RecordingReceiver port = new RecordingReceiver(org.entrain.clock.SystemNanoClock.INSTANCE, 10_000);
        MidiClockOut out = MidiClockOut.create(port, MidiClockOut.Timeline.of(engine), 1.0, 0,
                org.entrain.clock.SystemNanoClock.INSTANCE, WaitStrategies.park(), Double.POSITIVE_INFINITY);
        engine.runOnDispatcher(out);
        engine.start();
        assertThat(engine.awaitFinished(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(out.awaitFinished(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(port.status(0)).as("Start first").isEqualTo(0xFA);
        assertThat(port.status(port.count() - 1)).as("Stop when the engine finishes").isEqualTo(0xFC);
        // The engine's last cue (beat 3) is sent at its deadline; the pulses up to it went out.
        assertThat(out.pulsesSent()).isGreaterThanOrEqualTo(3 * 24 + 1);
        for (int i = 1; i < port.count() - 1; i++) {
            assertThat(port.status(i)).isEqualTo(0xF8);
        }
        long origin = engine.originNanos();
        assertThat(port.nanos(1) - origin).as("pulse 0 not early").isNotNegative();
        assertThat(port.nanos(25) - (origin + Math.round(map.secondsAt(1) * 1e9))).as("pulse 24 not early").isNotNegative();
    }
}
