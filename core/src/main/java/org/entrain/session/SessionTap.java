package org.entrain.session;

import org.entrain.onset.OnsetSource;

/**
 * A tap or step as a front end sees it, with its live match to a cue. Immutable.
 *
 * @param timeNanos when it happened, engine nanos
 * @param strength its strength in the source's unit
 * @param source where it came from
 * @param cueIndex the cue it was matched to, or -1
 * @param asynchronyMs tap minus cue, ms, or NaN if unmatched
 * @param phase the index of the phase it fell in
 */
public record SessionTap(long timeNanos, double strength, OnsetSource source, long cueIndex, double asynchronyMs,
                         int phase) {

    /**
     * Whether it was matched to a cue.
     *
     * @return true if matched
     */
    public boolean matched() {
        return cueIndex >= 0;
    }
}
