package org.entrain.schedule;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.entrain.clock.Deadlines;
import org.entrain.clock.NanoClock;

/**
 * Runs agents on one thread of its own: calls each agent's {@link Agent#doWork(long)} with one
 * clock reading, then waits with its {@link WaitStrategy} until the earliest
 * {@link Agent#nextWakeNanos()} or a wake-up, and again. The one way Entrain runs a timed thread:
 * the engine's dispatcher (the engine plus, say, a MIDI clock out, so a session spins on one
 * core, not two), the sender of timestamped sinks, a stand-alone clock. {@link #start()},
 * {@link #close()}, {@link #wakeUp()} and {@link #awaitFinished} are thread safe.
 *
 * <p>The first agent leads: when it is done the runner ends, and then every agent's
 * {@link Agent#onClose()} runs on the runner's thread. Agents are called in the order given, so
 * at equal deadlines the first goes first. If an agent throws, the runner closes every agent and
 * the thread ends with the error.
 */
public final class AgentRunner {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AgentRunner.class);

    private final String name;
    private final NanoClock clock;
    private final WaitStrategy waitStrategy;
    private final Agent[] agents;
    private final boolean[] done;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final WaitStrategy.WakeSignal wakeSignal = this::wakeRequested;
    private final Runnable wakeUp = this::wakeUp;
    private volatile boolean wake;
    private volatile boolean closed;
    private volatile Thread thread;
    private volatile Throwable failure;

    /**
     * A runner, not started.
     *
     * @param name the thread's name
     * @param clock the clock the agents' deadlines are on
     * @param waitStrategy how the thread waits (one instance per runner: it may learn from the thread)
     * @param agents the agents, the leading one first (one or more)
     */
    public AgentRunner(String name, NanoClock clock, WaitStrategy waitStrategy, List<? extends Agent> agents) {
        if (name == null || clock == null || waitStrategy == null || agents == null || agents.isEmpty()) {
            throw new IllegalArgumentException("an agent runner needs a name, a clock, a wait strategy and one or more agents");
        }
        for (Agent a : agents) {
            if (a == null) {
                throw new IllegalArgumentException("agents must not be null");
            }
        }
        this.name = name;
        this.clock = clock;
        this.waitStrategy = waitStrategy;
        this.agents = agents.toArray(new Agent[0]);
        this.done = new boolean[this.agents.length];
    }

    /**
     * Starts the thread (a daemon at the highest priority).
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("agent runner '" + name + "' has already started");
        }
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        thread = t;
        t.start();
    }

    /** Makes the thread call the agents soon. Thread safe; allocation free. */
    public void wakeUp() {
        wake = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Ends the thread after the agents' current work; every agent's {@link Agent#onClose()} runs. Thread safe. */
    public void close() {
        closed = true;
        wakeUp();
    }

    /**
     * Waits until the thread has ended.
     *
     * @param timeout how long
     * @param unit its unit
     * @return true if ended
     * @throws InterruptedException if interrupted
     */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /**
     * What the thread failed with, if it did.
     *
     * @return the error, or null
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * The runner's thread, once started.
     *
     * @return the thread, or null before {@link #start()}
     */
    public Thread thread() {
        return thread;
    }

    private boolean wakeRequested() {
        return wake || closed;
    }

    private void run() {
        try {
            for (Agent a : agents) {
                a.onStart(wakeUp);
            }
            while (!closed) {
                wake = false;
                long now = clock.nanoTime();
                long next = Deadlines.NULL_DEADLINE;
                boolean any = false;
                for (int i = 0; i < agents.length; i++) {
                    if (done[i]) {
                        continue;
                    }
                    Agent a = agents[i];
                    a.doWork(now);
                    if (a.isDone()) {
                        done[i] = true;
                        continue;
                    }
                    long w = a.nextWakeNanos();
                    if (w != Deadlines.NULL_DEADLINE) {
                        next = any ? Deadlines.earlier(next, w) : w;
                        any = true;
                    }
                }
                if (done[0]) {
                    break;
                }
                waitStrategy.await(clock, next, wakeSignal);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("thread '{}' failed; its agents are closed", name, e);
            throw e;
        } finally {
            for (Agent a : agents) {
                try {
                    a.onClose();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
            finished.countDown();
        }
    }

    @Override
    public String toString() {
        return "AgentRunner[" + name + ", " + waitStrategy + ", " + agents.length + " agents]";
    }
}
