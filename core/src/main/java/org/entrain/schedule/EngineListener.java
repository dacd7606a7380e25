package org.entrain.schedule;

/**
 * Hears about rare engine events. Called on the dispatcher thread, except
 * {@link #onSinkFailed} for a timestamped sink (on the sender thread) and {@link #onFinished}
 * (on whichever of the two ends last): return quickly (hand the event to another thread for
 * logging or I/O), and be safe for calls from those two threads.
 */
public interface EngineListener {

    /** A listener that ignores everything. */
    EngineListener NONE = new EngineListener() {
    };

    /**
     * A sink threw; the engine has disabled it and goes on with the others.
     *
     * @param sinkIndex the sink's position in the builder
     * @param sink the sink
     * @param error what it threw
     * @param nanos engine time of the failure
     */
    default void onSinkFailed(int sinkIndex, CueSink sink, Throwable error, long nanos) {
    }

    /**
     * A live change took effect.
     *
     * @param description what changed, e.g. "tempo jump to 100 bpm at beat 32"
     * @param beat the beat position where it takes effect
     * @param nanos engine time when the dispatcher applied it
     */
    default void onChange(String description, double beat, long nanos) {
    }

    /**
     * The engine has sent its last cue (the plan ended or it was stopped).
     *
     * @param nanos engine time
     */
    default void onFinished(long nanos) {
    }
}
