package org.entrain.analysis;

/**
 * One analysed cue with its matched tap: a row of the tidy CSV. Immutable.
 *
 * @param cueIndex the cue's index in the cue file
 * @param cueTimeSeconds when the cue sounded, seconds from the first cue
 * @param ioiSeconds the interval to the next analysed cue (for the last, from the previous), seconds
 * @param bpm the tempo at the cue
 * @param voice the cue voice id ({@code accent}, {@code beat} ...)
 * @param segment the index of its segment in {@link AnalysisResult#segments()}
 * @param tapIndex the matched tap's row in the tap input, or -1 if missed
 * @param tapTimeSeconds the matched tap's time, seconds, or NaN
 * @param asynchronyMs tap minus cue, ms, or NaN
 * @param phaseRad 2 pi asynchrony / IOI, radians, or NaN
 */
public record CueRow(long cueIndex, double cueTimeSeconds, double ioiSeconds, double bpm, String voice, int segment,
                     int tapIndex, double tapTimeSeconds, double asynchronyMs, double phaseRad) {

    /**
     * Validates.
     *
     * @param cueIndex see the record
     * @param cueTimeSeconds see the record
     * @param ioiSeconds see the record
     * @param bpm see the record
     * @param voice see the record
     * @param segment see the record
     * @param tapIndex see the record
     * @param tapTimeSeconds see the record
     * @param asynchronyMs see the record
     * @param phaseRad see the record
     * @throws IllegalArgumentException if the voice is null
     */
    public CueRow {
        if (voice == null) {
            throw new IllegalArgumentException("cue row voice must not be null");
        }
    }

    /**
     * Whether a tap was matched.
     *
     * @return true if matched
     */
    public boolean matched() {
        return tapIndex >= 0;
    }
}
