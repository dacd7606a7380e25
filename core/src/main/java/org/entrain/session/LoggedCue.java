package org.entrain.session;

import org.entrain.schedule.CueEvent;

/**
 * One cue as the log recorded its send to one sink. Immutable.
 *
 * @param cue the cue ({@code timeNanos} from beat 0 of the engine's plan)
 * @param deadlineNanos when it was due to sound, engine clock
 * @param sink the sink index
 * @param plannedSendNanos when the engine meant to hand it over (deadline minus the sink's advance), engine clock
 * @param sentNanos when it did, engine clock
 */
public record LoggedCue(CueEvent cue, long deadlineNanos, int sink, long plannedSendNanos, long sentNanos) {

    /**
     * Validates.
     *
     * @param cue see the record
     * @param deadlineNanos see the record
     * @param sink see the record
     * @param plannedSendNanos see the record
     * @param sentNanos see the record
     * @throws IllegalArgumentException if the cue is null or the sink negative
     */
    public LoggedCue {
        if (cue == null || sink < 0) {
            throw new IllegalArgumentException("logged cue must have a cue and a sink >= 0, sink was " + sink);
        }
    }

    /**
     * How late the send was.
     *
     * @return sent minus planned, nanos
     */
    public long latenessNanos() {
        return sentNanos - plannedSendNanos;
    }
}
