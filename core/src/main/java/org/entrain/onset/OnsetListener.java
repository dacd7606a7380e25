package org.entrain.onset;

/**
 * Receives onsets from any input (microphone, file, MIDI pad): the one onset stream of a session.
 * Implementations state which thread calls them; each input calls from its own thread, so a
 * listener shared by several inputs must be thread safe.
 */
@FunctionalInterface
public interface OnsetListener {

    /**
     * One onset.
     *
     * @param onset the onset
     */
    void onOnset(Onset onset);
}
