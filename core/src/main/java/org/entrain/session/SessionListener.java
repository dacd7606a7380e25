package org.entrain.session;

/**
 * Hears a running session: for displays and GUIs. Every method is called on the session's event
 * thread ({@code entrain-session-events}; in virtual time, the driving thread), never on the
 * dispatcher or an audio thread, one call at a time and in order; return quickly (a GUI hands
 * over to its own thread). Default methods ignore the event.
 */
public interface SessionListener {

    /**
     * A cue sounds now (or would have, if silent).
     *
     * @param cue the cue
     */
    default void onCue(SessionCue cue) {
    }

    /**
     * A tap or step was detected.
     *
     * @param tap the tap with its live match
     */
    default void onTap(SessionTap tap) {
    }

    /**
     * New live statistics (after each cue and tap).
     *
     * @param stats the snapshot
     */
    default void onStats(LiveStats stats) {
    }

    /**
     * A phase begins.
     *
     * @param index its index in the protocol
     * @param phase the phase
     * @param bar its first bar
     * @param bpm its tempo at the start
     */
    default void onPhase(int index, Phase phase, long bar, double bpm) {
    }

    /**
     * Something went wrong or needs attention (a device failed, a gated step was held).
     *
     * @param message one line
     */
    default void onWarning(String message) {
    }

    /**
     * The session ended and every file is written.
     *
     * @param result what it wrote
     */
    default void onEnd(SessionResult result) {
    }
}
