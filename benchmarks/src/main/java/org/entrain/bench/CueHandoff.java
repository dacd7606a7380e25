package org.entrain.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Hands (planned, actual) send times from the thread that sends cues (a dispatcher, a pool
 * thread, the sequencer's thread) to the benchmark thread, which records them. Single producer,
 * single consumer; the producer never waits and never allocates: it stores two longs, publishes
 * them with a volatile write and unparks the consumer. Not thread safe beyond that one producer
 * and one consumer.
 */
final class CueHandoff {

    private static final int CAPACITY = 1 << 12;
    private static final int MASK = CAPACITY - 1;

    private final long[] planned = new long[CAPACITY];
    private final long[] actual = new long[CAPACITY];
    private final Thread consumer;
    private volatile long published;
    private volatile Thread producer;
    private long overruns;
    private long consumed;

    /**
     * A handoff to the given consumer thread.
     *
     * @param consumer the thread that calls {@link #take(Jitter, long)}
     */
    CueHandoff(Thread consumer) {
        this.consumer = consumer;
    }

    /**
     * Publishes one cue. Producer thread only; allocation free.
     *
     * @param plannedNanos when the cue should have been sent, {@link System#nanoTime()} time line
     * @param actualNanos when it was, same time line
     */
    void publish(long plannedNanos, long actualNanos) {
        if (producer == null) {
            producer = Thread.currentThread();
        }
        long p = published;
        int i = (int) p & MASK;
        planned[i] = plannedNanos;
        actual[i] = actualNanos;
        published = p + 1;
        LockSupport.unpark(consumer);
    }

    /**
     * Waits for the next published cue, records it into {@code jitter} with the producer's CPU
     * time, and returns its actual send time. Consumer thread only.
     *
     * @param jitter where to record
     * @param timeoutNanos how long to wait before giving up
     * @return the actual send time of the cue
     * @throws IllegalStateException if no cue arrives within the timeout (the source stopped)
     */
    long take(Jitter jitter, long timeoutNanos) {
        long giveUp = System.nanoTime() + timeoutNanos;
        long p;
        while ((p = published) == consumed) {
            long left = giveUp - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("no cue arrived within " + timeoutNanos / 1_000_000 + " ms");
            }
            LockSupport.parkNanos(this, left);
        }
        if (p - consumed > CAPACITY) {
            overruns += p - consumed - CAPACITY;
            consumed = p - CAPACITY;
        }
        int i = (int) consumed & MASK;
        long a = actual[i];
        jitter.record(planned[i], a);
        consumed++;
        jitter.sampleCpu(producer);
        return a;
    }

    /**
     * Cues lost because the consumer fell a whole ring behind (never expected at metronome rates).
     *
     * @return the count
     */
    long overruns() {
        return overruns;
    }
}
