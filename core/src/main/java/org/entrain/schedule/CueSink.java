package org.entrain.schedule;

/**
 * Where cues go: a synthesizer, a MIDI port, a recorder. One engine thread calls
 * {@link #onCue(Cue)} and {@link #onEnd()}: the dispatcher for a real-time sink, the sender
 * thread for a {@link #timestamped()} sink (after {@link CueEngine#start()}; an engine driven by
 * hand calls every sink on the driving thread). Implementations need no locking for it but must
 * not block, allocate or log in steady state; a timestamped sink may take a device's lock (as
 * Gervill's receiver does), since it is off the dispatcher.
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
     * Whether this sink places cues itself by their timestamp (the software synth, an offline
     * renderer): then the engine sends to it from a separate sender thread that parks until
     * {@code deadline - advance}, and the dispatcher thread, which spins for real-time sinks,
     * never waits on this sink's locks. Read once when the engine starts. Default false.
     *
     * @return true for a timestamped sink
     */
    default boolean timestamped() {
        return false;
    }

    /**
     * Takes one cue. Called on the one thread that serves this sink; the cue is valid only during the call.
     *
     * @param cue the cue; {@link Cue#deadlineNanos()} is when it must sound, on the engine's clock
     */
    void onCue(Cue cue);

    /** Called on the thread that serves this sink once, after the last cue (or when the engine stops). */
    default void onEnd() {
    }
}
