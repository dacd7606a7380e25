package org.entrain.midi;

import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import org.entrain.clock.NanoClock;

/**
 * A receiver that records every short message with the engine time it arrived, in preallocated
 * arrays: a stand-in for a hardware port in tests and benchmarks. One sending thread at a time
 * may call {@link #send}; read the results after that thread has finished (or with
 * {@link #count()}, which publishes them).
 */
public final class RecordingReceiver implements Receiver {

    private final NanoClock clock;
    private final int[] status;
    private final int[] data1;
    private final int[] data2;
    private final long[] nanos;
    private final long[] timestamps;
    private volatile int count;
    private volatile int dropped;
    private volatile boolean closed;

    /**
     * Creates a recorder.
     *
     * @param clock the clock arrivals are read from
     * @param capacity messages kept, 1..2^26; later ones are counted in {@link #dropped()}
     */
    public RecordingReceiver(NanoClock clock, int capacity) {
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        if (capacity < 1 || capacity > (1 << 26)) {
            throw new IllegalArgumentException("capacity must be between 1 and 2^26, was " + capacity);
        }
        this.clock = clock;
        status = new int[capacity];
        data1 = new int[capacity];
        data2 = new int[capacity];
        nanos = new long[capacity];
        timestamps = new long[capacity];
    }

    @Override
    public void send(MidiMessage message, long timeStamp) {
        long now = clock.nanoTime();
        if (closed) {
            throw new IllegalStateException("receiver is closed");
        }
        int i = count;
        if (i == nanos.length) {
            dropped++;
            return;
        }
        byte[] m = message.getMessage();
        status[i] = m[0] & 0xff;
        data1[i] = m.length > 1 ? m[1] & 0xff : 0;
        data2[i] = m.length > 2 ? m[2] & 0xff : 0;
        nanos[i] = now;
        timestamps[i] = timeStamp;
        count = i + 1;
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * Messages recorded.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * Messages that did not fit.
     *
     * @return the count
     */
    public int dropped() {
        return dropped;
    }

    /**
     * The status byte of message {@code i} (e.g. 0x99 note-on channel 10, 0xF8 clock).
     *
     * @param i 0 .. count-1
     * @return 0..255
     */
    public int status(int i) {
        return status[check(i)];
    }

    /**
     * The first data byte of message {@code i}.
     *
     * @param i 0 .. count-1
     * @return 0..127
     */
    public int data1(int i) {
        return data1[check(i)];
    }

    /**
     * The second data byte of message {@code i}.
     *
     * @param i 0 .. count-1
     * @return 0..127
     */
    public int data2(int i) {
        return data2[check(i)];
    }

    /**
     * When message {@code i} arrived, on the clock.
     *
     * @param i 0 .. count-1
     * @return nanos
     */
    public long nanos(int i) {
        return nanos[check(i)];
    }

    /**
     * The timestamp message {@code i} was sent with.
     *
     * @param i 0 .. count-1
     * @return microseconds, or -1
     */
    public long timestamp(int i) {
        return timestamps[check(i)];
    }

    /** Forgets everything recorded (the sending thread must be idle). */
    public void clear() {
        count = 0;
        dropped = 0;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("message " + i + " of " + count);
        }
        return i;
    }
}
