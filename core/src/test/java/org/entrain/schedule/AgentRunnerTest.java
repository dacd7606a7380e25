package org.entrain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.entrain.clock.Deadlines;
import org.entrain.clock.SystemNanoClock;
import org.entrain.pattern.Pattern;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Agents on one runner thread: the engine leads, another agent runs on the same thread and is closed with it. */
class AgentRunnerTest {

    /** Counts down ticks at fixed deadlines; records which thread ran it. */
    private static final class Ticker implements Agent {
        final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        volatile boolean closed;
        volatile boolean started;
        private long next;
        private final long period;
        private int left;

        Ticker(long first, long period, int ticks) {
            this.next = first;
            this.period = period;
            this.left = ticks;
        }

        @Override
        public void onStart(Runnable wakeUp) {
            started = true;
        }

        @Override
        public int doWork(long now) {
            int n = 0;
            while (left > 0 && Deadlines.reached(now, next)) {
                threads.add(Thread.currentThread().getName());
                next += period;
                left--;
                n++;
            }
            return n;
        }

        @Override
        public long nextWakeNanos() {
            return left > 0 ? next : Deadlines.NULL_DEADLINE;
        }

        @Override
        public boolean isDone() {
            return left == 0;
        }

        @Override
        public void onClose() {
            closed = true;
        }
    }

    @Test
    @Timeout(30)
    void shouldRunAnAddedAgentOnTheDispatcherThreadAndCloseItWhenTheEngineFinishes() throws Exception {
        ConcurrentLinkedQueue<String> cueThreads = new ConcurrentLinkedQueue<>();
        CueEngine engine = CueEngine.builder().tempoMap(TempoMap.constant(600)).pattern(Pattern.defaults())
                .end(Length.bars(4)).threadName("test-dispatcher").leadInNanos(50_000_000L)
                .sink(cue -> cueThreads.add(Thread.currentThread().getName())).build();
        // An endless agent (ticks every 10 ms for far longer than the run): it ends with the engine.
        Ticker ticker = new Ticker(SystemNanoClock.INSTANCE.nanoTime(), 10_000_000L, Integer.MAX_VALUE);
        engine.runOnDispatcher(ticker);
        engine.start();
        assertThat(engine.awaitFinished(20, TimeUnit.SECONDS)).isTrue();
        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (!ticker.closed && System.nanoTime() - giveUp < 0) {
            Thread.sleep(1);
        }

        assertThat(cueThreads).hasSize(16).containsOnly("test-dispatcher");
        assertThat(ticker.started).isTrue();
        assertThat(ticker.closed).isTrue();
        assertThat(ticker.threads).isNotEmpty().containsOnly("test-dispatcher");
    }

    @Test
    @Timeout(30)
    void shouldEndWhenTheLeadingAgentIsDoneAndCloseEveryAgent() throws Exception {
        long now = System.nanoTime();
        Ticker lead = new Ticker(now, 1_000_000L, 5);
        Ticker other = new Ticker(now, 1_000_000L, Integer.MAX_VALUE);
        AgentRunner runner = new AgentRunner("test-runner", SystemNanoClock.INSTANCE, WaitStrategies.park(),
                List.of(lead, other));
        runner.start();
        assertThat(runner.awaitFinished(20, TimeUnit.SECONDS)).isTrue();
        assertThat(lead.threads).hasSize(5).containsOnly("test-runner");
        assertThat(other.closed).isTrue();
        assertThat(runner.failure()).isNull();
    }

    @Test
    @Timeout(30)
    void shouldEndAtOnceWhenClosed() throws Exception {
        Ticker idle = new Ticker(System.nanoTime() + 3_600_000_000_000L, 1, 1);
        AgentRunner runner = new AgentRunner("test-runner", SystemNanoClock.INSTANCE, WaitStrategies.parkThenSpin(),
                List.of(idle));
        runner.start();
        runner.close();
        assertThat(runner.awaitFinished(20, TimeUnit.SECONDS)).isTrue();
        assertThat(idle.closed).isTrue();
        assertThat(idle.threads).isEmpty();
    }
}
