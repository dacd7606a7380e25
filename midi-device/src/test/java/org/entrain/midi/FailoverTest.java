package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import org.entrain.clock.ManualNanoClock;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.Failover;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.schedule.CueSink;
import org.entrain.schedule.EngineListener;
import org.entrain.pattern.Pattern;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;

class FailoverTest {

    /** A port that works for {@code n} messages, then throws like an unplugged device. */
    static final class DyingReceiver implements Receiver {
        final RecordingReceiver ok;
        final int n;

        DyingReceiver(ManualNanoClock clock, int n) {
            this.ok = new RecordingReceiver(clock, 10_000);
            this.n = n;
        }

        @Override
        public void send(MidiMessage message, long timeStamp) {
            if (ok.count() >= n) {
                throw new IllegalStateException("device unplugged");
            }
            ok.send(message, timeStamp);
        }

        @Override
        public void close() {
        }
    }

    private final TempoMap map = TempoMap.constant(150);
    private final Pattern pattern = Pattern.builder().subdivide(2).build();

    @Test
    void shouldGoOnWithTheFallbackWithoutLosingOrDoublingACue() {
        ManualNanoClock clock = new ManualNanoClock(-5_000_000_000L);
        DyingReceiver port = new DyingReceiver(clock, 41); // dies on the note-off of cue 20
        RecordingReceiver synth = new RecordingReceiver(clock, 10_000);
        OfflineCueSink synthSink = OfflineCueSink.of(synth, CueSounds.defaults(), 0);
        CueSink timed = new CueSink() {
            @Override
            public long advanceNanos() {
                return 80_000_000; // the synth wants cues 80 ms ahead
            }

            @Override
            public void onCue(org.entrain.schedule.Cue cue) {
                synthSink.onCue(cue);
            }
        };
        Failover f = Failover.of("test port", PortCueSink.open("test port", port, CueSounds.defaults(), 0), timed,
                Failover.Policy.FALLBACK, null, clock);
        List<String> failed = new ArrayList<>();
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).pattern(pattern).end(Length.bars(8))
                .sink(f.primary()).sink(f.standby()).listener(new EngineListener() {
                    @Override
                    public void onSinkFailed(int i, CueSink s, Throwable e, long nanos) {
                        failed.add(e.getMessage());
                    }
                }).build();
        engine.begin(clock.nanoTime() + 100_000_000);
        Drive.toEnd(engine, clock);

        List<CueEvent> plan = CuePlanner.plan(map, pattern, Length.bars(8));
        // cue 20's note-on reached the port before it died; the fallback replays from cue 20
        int portNoteOns = 0;
        for (int i = 0; i < port.ok.count(); i++) {
            portNoteOns += port.ok.status(i) == 0x99 ? 1 : 0;
        }
        assertThat(portNoteOns).isEqualTo(21);
        assertThat(synth.count()).isEqualTo(plan.size() - 20);
        TreeSet<Long> fallbackTimes = new TreeSet<>();
        for (int i = 0; i < synth.count(); i++) {
            fallbackTimes.add(synth.timestamp(i));
        }
        assertThat(fallbackTimes).hasSize(plan.size() - 20);
        assertThat(fallbackTimes.first()).isEqualTo((engine.originNanos() + plan.get(20).timeNanos()) / 1000);
        assertThat(f.failedOver()).isTrue();
        assertThat(f.failures()).singleElement().satisfies(x -> {
            assertThat(x.cueIndex()).isEqualTo(20);
            assertThat(x.nanos()).isEqualTo(engine.originNanos() + plan.get(20).timeNanos());
            assertThat(x.error()).contains("device unplugged");
        });
        assertThat(failed).as("the engine never saw a failure: the wrapper handled it").isEmpty();
        assertThat(engine.isFinished()).isTrue();
        int[] logged = new int[2];
        engine.dispatchLog().drain((cue, sink, planned, actual) -> logged[sink]++);
        assertThat(logged[1]).as("every cue is in the dispatch log").isEqualTo(plan.size());
    }

    @Test
    void shouldStopCleanlyWhenAskedForNoFallback() {
        ManualNanoClock clock = new ManualNanoClock(0);
        DyingReceiver port = new DyingReceiver(clock, 10);
        CueEngine[] ref = new CueEngine[1];
        Failover f = Failover.of("test port", PortCueSink.open("test port", port, CueSounds.defaults(), 0), null,
                Failover.Policy.STOP, () -> ref[0].stop(), clock);
        List<Long> failedAt = new ArrayList<>();
        boolean[] finished = new boolean[1];
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).end(Length.bars(8)).sink(f.primary())
                .listener(new EngineListener() {
                    @Override
                    public void onSinkFailed(int i, CueSink s, Throwable e, long nanos) {
                        failedAt.add(nanos);
                    }

                    @Override
                    public void onFinished(long nanos) {
                        finished[0] = true;
                    }
                }).build();
        ref[0] = engine;
        assertThat(f.standby()).isNull();
        engine.begin(1_000_000_000);
        Drive.toEnd(engine, clock);

        assertThat(finished[0]).isTrue();
        assertThat(failedAt).hasSize(1);
        assertThat(f.failures()).singleElement().satisfies(x -> assertThat(x.cueIndex()).isEqualTo(5));
        assertThat(f.failedOver()).isFalse();
        int[] logged = new int[1];
        engine.dispatchLog().drain((cue, sink, planned, actual) -> logged[0]++);
        assertThat(logged[0]).as("cues 0..4 were sent and logged").isEqualTo(5);
    }
}
