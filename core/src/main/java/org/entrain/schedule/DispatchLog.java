package org.entrain.schedule;

import org.entrain.pattern.Voice;

/**
 * Every cue the dispatcher sent, with its planned and actual send time, in a preallocated
 * single-producer single-consumer ring. Only the dispatcher thread may call
 * {@link #record(Cue, int, long, long)}; only one other thread may call {@link #drain(Handler)}.
 *
 * <p>The producer never waits: if the consumer falls a whole ring behind, new entries are
 * counted in {@link #lost()} instead of overwriting unread ones. The two indices sit on cache
 * lines of their own, and the producer reads the consumer's index only when the ring looks full
 * by its cached copy (as JCTools' SPSC queues do), so a drain does not slow a send.
 */
public final class DispatchLog {

    /** Receives drained entries. */
    @FunctionalInterface
    public interface Handler {
        /**
         * One sent cue.
         *
         * @param cue the cue (a reused read-only view: copy what you keep)
         * @param sinkIndex which sink it went to
         * @param plannedSendNanos when the engine meant to hand it over (deadline - sink advance)
         * @param actualSendNanos when it did, engine clock
         */
        void onSent(Cue cue, int sinkIndex, long plannedSendNanos, long actualSendNanos);
    }

    private static final Voice[] VOICES = Voice.values();

    private final int mask;
    private final long[] index;
    private final long[] bar;
    private final int[] beat;
    private final int[] sub;
    private final int[] layer;
    private final double[] beatPosition;
    private final long[] timeNanos;
    private final long[] deadline;
    private final double[] bpm;
    private final byte[] voice;
    private final byte[] velocity;
    private final int[] sink;
    private final long[] planned;
    private final long[] actual;
    /** Consumer's index: written by the drainer only. */
    private final PaddedSequence head = new PaddedSequence();
    /** Producer's index: written by the dispatcher only. */
    private final PaddedSequence tail = new PaddedSequence();
    /**
     * The producer's last reading of {@link #head} (JCTools' producer limit): the producer reads
     * the consumer's line only when the ring looks full by this cached value.
     */
    private long headCache;
    private long lost;
    private final MutableCue scratch = new MutableCue();
    private final CueView view = new CueView();

    /**
     * Creates a log.
     *
     * @param capacity entries held before the consumer must drain; a power of two, 16..2^24
     */
    public DispatchLog(int capacity) {
        if (capacity < 16 || capacity > (1 << 24) || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("dispatch log capacity must be a power of two from 16 to 2^24, was " + capacity);
        }
        mask = capacity - 1;
        index = new long[capacity];
        bar = new long[capacity];
        beat = new int[capacity];
        sub = new int[capacity];
        layer = new int[capacity];
        beatPosition = new double[capacity];
        timeNanos = new long[capacity];
        deadline = new long[capacity];
        bpm = new double[capacity];
        voice = new byte[capacity];
        velocity = new byte[capacity];
        sink = new int[capacity];
        planned = new long[capacity];
        actual = new long[capacity];
    }

    /**
     * Appends an entry. Dispatcher thread only; allocation free.
     *
     * @param cue the cue sent
     * @param sinkIndex the sink
     * @param plannedSendNanos the planned send time
     * @param actualSendNanos the actual send time
     */
    public void record(Cue cue, int sinkIndex, long plannedSendNanos, long actualSendNanos) {
        long t = tail.getPlain();
        if (t - headCache > mask) {
            headCache = head.getAcquire();
            if (t - headCache > mask) {
                lost++;
                return;
            }
        }
        int i = (int) t & mask;
        index[i] = cue.index();
        bar[i] = cue.bar();
        beat[i] = cue.beat();
        sub[i] = cue.sub();
        layer[i] = cue.layer();
        beatPosition[i] = cue.beatPosition();
        timeNanos[i] = cue.timeNanos();
        deadline[i] = cue.deadlineNanos();
        bpm[i] = cue.bpm();
        voice[i] = (byte) cue.voice().ordinal();
        velocity[i] = (byte) cue.velocity();
        sink[i] = sinkIndex;
        planned[i] = plannedSendNanos;
        actual[i] = actualSendNanos;
        tail.setRelease(t + 1);
    }

    /**
     * Hands every entry recorded so far to {@code handler}, oldest first. One consumer thread only.
     *
     * @param handler receives the entries
     * @return how many entries were drained
     */
    public int drain(Handler handler) {
        long h = head.getPlain();
        long t = tail.getAcquire();
        int n = 0;
        for (; h != t; h++, n++) {
            int i = (int) h & mask;
            scratch.set(index[i], bar[i], beat[i], sub[i], layer[i], beatPosition[i], timeNanos[i], deadline[i], bpm[i],
                    VOICES[voice[i]], velocity[i]);
            handler.onSent(view.of(scratch), sink[i], planned[i], actual[i]);
            head.setRelease(h + 1);
        }
        return n;
    }

    /**
     * Entries dropped because the consumer fell a whole ring behind. Read on the dispatcher
     * thread, or after the engine has finished.
     *
     * @return the count
     */
    public long lost() {
        return lost;
    }
}
