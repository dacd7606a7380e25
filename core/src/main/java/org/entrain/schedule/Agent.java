package org.entrain.schedule;

/**
 * Timed work that an {@link AgentRunner} runs on its thread: the cue engine's dispatcher, a MIDI
 * clock out, the sender of timestamped sinks. Only the runner's thread calls these methods (or,
 * without a runner, the one thread that drives the agent by hand, as tests and offline rendering
 * do); other threads talk to an agent through its own thread-safe methods and wake the runner
 * with the handle given to {@link #onStart(Runnable)}.
 *
 * <p>Like Agrona's agents: {@link #doWork(long)} never blocks and, in steady state, never
 * allocates; the runner waits between calls with its {@link WaitStrategy} until the earliest
 * {@link #nextWakeNanos()} of its agents or a wake-up.
 */
public interface Agent {

    /**
     * Does everything due at {@code nowNanos}. Never blocks.
     *
     * @param nowNanos the current time on the runner's clock, in nanos
     * @return how much work was done (0 if none)
     */
    int doWork(long nowNanos);

    /**
     * When the agent next has something to do, on the runner's clock.
     *
     * @return nanos, or {@link org.entrain.clock.Deadlines#NULL_DEADLINE} if nothing until woken
     */
    long nextWakeNanos();

    /**
     * Whether the agent has finished for good: the runner stops calling it.
     *
     * @return true when finished
     */
    boolean isDone();

    /**
     * Called once on the runner's thread before the first {@link #doWork(long)}.
     *
     * @param wakeUp thread safe, allocation free: makes the runner call {@link #doWork(long)} soon
     *        (for commands that arrive from other threads)
     */
    default void onStart(Runnable wakeUp) {
    }

    /** Called once on the runner's thread when the runner ends (its first agent is done, it was closed, or it failed). */
    default void onClose() {
    }
}
