package org.entrain.schedule;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Left padding: keeps {@link PaddedSequence#value} off the cache line of whatever precedes it. */
abstract class PaddedSequenceLhs {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/** The value, laid out after the left padding (superclass fields come first). */
abstract class PaddedSequenceValue extends PaddedSequenceLhs {
    volatile long value;
}

/**
 * A sequence counter alone on its cache line (128 bytes of padding each side, against adjacent-line
 * prefetch), as JCTools pads its queue indices, so that the producer's index and the consumer's
 * never share a line. Thread safe: one writer, any readers.
 */
final class PaddedSequence extends PaddedSequenceValue {
    long p10, p11, p12, p13, p14, p15, p16, p17;
    long p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedSequenceValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The value, with acquire semantics. */
    long getAcquire() {
        return (long) VALUE.getAcquire(this);
    }

    /** The value without ordering: the writer reading its own sequence. */
    long getPlain() {
        return (long) VALUE.get(this);
    }

    /** Publishes a new value with release semantics (a lazy set: no fence on x86). Writer only. */
    void setRelease(long v) {
        VALUE.setRelease(this, v);
    }
}
