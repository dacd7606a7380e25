package org.entrain.gui;

import java.nio.file.Path;

/**
 * What a running session tells the app. Called on a session's listener thread (never the
 * dispatcher or audio threads, never the event dispatch thread); {@link OnEdt} moves the calls
 * to the event dispatch thread.
 */
interface LiveListener {

    /**
     * A cue sounded.
     *
     * @param bar the bar, from 0
     * @param beat the beat within the bar, from 0
     * @param sub the subdivision within the beat, from 0
     * @param beatsPerBar beats in the bar
     * @param accent whether it is an accent
     * @param bpm the tempo at the cue
     */
    void cue(long bar, int beat, int sub, int beatsPerBar, boolean accent, double bpm);

    /**
     * A tap was matched to a cue.
     *
     * @param asynchronyMs tap minus cue, ms
     */
    void tap(double asynchronyMs);

    /**
     * Running statistics over the measured part so far.
     *
     * @param stats the snapshot
     */
    void stats(LiveStats stats);

    /**
     * Where the session is in time and in its phases.
     *
     * @param phase the phase name
     * @param phaseIndex the phase, from 0
     * @param phases the number of phases
     * @param elapsedSeconds time since the first cue
     * @param progress 0..1 of the whole session, or NaN when it has no set length
     */
    void progress(String phase, int phaseIndex, int phases, double elapsedSeconds, double progress);

    /**
     * Something the therapist should know (a device failed and the session went on, late cues).
     *
     * @param message one line
     */
    void warning(String message);

    /**
     * The session ended and its folder is complete.
     *
     * @param folder the session folder
     * @param error null after a normal end, else the one-line reason it stopped
     */
    void ended(Path folder, String error);

    /**
     * Running statistics, as plain values.
     *
     * @param taps matched taps
     * @param meanAsynchronyMs mean tap minus cue, ms (NaN: none)
     * @param sdAsynchronyMs SD of the asynchrony, ms (NaN: fewer than 2)
     * @param resultantLength R, 0..1 (NaN: none)
     * @param cadencePerMin taps or steps per minute (NaN: fewer than 2)
     */
    record LiveStats(int taps, double meanAsynchronyMs, double sdAsynchronyMs, double resultantLength, double cadencePerMin) {
    }
}
