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
        org.entrain.schedule.MutableCue cue = new org.entrain.schedule.MutableCue().set(0, 0, 0, 0, -1, 0, 0, 3_000_000, 120, Voice.BEAT, 90);
        live.onCue(cue);
        assertThat(live.lateCues()).isZero();
        deviceMicros[0] = 3_001; // the device rendered past the cue's sample
        live.onCue(cue);
        assertThat(live.lateCues()).isEqualTo(1);
        assertThat(synth.timestamp(1)).as("placed half the margin ahead of the device").isEqualTo(3_001 + 2_500);
        cue.set(1, 0, 1, 0, -1, 1, 500_000_000, 503_000_000, 120, Voice.BEAT, 90);
        deviceMicros[0] = 503_001;
        live.onCue(cue);
        assertThat(live.lateCues()).as("the mapping stepped: the next cue is in time").isEqualTo(1);
        assertThat(synth.timestamp(2) - synth.timestamp(1)).isEqualTo(500_000);
    }

    @Test
    void shouldFollowADriftingDeviceClockSoNoCueIsLateInAThirtyMinuteSession() {
        long t0 = -7_000_000_000L;
        ManualNanoClock clock = new ManualNanoClock(t0);
        RecordingReceiver synth = new RecordingReceiver(clock, 10_000);
        double ppm = 100;
        // Gervill renders ahead in 20 ms bursts; its clock runs 100 ppm fast against the engine's.
        java.util.function.LongSupplier head = () -> {
            long raw = (long) Math.floor((clock.nanoTime() - t0) / 1000.0 * (1 + ppm * 1e-6));
            return (raw / 20_000 + 1) * 20_000;
        };
        SynthCueSink live = SynthCueSink.timed(synth, CueSounds.defaults(), clock, head, 30_000_000, 30_000_000);
        TempoMap map = TempoMap.constant(120);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).end(Length.seconds(1800)).sink(live).build();
        engine.begin(t0 + 1_000_000_000);
        Drive.toEnd(engine, clock);

        assertThat(synth.count()).isEqualTo(3600);
        assertThat(live.lateCues()).as("100 ppm is 180 ms in 30 min, far beyond the 30 ms margin").isZero();
        assertThat(live.driftPpm()).isCloseTo(ppm, org.assertj.core.data.Offset.offset(5.0));
        for (int i = 1; i < synth.count(); i++) {
            // While the drift estimate settles the slewed mapping stretches an interval by up to 82 us
            // (3.6 samples) beyond the device's 500 050 us (measured: 500 000..500 132); bound: 100 us.
            assertThat(synth.timestamp(i) - synth.timestamp(i - 1)).as("interval %d, device micros", i)
                    .isBetween(500_000L - 22, 500_050L + 100);
        }
        long settled = 0;
        for (int i = 1200; i < synth.count(); i++) {
            settled = Math.max(settled, Math.abs(synth.timestamp(i) - synth.timestamp(i - 1) - 500_050));
        }
        assertThat(settled).as("after 10 min the intervals follow the device clock").isLessThanOrEqualTo(22);
    }

    /**
     * A device 640 ppm fast (a sound server's clock, as measured on PulseAudio up to 640 ppm) whose
     * rate is measured apart from its readings (as {@link SoftSynth#outputDriftPpm()} measures the
     * line): unknown for the first 7.5 s, then tens of ppm off and converging. From 20 s on
     * every cue sounds within 1 ms, from 2 min on within 2 samples, of where the first cue put the latency (its timestamp,
     * read back on the device's true clock), no cue is late, and consecutive intervals never differ by more than the clamp
     * (1000 ppm of an interval) nor, once settled, by more than a sample from the device's.
     */
    @Test
    void shouldFollowAMeasuredDeviceRateWithinSecondsAt640Ppm() {
        long t0 = -7_000_000_000L;
        ManualNanoClock clock = new ManualNanoClock(t0);
        RecordingReceiver synth = new RecordingReceiver(clock, 10_000);
        double ppm = 640;
        java.util.function.LongSupplier head = () -> {
            long raw = (long) Math.floor((clock.nanoTime() - t0) / 1000.0 * (1 + ppm * 1e-6));
            return (raw / 20_000 + 1) * 20_000;
        };
        long[] startNanos = {Long.MIN_VALUE};
        java.util.function.DoubleSupplier measured = () -> {
            long now = clock.nanoTime();
            if (startNanos[0] == Long.MIN_VALUE) {
                startNanos[0] = now;
            }
            double s = (now - startNanos[0]) / 1e9;
            // as the line's fit: unknown before 7.5 s, then 60 ppm low, converging as 1/s^2
            return s < 7.5 ? Double.NaN : ppm - 60 * (7.5 / s) * (7.5 / s);
        };
        long latency = 30_000_000;
        SynthCueSink live = SynthCueSink.timed(synth, CueSounds.defaults(), clock, head, measured, latency, 30_000_000);
        TempoMap map = TempoMap.constant(120);
        long origin = t0 + 1_000_000_000;
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).end(Length.seconds(1800)).sink(live).build();
        engine.begin(origin);
        Drive.toEnd(engine, clock);

        assertThat(synth.count()).isEqualTo(3600);
        assertThat(live.lateCues()).as("640 ppm is 1.15 s in 30 min").isZero();
        assertThat(live.driftPpm()).isCloseTo(ppm, org.assertj.core.data.Offset.offset(1.0));
        List<CueEvent> plan = CuePlanner.plan(map, Pattern.builder().build(), Length.seconds(1800));
        double device = 500_000 * (1 + ppm * 1e-6);
        // The anchor reads the device clock up to one 20 ms burst ahead: a constant offset, the first cue's.
        double first = t0 + synth.timestamp(0) * 1000.0 / (1 + ppm * 1e-6) - (origin + plan.get(0).timeNanos() - latency);
        for (int i = 1; i < synth.count(); i++) {
            long interval = synth.timestamp(i) - synth.timestamp(i - 1);
            assertThat((double) interval).as("interval %d, device micros", i).isBetween(500_000 - 1.0, 500_000 * (1 + 1000e-6) + 1);
            // where the device's true clock reaches the timestamp, in engine nanos, against where it should
            double soundsAt = t0 + synth.timestamp(i) * 1000.0 / (1 + ppm * 1e-6);
            double wanted = origin + plan.get(i).timeNanos() - latency + first;
            double off = (soundsAt - wanted) / 1e3;
            if (plan.get(i).timeNanos() >= 20_000_000_000L) {
                assertThat(off).as("cue %d sounds off its deadline, us", i).isBetween(-1000.0, 1000.0);
            }
            if (plan.get(i).timeNanos() >= 120_000_000_000L) {
                assertThat(off).as("cue %d sounds off its deadline, us", i).isBetween(-45.0, 45.0);
            }
            if (plan.get(i).timeNanos() >= 60_000_000_000L) {
                assertThat(Math.abs(interval - device)).as("settled interval %d", i).isLessThanOrEqualTo(23.0);
            }
        }
    }

    /**
     * The same device without a measured rate: the fit through its readings takes over after 30 s,
     * and the clamp (1000 ppm; 500 until 2026-12 could not follow 640 ppm) lets it follow, so no
     * cue is late in 30 min and the intervals settle on the device's.
     */
    @Test
    void shouldFollow640PpmFromTheDeviceReadingsAloneSoNoCueIsLateInThirtyMinutes() {
        long t0 = -7_000_000_000L;
        ManualNanoClock clock = new ManualNanoClock(t0);
        RecordingReceiver synth = new RecordingReceiver(clock, 10_000);
        double ppm = 640;
        java.util.function.LongSupplier head = () -> {
            long raw = (long) Math.floor((clock.nanoTime() - t0) / 1000.0 * (1 + ppm * 1e-6));
            return (raw / 20_000 + 1) * 20_000;
        };
        SynthCueSink live = SynthCueSink.timed(synth, CueSounds.defaults(), clock, head, 30_000_000, 30_000_000);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.seconds(1800))
                .sink(live).build();
        engine.begin(t0 + 1_000_000_000);
        Drive.toEnd(engine, clock);

        assertThat(synth.count()).isEqualTo(3600);
        assertThat(live.lateCues()).isZero();
        assertThat(live.driftPpm()).isCloseTo(ppm, org.assertj.core.data.Offset.offset(10.0));
        long settled = 0;
        for (int i = 2400; i < synth.count(); i++) {
            settled = Math.max(settled, Math.abs(synth.timestamp(i) - synth.timestamp(i - 1) - 500_320));
        }
        assertThat(settled).as("after 20 min the intervals follow the device clock, us").isLessThanOrEqualTo(23);
    }

    /**
     * A live synth on a loaded machine: its line underruns every 7 s (Gervill's render clock falls
     * 100 ms behind each time, as the readings did in a real run at load average 5, where the
     * line's fit rightly published no rate), so the measured rate stays unknown. The mapping keeps
     * the nominal rate: the readings' fit would say thousands of ppm slow (measured there: -8400 to
     * -17170) and the mapping would slew at the clamp, 0.5 ms a cue.
     */
    @Test
    void shouldKeepTheNominalRateWhileTheMeasuredRateIsUnknownThoughTheReadingsStep() {
        SynthCueSink live = onSteppingDevice(() -> Double.NaN);
        assertThat(live.driftPpm()).isZero();
    }

    /** The same readings without a measured rate: a slope beyond the clamp is the steps, not a clock. */
    @Test
    void shouldNotTakeTheReadingsStepsForADrift() {
        SynthCueSink live = onSteppingDevice(null);
        assertThat(live.driftPpm()).isZero();
    }

    /** Two minutes of cues at 120 bpm on a device 300 ppm fast whose readings step 100 ms back every 7 s; every interval nominal. */
    private static SynthCueSink onSteppingDevice(java.util.function.DoubleSupplier measured) {
        long t0 = -7_000_000_000L;
        ManualNanoClock clock = new ManualNanoClock(t0);
        RecordingReceiver synth = new RecordingReceiver(clock, 10_000);
        java.util.function.LongSupplier head = () -> {
            long s = clock.nanoTime() - t0;
            long raw = (long) Math.floor(s / 1000.0 * (1 + 300e-6)) - s / 7_000_000_000L * 100_000;
            return (raw / 20_000 + 1) * 20_000;
        };
        SynthCueSink live = SynthCueSink.timed(synth, CueSounds.defaults(), clock, head, measured, 30_000_000, 30_000_000);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.seconds(120))
                .sink(live).build();
        engine.begin(t0 + 1_000_000_000);
        Drive.toEnd(engine, clock);
        assertThat(synth.count()).isEqualTo(240);
        assertThat(live.lateCues()).isZero();
        for (int i = 1; i < synth.count(); i++) {
            assertThat(synth.timestamp(i) - synth.timestamp(i - 1)).as("interval %d, device micros", i).isEqualTo(500_000L);
        }
        return live;
    }

    private static SynthCueSink liveOnFakeClock(RecordingReceiver r, CueSounds sounds, ManualNanoClock clock,
                                                long[] deviceMicros, long latency, long margin) {
        return SynthCueSink.timed(r, sounds, clock, () -> deviceMicros[0], latency, margin);
    }
}
