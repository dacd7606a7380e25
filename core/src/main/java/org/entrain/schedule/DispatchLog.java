package org.entrain.schedule;

import org.entrain.clock.Deadlines;
import org.entrain.pattern.Voice;

/**
 * Every cue the engine sent, with its planned and actual send time, in preallocated
 * single-producer single-consumer rings: one per sending thread (the dispatcher, and the sender
 * of timestamped sinks), merged in order of actual send time when drained. Each producer thread
 * records into its own ring only ({@link #record(Cue, int, long, long)} is ring 0, the
 * dispatcher's); only one other thread may call {@link #drain(Handler)}.
 *
 * <p>A producer never waits: if the consumer falls a whole ring behind, new entries are counted
 * in {@link #lost()} instead of overwriting unread ones. The indices sit on cache lines of their
 * own, and a producer reads the consumer's index only when its ring looks full by its cached copy
 * (as JCTools' SPSC queues do), so a drain does not slow a send.
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

    private final Ring[] rings;
    private final MutableCue scratch = new MutableCue();
    private final CueView view = new CueView();

    /**
     * Creates a log with one producer.
     *
     * @param capacity entries held before the consumer must drain; a power of two, 16..2^24
     */
    public DispatchLog(int capacity) {
        this(capacity, 1);
    }

    /** A log with one ring per producer thread. */
    DispatchLog(int capacity, int producers) {
        if (capacity < 16 || capacity > (1 << 24) || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("dispatch log capacity must be a power of two from 16 to 2^24, was " + capacity);
        }
        rings = new Ring[producers];
        for (int i = 0; i < producers; i++) {
            rings[i] = new Ring(capacity);
        }
    }

    /**
     * Appends an entry to ring 0. Its producer thread only (the dispatcher); allocation free.
     *
     * @param cue the cue sent
     * @param sinkIndex the sink
     * @param plannedSendNanos the planned send time
     * @param actualSendNanos the actual send time
     */
    public void record(Cue cue, int sinkIndex, long plannedSendNanos, long actualSendNanos) {
        rings[0].record(cue, sinkIndex, plannedSendNanos, actualSendNanos);
    }

    /** Appends an entry to a producer's ring. That producer's thread only; allocation free. */
    void record(int producer, Cue cue, int sinkIndex, long plannedSendNanos, long actualSendNanos) {
        rings[producer].record(cue, sinkIndex, plannedSendNanos, actualSendNanos);
    }

    /**
     * Hands every entry recorded so far to {@code handler}, in order of actual send time (each
     * producer's entries oldest first). One consumer thread only.
     *
     * @param handler receives the entries
     * @return how many entries were drained
     */
    public int drain(Handler handler) {
        if (rings.length == 1) {
            return rings[0].drainAll(handler, this);
        }
        for (Ring r : rings) {
            r.snapshot();
        }
        int n = 0;
        while (true) {
            Ring next = null;
            for (Ring r : rings) {
                if (r.hasNext() && (next == null || Deadlines.before(r.nextActual(), next.nextActual()))) {
                    next = r;
                }
            }
            if (next == null) {
                return n;
            }
            next.drainOne(handler, this);
            n++;
        }
    }

    /**
     * Entries dropped because the consumer fell a whole ring behind. Read after the engine has
     * finished (each producer counts its own).
     *
     * @return the count
     */
    public long lost() {
        long sum = 0;
        for (Ring r : rings) {
            sum += r.lost;
        }
        return sum;
    }

    private Cue fill(Ring r, int i) {
        scratch.set(r.index[i], r.bar[i], r.beat[i], r.sub[i], r.layer[i], r.beatPosition[i], r.timeNanos[i],
                r.deadline[i], r.bpm[i], VOICES[r.voice[i]], r.velocity[i]);
        return view.of(scratch);
    }

    /** One producer's ring. */
    private static final class Ring {
        final int mask;
        final long[] index;
        final long[] bar;
        final int[] beat;
        final int[] sub;
        final int[] layer;
        final double[] beatPosition;
        final long[] timeNanos;
        final long[] deadline;
        final double[] bpm;
        final byte[] voice;
        final byte[] velocity;
        final int[] sink;
        final long[] planned;
        final long[] actual;
        /** Consumer's index: written by the drainer only. */
        final PaddedSequence head = new PaddedSequence();
        /** Producer's index: written by the producer only. */
        final PaddedSequence tail = new PaddedSequence();
        /**
         * The producer's last reading of {@link #head} (JCTools' producer limit): the producer
         * reads the consumer's line only when the ring looks full by this cached value.
         */
        long headCache;
        long lost;
        // Consumer's snapshot during a merged drain.
        long h;
        long t;

        Ring(int capacity) {
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

        void record(Cue cue, int sinkIndex, long plannedSendNanos, long actualSendNanos) {
            long tl = tail.getPlain();
            if (tl - headCache > mask) {
                headCache = head.getAcquire();
                if (tl - headCache > mask) {
                    lost++;
                    return;
                }
            }
            int i = (int) tl & mask;
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
            tail.setRelease(tl + 1);
        }

        int drainAll(Handler handler, DispatchLog log) {
            snapshot();
            int n = 0;
            while (hasNext()) {
                drainOne(handler, log);
                n++;
            }
            return n;
        }

        void snapshot() {
            h = head.getPlain();
            t = tail.getAcquire();
        }

        boolean hasNext() {
            return h != t;
        }

        long nextActual() {
            return actual[(int) h & mask];
        }

        void drainOne(Handler handler, DispatchLog log) {
            int i = (int) h & mask;
            handler.onSent(log.fill(this, i), sink[i], planned[i], actual[i]);
            h++;
            head.setRelease(h);
        }
    }
}
