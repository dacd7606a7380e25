package org.entrain.gui;

import java.nio.file.Path;

/** The live controls of a running session. Thread safe: any thread may call them. */
interface LiveSession {

    /**
     * Changes the tempo by a step from the current tempo, at the next bar.
     *
     * @param deltaBpm the change, bpm
     */
    void tempoBy(double deltaBpm);

    /** Pauses after the cues already sent, or resumes; the beat phase resumes where it stopped. */
    void togglePause();

    /** Goes on to the next phase of a protocol. */
    void nextPhase();

    /** Plays to the end of the bar, then ends the session (the folder is written). */
    void stopAtBarEnd();

    /** Stops at once (the folder is written). */
    void stopNow();

    /** @return the session folder */
    Path folder();
}
