package org.entrain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.entrain.clock.Deadlines;
import org.entrain.clock.ManualNanoClock;
import org.entrain.pattern.Meter;
import org.entrain.pattern.Pattern;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;

/** The dispatcher driven by hand with a manual clock: no threads, no sleeps. */
class CueEngineTest {

    private static final long MS = 1_000_000L;

    /** Runs the engine to its end, jumping the clock to each wake-up, plus {@code lateBy}. */
    private static void runToEnd(CueEngine engine, ManualNanoClock clock, long lateBy) {
        for (int guard = 0; guard < 1_000_000 && !engine.isFinished(); guard++) {
            long wake = engine.nextWakeNanos();
            if (wake != Deadlines.NULL_DEADLINE && Deadlines.before(clock.nanoTime(), wake + lateBy)) {
                clock.set(wake + lateBy);
            }
            engine.doWork(clock.nanoTime());
        }
        assertThat(engine.isFinished()).isTrue();
    }

    /** Runs until the clock reaches {@code until}. */
    private static void runUntil(CueEngine engine, ManualNanoClock clock, long until) {
        while (true) {
            long wake = engine.nextWakeNanos();
            if (wake == Deadlines.NULL_DEADLINE || Deadlines.before(until, wake)) {
                clock.set(until);
                engine.doWork(until);
                return;
            }
            clock.set(wake);
            engine.doWork(wake);
        }
    }

    @Test
    void shouldSendADueCueBeforeApplyingALiveChangeThatArrivedWithIt() {
        ManualNanoClock clock = new ManualNanoClock(0);
        List<String> events = new ArrayList<>();
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.bars(2))
                .sink(cue -> events.add("cue " + cue.index()))
                .listener(new EngineListener() {
                    @Override
                    public void onChange(String description, double beat, long nanos) {
                        events.add("change");
                    }
                })
                .build();
        engine.begin(10 * MS);
        runUntil(engine, clock, 10 * MS + 499 * MS);
        assertThat(events).containsExactly("cue 0");
        // Cue 1 (committed 2 ms ahead) falls due at 510 ms; a change arrives just before.
        engine.changeTempo(TempoChange.jumpTo(60), ChangeAt.NOW);
        clock.set(510 * MS);
        engine.doWork(clock.nanoTime());
        assertThat(events).containsExactly("cue 0", "cue 1", "change");
    }

    @Test
    void shouldHandSinksAReadOnlyCueSoOneSinkCannotChangeWhatTheNextSees() {
        ManualNanoClock clock = new ManualNanoClock(0);
        List<Boolean> writable = new ArrayList<>();
        RecordingSink second = new RecordingSink(clock, 0);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.bars(1))
                .sink(cue -> writable.add(cue instanceof MutableCue)).sink(second).build();
        engine.begin(10 * MS);
        runToEnd(engine, clock, 0);

        assertThat(writable).hasSize(4).containsOnly(false);
        assertThat(second.received).extracting(r -> r.cue())
                .isEqualTo(CuePlanner.plan(TempoMap.constant(120), Pattern.defaults(), Length.bars(1)));
    }

    @Test
    void shouldDeliverEveryCueOnceInOrderAtItsDeadlineAcrossTheClockWrap() {
        // Start just below Long.MAX_VALUE: deadlines wrap to negative values mid-run.
        ManualNanoClock clock = new ManualNanoClock(Long.MAX_VALUE - 1_000 * MS + 1_234);
        RecordingSink realTime = new RecordingSink(clock, 0);
        RecordingSink ahead = new RecordingSink(clock, 150 * MS);
        TempoMap map = TempoMap.constant(240);
        Pattern pattern = Pattern.builder().subdivide(2).build();
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).pattern(pattern).end(Length.bars(4))
                .sink(realTime).sink(ahead).build();
        long origin = clock.nanoTime() + 500 * MS;
        engine.begin(origin);
        runToEnd(engine, clock, 0);

        List<CueEvent> plan = CuePlanner.plan(map, pattern, Length.bars(4));
        for (RecordingSink sink : List.of(realTime, ahead)) {
            assertThat(sink.received).hasSize(plan.size());
            assertThat(sink.ends).isEqualTo(1);
            for (int i = 0; i < plan.size(); i++) {
                RecordingSink.Received r = sink.received.get(i);
                assertThat(r.cue()).isEqualTo(plan.get(i));
                assertThat(r.deadlineNanos()).isEqualTo(origin + plan.get(i).timeNanos());
                assertThat(r.receivedNanos()).isEqualTo(r.deadlineNanos() - sink.advanceNanos());
            }
        }
        assertThat(realTime.received.get(plan.size() - 1).deadlineNanos()).isNegative();
        assertThat(engine.sentCount()).isEqualTo(2L * plan.size());
        Histogram lateness = engine.latenessSinceLastCall();
        assertThat(lateness.getTotalCount()).isEqualTo(2L * plan.size());
        assertThat(lateness.getMaxValue()).isZero();
    }

    @Test
    void shouldRecordLatenessAndLogEverySend() {
        ManualNanoClock clock = new ManualNanoClock(-5_000 * MS);
        RecordingSink sink = new RecordingSink(clock, 0);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.beats(8))
                .sink(sink).build();
        engine.begin(clock.nanoTime() + 10 * MS);
        runToEnd(engine, clock, 37_000);
        Histogram lateness = engine.latenessSinceLastCall();
        assertThat(lateness.getTotalCount()).isEqualTo(8);
        assertThat(lateness.getValueAtPercentile(50)).isBetween(36_900L, 37_100L);
        List<long[]> log = new ArrayList<>();
        int drained = engine.dispatchLog().drain((cue, s, planned, actual) -> log.add(new long[] {cue.index(), s, planned, actual}));
        assertThat(drained).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            assertThat(log.get(i)[0]).isEqualTo(i);
            assertThat(log.get(i)[3] - log.get(i)[2]).isEqualTo(37_000L);
        }
        assertThat(engine.dispatchLog().drain((cue, s, p, a) -> { })).isZero();
    }

    @Test
    void shouldKeepPhaseWhenTempoChangesMidBar() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingSink sink = new RecordingSink(clock, 0);
        TempoMap map = TempoMap.constant(120);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).end(Length.bars(4)).sink(sink).build();
        engine.begin(0);
        // Beats at 0, 0.5, 1.0, ...; change at 1.25 s (beat 2.5) to 60 bpm.
        runUntil(engine, clock, 1_250 * MS);
        engine.changeTempo(TempoChange.jumpTo(60), ChangeAt.NOW);
        runToEnd(engine, clock, 0);
        List<Long> times = sink.received.stream().map(r -> r.cue().timeNanos()).toList();
        assertThat(sink.received).hasSize(16);
        assertThat(sink.received).extracting(r -> r.cue().index()).containsExactly(
                0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(times.subList(0, 3)).containsExactly(0L, 500 * MS, 1_000 * MS);
        // Half a beat remained at 120 bpm-phase; at 60 bpm it takes 0.5 s: beat 3 at 1.75 s, then 1 s apart.
        assertThat(times.get(3)).isEqualTo(1_750 * MS);
        assertThat(times.get(4)).isEqualTo(2_750 * MS);
        assertThat(times.get(15)).isEqualTo(13_750 * MS);
    }

    @Test
    void shouldNeverMoveACueAlreadyHandedToATimestampedSink() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingSink ahead = new RecordingSink(clock, 800 * MS);
        RecordingSink realTime = new RecordingSink(clock, 0);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.bars(2))
                .sink(ahead).sink(realTime).build();
        engine.begin(1_000 * MS);
        // At 1.3 s the cues up to 2.0 s (beats 0, 1, 2) are committed to the sink 800 ms ahead.
        runUntil(engine, clock, 1_300 * MS);
        engine.changeTempo(TempoChange.jumpTo(60), ChangeAt.NOW);
        runToEnd(engine, clock, 0);
        assertThat(ahead.received).extracting(r -> r.cue().timeNanos())
                .containsExactly(0L, 500 * MS, 1_000 * MS, 2_000 * MS, 3_000 * MS, 4_000 * MS, 5_000 * MS, 6_000 * MS);
        assertThat(realTime.received).extracting(RecordingSink.Received::deadlineNanos)
                .isEqualTo(ahead.received.stream().map(RecordingSink.Received::deadlineNanos).toList());
    }

    @Test
    void shouldStartARampAtTheNextBar() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingSink sink = new RecordingSink(clock, 0);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.bars(4)).sink(sink).build();
        engine.begin(0);
        runUntil(engine, clock, 600 * MS);
        engine.changeTempo(TempoChange.rampTo(RampShape.LINEAR, 60, Length.bars(1)), ChangeAt.NEXT_BAR);
        runToEnd(engine, clock, 0);
        TempoMap expected = TempoMap.constant(120).changedAt(4, TempoChange.rampTo(RampShape.LINEAR, 60, Length.bars(1)), 4);
        for (RecordingSink.Received r : sink.received) {
            assertThat(r.cue().timeNanos()).isEqualTo(Math.round(expected.secondsAt(r.cue().beatPosition()) * 1e9));
        }
        assertThat(sink.received.get(4).cue().timeNanos()).isEqualTo(2_000 * MS);
        assertThat(engine.tempoMap().finalBpm()).isEqualTo(60);
    }

    @Test
    void shouldMeasureALiveRampInBarsOfThePatternsMeter() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingSink sink = new RecordingSink(clock, 0);
        Pattern waltz = Pattern.builder().meter(Meter.of(3, 4)).build();
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).pattern(waltz)
                .end(Length.bars(4)).sink(sink).build();
        engine.begin(0);
        runUntil(engine, clock, 600 * MS);
        engine.changeTempo(TempoChange.rampTo(RampShape.LINEAR, 60, Length.bars(1)), ChangeAt.NEXT_BAR);
        runToEnd(engine, clock, 0);
        TempoMap expected = TempoMap.constant(120).changedAt(3, TempoChange.rampTo(RampShape.LINEAR, 60, Length.bars(1)), 3);
        assertThat(sink.received).hasSize(12);
        for (RecordingSink.Received r : sink.received) {
            assertThat(r.cue().timeNanos()).isEqualTo(Math.round(expected.secondsAt(r.cue().beatPosition()) * 1e9));
        }
        assertThat(engine.tempoMap().segmentStartBeat(engine.tempoMap().segmentCount() - 1))
                .as("the ramp lasts one bar of 3/4").isEqualTo(6.0);
        assertThat(sink.received.get(6).cue().bpm()).isEqualTo(60);
    }

    @Test
    void shouldResumeWherePausedShiftedByThePause() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingSink sink = new RecordingSink(clock, 0);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(60)).end(Length.beats(6)).sink(sink).build();
        engine.begin(0);
        runUntil(engine, clock, 2_500 * MS);
        engine.pause();
        runUntil(engine, clock, 10_000 * MS);
        assertThat(sink.received).hasSize(3);
        engine.resume();
        runToEnd(engine, clock, 0);
        assertThat(sink.received).extracting(RecordingSink.Received::receivedNanos)
                .containsExactly(0L, 1_000 * MS, 2_000 * MS, 10_500 * MS, 11_500 * MS, 12_500 * MS);
        assertThat(sink.received).extracting(r -> r.cue().index()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void shouldStopAtTheEndOfTheBar() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingSink sink = new RecordingSink(clock, 0);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(60)).sink(sink).build();
        engine.begin(0);
        runUntil(engine, clock, 5_200 * MS);
        engine.stopAtBarEnd();
        runToEnd(engine, clock, 0);
        assertThat(sink.received).hasSize(8);
        assertThat(sink.ends).isEqualTo(1);
    }

    @Test
    void shouldStopAtOnce() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingSink sink = new RecordingSink(clock, 0);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(60)).sink(sink).build();
        engine.begin(0);
        runUntil(engine, clock, 2_500 * MS);
        engine.stop();
        engine.doWork(clock.advance(10_000 * MS));
        assertThat(engine.isFinished()).isTrue();
        assertThat(sink.received).hasSize(3);
        assertThat(sink.ends).isEqualTo(1);
    }

    @Test
    void shouldDisableAThrowingSinkAndGoOnWithTheOthers() {
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingSink good = new RecordingSink(clock, 0);
        int[] calls = {0};
        CueSink bad = cue -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("port unplugged");
            }
        };
        List<String> failures = new ArrayList<>();
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.bars(2))
                .sink(bad).sink(good)
                .listener(new EngineListener() {
                    @Override
                    public void onSinkFailed(int sinkIndex, CueSink sink, Throwable error, long nanos) {
                        failures.add(sinkIndex + ":" + error.getMessage() + "@" + nanos);
                    }
                }).build();
        engine.begin(0);
        runToEnd(engine, clock, 0);
        assertThat(calls[0]).isEqualTo(3);
        assertThat(good.received).hasSize(8);
        assertThat(failures).containsExactly("0:port unplugged@" + 1_000 * MS);
    }

    @Test
    void shouldFinishWhenEverySinkHasFailed() {
        ManualNanoClock clock = new ManualNanoClock(0);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120))
                .sink(cue -> {
                    throw new IllegalStateException("gone");
                }).build();
        engine.begin(10 * MS);
        runToEnd(engine, clock, 0);
        assertThat(engine.sentCount()).isZero();
    }

    @Test
    void shouldRejectBadConfigurationBeforeStarting() {
        assertThatThrownBy(() -> CueEngine.builder().sink(c -> { }).build()).hasMessageContaining("tempo map");
        assertThatThrownBy(() -> CueEngine.builder().tempoMap(TempoMap.constant(60)).build()).hasMessageContaining("sink");
        assertThatThrownBy(() -> CueEngine.builder().ringCapacity(1000)).hasMessageContaining("1000");
        assertThatThrownBy(() -> CueEngine.builder().clock(System::nanoTime).clock(System::nanoTime))
                .isInstanceOf(IllegalStateException.class);
        CueSink greedy = new CueSink() {
            @Override
            public long advanceNanos() {
                return -1;
            }

            @Override
            public void onCue(Cue cue) {
            }
        };
        assertThatThrownBy(() -> CueEngine.builder().tempoMap(TempoMap.constant(60)).sink(greedy).build())
                .hasMessageContaining("-1");
        CueEngine engine = CueEngine.builder().tempoMap(TempoMap.constant(60)).sink(c -> { }).build();
        assertThatThrownBy(() -> engine.doWork(0)).isInstanceOf(IllegalStateException.class);
        engine.begin(0);
        assertThatThrownBy(() -> engine.begin(0)).isInstanceOf(IllegalStateException.class);
    }
}
