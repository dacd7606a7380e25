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
}
