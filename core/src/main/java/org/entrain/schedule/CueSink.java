package org.entrain.schedule;

/**
 * Where cues go: a synthesizer, a MIDI port, a clock output, a recorder. Only the engine's
 * dispatcher thread calls {@link #onCue(Cue)}; implementations need no locking for it but must
 * not block, allocate or log in steady state.
 *
 * <p>The engine hands each cue to each sink at {@code cue.deadlineNanos() - advanceNanos()}:
 * <ul>
 *   <li>a <b>real-time</b> sink (a hardware MIDI port, which ignores timestamps) returns its
 *       output latency, or 0, and sends at once;</li>
 *   <li>a <b>timestamped</b> sink (the software synth, an offline renderer) returns how far
 *       ahead it wants cues (plus its latency) and places each cue itself at its deadline.</li>
 * </ul>
 * A sink that throws is disabled for the rest of the run and reported to the
 * {@link EngineListener}; the other sinks go on.
 */
public interface CueSink {

    /**
     * How long before a cue's deadline this sink must receive it. Read once when the engine
     * starts.
     *
     * @return nanos, 0 or more
     */
    default long advanceNanos() {
        return 0L;
    }

    /**
     * Takes one cue. Called on the dispatcher thread; the cue is valid only during the call.
     *
     * @param cue the cue; {@link Cue#deadlineNanos()} is when it must sound, on the engine's clock
     */
    void onCue(Cue cue);

    /** Called on the dispatcher thread once, after the last cue (or when the engine stops). */
    default void onEnd() {
    }
}
