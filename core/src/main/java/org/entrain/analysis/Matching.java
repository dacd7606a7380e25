package org.entrain.analysis;

import java.util.Arrays;

/**
 * The one-to-one pairing of taps with cues. Immutable (accessors return copies).
 *
 * @param tapOfCue for each cue, the index of its tap in the tap array, or -1 if the cue was missed
 * @param missedCues indices of cues with no tap, ascending
 * @param extraTaps indices of analysed taps with no cue, ascending
 * @param skippedTaps how many of the first taps were discarded before matching
 */
public record Matching(int[] tapOfCue, int[] missedCues, int[] extraTaps, int skippedTaps) {

    /**
     * Copies the arrays.
     *
     * @param tapOfCue see the record
     * @param missedCues see the record
     * @param extraTaps see the record
     * @param skippedTaps see the record
     * @throws IllegalArgumentException if an array is null or skippedTaps negative
     */
    public Matching {
        if (tapOfCue == null || missedCues == null || extraTaps == null) {
            throw new IllegalArgumentException("matching arrays must not be null");
        }
        if (skippedTaps < 0) {
            throw new IllegalArgumentException("skipped taps must be >= 0, was " + skippedTaps);
        }
        tapOfCue = tapOfCue.clone();
        missedCues = missedCues.clone();
        extraTaps = extraTaps.clone();
    }

    /**
     * For each cue, its tap index or -1.
     *
     * @return a copy
     */
    @Override
    public int[] tapOfCue() {
        return tapOfCue.clone();
    }

    /**
     * The missed cues, ascending.
     *
     * @return a copy
     */
    @Override
    public int[] missedCues() {
        return missedCues.clone();
    }

    /**
     * The extra taps, ascending.
     *
     * @return a copy
     */
    @Override
    public int[] extraTaps() {
        return extraTaps.clone();
    }

    /**
     * The tap paired with one cue.
     *
     * @param cue the cue index
     * @return the tap index, or -1
     */
    public int tapOf(int cue) {
        return tapOfCue[cue];
    }

    /**
     * How many cues have a tap.
     *
     * @return the count
     */
    public int matchedCount() {
        return tapOfCue.length - missedCues.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matching m && Arrays.equals(tapOfCue, m.tapOfCue) && Arrays.equals(missedCues, m.missedCues)
                && Arrays.equals(extraTaps, m.extraTaps) && skippedTaps == m.skippedTaps;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tapOfCue) * 31 + Arrays.hashCode(extraTaps) + skippedTaps;
    }

    @Override
    public String toString() {
        return "Matching[matched=" + matchedCount() + ", missed=" + missedCues.length + ", extra=" + extraTaps.length
                + ", skipped=" + skippedTaps + "]";
    }
}
