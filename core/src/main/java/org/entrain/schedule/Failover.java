package org.entrain.schedule;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.entrain.clock.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device that may fail mid-session, with a stand-by: two sinks to add to the same engine,
 * {@link #primary()} (wrapping the device's sink) and {@link #standby()} (wrapping the fallback,
 * usually the software synth). Plain {@link CueSink} composition, for any pair of sinks. Both
 * wrappers are real-time sinks ({@link CueSink#timestamped()} false, even over a timestamped
 * fallback), so the engine calls both on its dispatcher thread and they share the held cues
 * without locks; the failure record ({@link #failures()}, {@link #failedOver()}) is thread safe.
 *
 * <p>The stand-by receives every cue at its own advance but stays silent, keeping the cues the
 * device has not yet played in a preallocated ring. When the device's sink throws (a closed or
 * unplugged port), the failure is logged with its engine time and recorded, and
 * <ul>
 *   <li>{@link Policy#FALLBACK}: the stand-by goes live, first replaying the held cues from the
 *       one that failed (each still timestamped at its own deadline), so no cue is lost or
 *       doubled; the device sink swallows the error and stays silent;</li>
 *   <li>{@link Policy#STOP}: the stop action runs (e.g. {@code engine::stop}) and the error is
 *       rethrown, so the engine disables the sink and tells its
 *       {@link org.entrain.schedule.EngineListener}; the session ends cleanly, its logs intact.</li>
 * </ul>
 */
public final class Failover {

    private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

    /** What to do when the device fails. */
    public enum Policy {
        /** Go on with the stand-by sink. */
        FALLBACK,
        /** Stop the session. */
        STOP
    }

    /**
     * One device failure.
     *
     * @param nanos engine time of the failure
     * @param device the device's name
     * @param cueIndex the cue it failed on
     * @param error the error's class and message
     */
    public record Failure(long nanos, String device, long cueIndex, String error) {
        /**
         * Validates.
         *
         * @param nanos see the record component
         * @param device see the record component
         * @param cueIndex see the record component
         * @param error see the record component
         * @throws IllegalArgumentException if a text is null
         */
        public Failure {
            if (device == null || error == null) {
                throw new IllegalArgumentException("failure device and error must not be null");
            }
        }
    }

    private final String device;
    private final CueSink device0;
    private final CueSink fallback;
    private final Policy policy;
    private final Runnable stopAction;
    private final NanoClock clock;
    private final MutableCue[] held;
    private final int mask;
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Primary primary = new Primary();
    private final Standby standby = new Standby();
    private long heldHead;
    private long heldTail;
    private boolean failed;
    private volatile boolean failedOver;

    private Failover(String device, CueSink sink, CueSink fallback, Policy policy, Runnable stopAction,
                     NanoClock clock, int capacity) {
        this.device = device;
        this.device0 = sink;
        this.fallback = fallback;
        this.policy = policy;
        this.stopAction = stopAction;
        this.clock = clock;
        this.held = new MutableCue[capacity];
        for (int i = 0; i < capacity; i++) {
            held[i] = new MutableCue();
        }
        this.mask = capacity - 1;
    }

    /**
     * Wraps a device sink with a stand-by.
     *
     * @param device the device's name, for the log
     * @param sink the device's sink
     * @param fallback the stand-by sink (required for {@link Policy#FALLBACK}; may be null for STOP)
     * @param policy what to do on failure
     * @param stopAction run on failure with {@link Policy#STOP} (e.g. {@code engine::stop}); may be null
     * @param clock the engine's clock, for the failure time
     * @return the pair
     */
    public static Failover of(String device, CueSink sink, CueSink fallback, Policy policy, Runnable stopAction,
                              NanoClock clock) {
        if (device == null || sink == null || policy == null || clock == null) {
            throw new IllegalArgumentException("device, sink, policy and clock must not be null");
        }
        if (policy == Policy.FALLBACK && fallback == null) {
            throw new IllegalArgumentException("the FALLBACK policy needs a fallback sink");
        }
        return new Failover(device, sink, fallback, policy, stopAction, clock, 1024);
    }

    /**
     * The sink to add to the engine for the device.
     *
     * @return the device's wrapper
     */
    public CueSink primary() {
        return primary;
    }

    /**
     * The sink to add to the engine for the stand-by (silent until the device fails), or null if
     * there is no fallback.
     *
     * @return the stand-by's wrapper, or null
     */
    public CueSink standby() {
        return fallback == null ? null : standby;
    }

    /**
     * Whether the stand-by has taken over.
     *
     * @return true after a failure with {@link Policy#FALLBACK}
     */
    public boolean failedOver() {
        return failedOver;
    }

    /**
     * Every failure so far. Thread safe.
     *
     * @return an unmodifiable snapshot
     */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    private void fail(Cue cue, RuntimeException e) {
        long now = clock.nanoTime();
        failed = true;
        Failure f = new Failure(now, device, cue.index(), e.getClass().getSimpleName() + ": " + e.getMessage());
        failures.add(f);
        if (policy == Policy.STOP) {
            LOG.warn("output '{}' failed at engine time {} ns on cue {}: {}; stopping the session (no fallback)",
                    device, now, cue.index(), f.error());
            if (stopAction != null) {
                stopAction.run();
            }
            throw e;
        }
        LOG.warn("output '{}' failed at engine time {} ns on cue {}: {}; going on with the fallback",
                device, now, cue.index(), f.error());
        failedOver = true;
        for (long i = heldHead; i != heldTail; i++) {
            Cue c = held[(int) i & mask];
            if (c.index() >= cue.index()) {
                fallback.onCue(c);
            }
        }
        heldHead = heldTail;
    }

    /** The device's wrapper. */
    private final class Primary implements CueSink {
        @Override
        public long advanceNanos() {
            return device0.advanceNanos();
        }

        @Override
        public void onCue(Cue cue) {
            if (failed) {
                return;
            }
            try {
                device0.onCue(cue);
            } catch (RuntimeException e) {
                fail(cue, e);
                return;
            }
            // The device played it: the stand-by need not keep it.
            while (heldHead != heldTail && held[(int) heldHead & mask].index() <= cue.index()) {
                heldHead++;
            }
        }

        @Override
        public void onEnd() {
            if (!failed) {
                device0.onEnd();
            }
        }

        @Override
        public String toString() {
            return "Failover.primary[" + device0 + "]";
        }
    }

    /** The stand-by's wrapper. */
    private final class Standby implements CueSink {
        @Override
        public long advanceNanos() {
            return fallback.advanceNanos();
        }

        @Override
        public void onCue(Cue cue) {
            if (failedOver) {
                fallback.onCue(cue);
                return;
            }
            if (heldTail - heldHead > mask) {
                heldHead++;
            }
            held[(int) heldTail & mask].copyFrom(cue);
            heldTail++;
        }

        @Override
        public void onEnd() {
            if (failedOver) {
                fallback.onEnd();
            }
        }

        @Override
        public String toString() {
            return "Failover.standby[" + fallback + "]";
        }
    }
}
