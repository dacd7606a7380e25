package org.entrain.clock;

/**
 * The system's monotonic clock, {@link System#nanoTime()}. Thread safe; use {@link #INSTANCE}.
 */
public final class SystemNanoClock implements NanoClock {

    /** The shared instance. */
    public static final SystemNanoClock INSTANCE = new SystemNanoClock();

    private SystemNanoClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "SystemNanoClock";
    }
}
