package org.entrain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.entrain.clock.SystemNanoClock;
import org.entrain.pattern.Pattern;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real dispatcher thread on the system clock: delivery, order, live changes from another thread. */
// The waits here spin or block on the dispatcher; a separate thread lets the timeout end them.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CueEngineThreadTest {

    @Test
    void shouldDeliverEveryCueOnceInOrderOnTheDispatcherThread() throws Exception {
        RecordingSink realTime = new RecordingSink(SystemNanoClock.INSTANCE, 0);
        RecordingSink ahead = new RecordingSink(SystemNanoClock.INSTANCE, 30_000_000L);
        TempoMap map = TempoMap.constant(600);
        Pattern pattern = Pattern.builder().subdivide(4).build();
        CueEngine engine = CueEngine.builder().tempoMap(map).pattern(pattern).end(Length.bars(8))
                .sink(realTime).sink(ahead).threadName("test-dispatcher").build();
        engine.start();
        assertThat(engine.awaitFinished(30, TimeUnit.SECONDS)).isTrue();

        List<CueEvent> plan = CuePlanner.plan(map, pattern, Length.bars(8));
        for (RecordingSink sink : List.of(realTime, ahead)) {
            assertThat(sink.received).extracting(RecordingSink.Received::cue).containsExactlyElementsOf(plan);
            assertThat(sink.ends).isEqualTo(1);
            for (RecordingSink.Received r : sink.received) {
                // Never early: the engine sends when the deadline (minus the sink's advance) is reached.
                assertThat(r.receivedNanos() - (r.deadlineNanos() - sink.advanceNanos())).isNotNegative();
            }
        }
        assertThat(engine.latenessSinceLastCall().getTotalCount()).isEqualTo(2L * plan.size());
    }

    @Test
    void shouldApplyLiveChangesFromAnotherThreadWithoutLosingOrDoublingACue() throws Exception {
        ConcurrentLinkedQueue<CueEvent> got = new ConcurrentLinkedQueue<>();
        CueEngine engine = CueEngine.builder().tempoMap(TempoMap.constant(900)).pattern(Pattern.builder().subdivide(2).build())
                .sink(cue -> got.add(cue.toEvent())).build();
        engine.start();
        for (int i = 0; i < 20; i++) {
            while (got.size() < 10 * (i + 1)) {
                Thread.onSpinWait();
            }
            engine.changeTempo(TempoChange.jumpTo(i % 2 == 0 ? 700 : 1000), i % 3 == 0 ? ChangeAt.NEXT_BAR : ChangeAt.NOW);
        }
        engine.stopAtBarEnd();
        assertThat(engine.awaitFinished(30, TimeUnit.SECONDS)).isTrue();
        List<CueEvent> cues = List.copyOf(got);
        assertThat(cues.size()).isGreaterThanOrEqualTo(200).isEven();
        for (int i = 0; i < cues.size(); i++) {
            assertThat(cues.get(i).index()).isEqualTo(i);
            assertThat(cues.get(i).beatPosition()).isEqualTo(i / 2.0);
            if (i > 0) {
                assertThat(cues.get(i).timeNanos()).isGreaterThan(cues.get(i - 1).timeNanos());
            }
        }
        // Stopped at a bar end: the last cue is the last subdivision of a bar.
        assertThat(cues.get(cues.size() - 1).beat()).isEqualTo(3);
        assertThat(cues.get(cues.size() - 1).sub()).isEqualTo(1);
    }

    /** A timestamped sink that records the thread each call comes on. */
    private static class TimestampedSink implements CueSink {
        final List<CueEvent> cues = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicLong early = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger();
        volatile String endThread;

        @Override
        public long advanceNanos() {
            return 40_000_000L;
        }

        @Override
        public boolean timestamped() {
            return true;
        }

        @Override
        public void onCue(Cue cue) {
            threads.add(Thread.currentThread().getName());
            if (System.nanoTime() - (cue.deadlineNanos() - advanceNanos()) < 0) {
                early.incrementAndGet();
            }
            cues.add(cue.toEvent());
        }

        @Override
        public void onEnd() {
            ends.incrementAndGet();
            endThread = Thread.currentThread().getName();
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void shouldSendTimestampedSinksFromTheSenderThreadAndRealTimeSinksFromTheDispatcher() throws Exception {
        java.util.Set<String> realTimeThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        RecordingSink realTime = new RecordingSink(SystemNanoClock.INSTANCE, 0) {
            @Override
            public void onCue(Cue cue) {
                realTimeThreads.add(Thread.currentThread().getName());
                super.onCue(cue);
            }
        };
        TimestampedSink synth = new TimestampedSink();
        TempoMap map = TempoMap.constant(600);
        Pattern pattern = Pattern.builder().subdivide(2).build();
        CueEngine engine = CueEngine.builder().tempoMap(map).pattern(pattern).end(Length.bars(6))
                .sink(synth).sink(realTime).threadName("test-dispatcher").build();
        engine.start();
        assertThat(engine.awaitFinished(30, TimeUnit.SECONDS)).isTrue();

        List<CueEvent> plan = CuePlanner.plan(map, pattern, Length.bars(6));
        assertThat(synth.cues).containsExactlyElementsOf(plan);
        assertThat(synth.threads).containsExactly("test-dispatcher-sender");
        assertThat(synth.early.get()).isZero();
        assertThat(synth.ends.get()).isEqualTo(1);
        assertThat(synth.endThread).isEqualTo("test-dispatcher-sender");
        assertThat(realTime.received).extracting(RecordingSink.Received::cue).containsExactlyElementsOf(plan);
        assertThat(realTimeThreads).containsExactly("test-dispatcher");
        assertThat(realTime.ends).isEqualTo(1);
        assertThat(engine.sentCount()).isEqualTo(2L * plan.size());
        assertThat(engine.latenessSinceLastCall().getTotalCount()).isEqualTo(2L * plan.size());
        List<long[]> log = new java.util.ArrayList<>();
        assertThat(engine.dispatchLog().drain((cue, s, planned, actual) -> log.add(new long[] {cue.index(), s, actual})))
                .isEqualTo(2 * plan.size());
        for (int i = 1; i < log.size(); i++) {
            assertThat(log.get(i)[2]).as("merged in send order").isGreaterThanOrEqualTo(log.get(i - 1)[2]);
        }
        assertThat(log).filteredOn(e -> e[1] == 0).extracting(e -> e[0])
                .containsExactlyElementsOf(plan.stream().map(CueEvent::index).toList());
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void shouldStopBothThreadsAtOnce() throws Exception {
        TimestampedSink synth = new TimestampedSink();
        java.util.concurrent.atomic.AtomicInteger realTime = new java.util.concurrent.atomic.AtomicInteger();
        CueEngine engine = CueEngine.builder().tempoMap(TempoMap.constant(300)).sink(synth)
                .sink(cue -> realTime.incrementAndGet()).build();
        engine.start();
        while (realTime.get() < 5) {
            Thread.sleep(1);
        }
        engine.stop();
        assertThat(engine.awaitFinished(30, TimeUnit.SECONDS)).isTrue();
        int sent = synth.cues.size();
        Thread.sleep(300);
        assertThat(synth.cues).hasSize(sent);
        assertThat(synth.ends.get()).isEqualTo(1);
        assertThat(engine.isFinished()).isTrue();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void shouldLoseNoCueWhenTheSenderThreadFallsARingBehind() throws Exception {
        // A timestamped sink that stalls for 600 ms at cue 5: at 40 cues/s the sender falls more
        // than the 16-slot ring behind, so the dispatcher must wait for it, then go on.
        TimestampedSink stalling = new TimestampedSink() {
            @Override
            public void onCue(Cue cue) {
                if (cue.index() == 5) {
                    try {
                        Thread.sleep(600);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.onCue(cue);
            }
        };
        RecordingSink realTime = new RecordingSink(SystemNanoClock.INSTANCE, 0);
        TempoMap map = TempoMap.constant(600);
        Pattern pattern = Pattern.builder().subdivide(4).build();
        CueEngine engine = CueEngine.builder().tempoMap(map).pattern(pattern).end(Length.bars(4)).ringCapacity(16)
                .sink(stalling).sink(realTime).build();
        engine.start();
        assertThat(engine.awaitFinished(30, TimeUnit.SECONDS)).isTrue();

        List<CueEvent> plan = CuePlanner.plan(map, pattern, Length.bars(4));
        assertThat(stalling.cues).containsExactlyElementsOf(plan);
        assertThat(realTime.received).extracting(RecordingSink.Received::cue).containsExactlyElementsOf(plan);
        assertThat(stalling.ends.get()).isEqualTo(1);
        assertThat(realTime.ends).isEqualTo(1);
    }
}
