package org.entrain.session;

/**
 * A snapshot of a running session for a display: where it is and how the client is doing in the
 * current phase. Immutable; a new one after each cue and tap.
 *
 * @param phase the index of the current phase
 * @param phaseName its name
 * @param phaseKind its kind
 * @param phaseCount how many phases the protocol has
 * @param bpm the tempo of the latest cue
 * @param bar the bar of the latest cue, from 0
 * @param beat the beat in the bar of the latest cue, from 0
 * @param elapsedNanos engine time since the first cue (pauses included)
 * @param progress the fraction of the planned session done, 0..1, or NaN when its length is open
 * @param paused whether the cue is paused
 * @param lastAsynchronyMs the latest matched tap's asynchrony, ms, or NaN
 * @param meanAsynchronyMs the mean asynchrony in the phase, ms, or NaN
 * @param sdAsynchronyMs the SD of the asynchronies in the phase, ms, or NaN
 * @param resultantLength R of the phase's asynchrony phases, 0..1, or NaN
 * @param cadencePerMin taps per minute over the latest taps, or NaN
 * @param taps taps in the phase
 * @param matched taps matched to a cue in the phase
 * @param cues sounded cues in the phase
 */
public record LiveStats(int phase, String phaseName, PhaseKind phaseKind, int phaseCount, double bpm, long bar,
                        int beat, long elapsedNanos, double progress, boolean paused, double lastAsynchronyMs,
                        double meanAsynchronyMs, double sdAsynchronyMs, double resultantLength, double cadencePerMin,
                        int taps, int matched, int cues) {

    /**
     * The snapshot before the first cue.
     *
     * @param first the first phase
     * @param phaseCount how many phases
     * @param bpm the start tempo
     * @return the snapshot
     */
    public static LiveStats initial(Phase first, int phaseCount, double bpm) {
        return new LiveStats(0, first.name(), first.kind(), phaseCount, bpm, 0, 0, 0, 0, false, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);
    }
}
