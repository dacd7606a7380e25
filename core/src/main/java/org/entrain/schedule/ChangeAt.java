package org.entrain.schedule;

/** When a live change takes effect. */
public enum ChangeAt {
    /**
     * From the current beat phase: at the later of "now" and the last cue already sent, so no
     * sent cue moves and the phase stays continuous.
     */
    NOW,
    /** At the start of the next bar that no cue has been sent for. */
    NEXT_BAR
}
