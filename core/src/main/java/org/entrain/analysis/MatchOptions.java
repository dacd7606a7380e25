package org.entrain.analysis;

/**
 * How taps are paired with cues. Immutable.
 *
 * @param windowIoi half-width of the matching window around each cue, as a fraction of the
 *                  inter-onset interval before the cue (early side) and after it (late side);
 *                  above 0 and at most 0.5 (REPP uses 0.4)
 * @param skipTaps how many of the first taps to discard before matching (settling), 0 or more;
 *                 {@link TimingAnalyzer} also leaves out the cues that come before the first analysed tap
 */
public record MatchOptions(double windowIoi, int skipTaps) {

    /** The default: +-0.4 IOI, no taps skipped. */
    public static final MatchOptions DEFAULT = new MatchOptions(0.4, 0);

    /**
     * Validates.
     *
     * @param windowIoi see the record
     * @param skipTaps see the record
     * @throws IllegalArgumentException if the window is not in (0, 0.5] or skipTaps is negative
     */
    public MatchOptions {
        if (!(windowIoi > 0 && windowIoi <= 0.5)) {
            throw new IllegalArgumentException("matching window must be above 0 and at most 0.5 IOI, was " + windowIoi);
        }
        if (skipTaps < 0) {
            throw new IllegalArgumentException("taps to skip must be 0 or more, was " + skipTaps);
        }
    }

    /**
     * Options with a window and a skip count.
     *
     * @param windowIoi the window, fraction of IOI, (0, 0.5]
     * @param skipTaps taps to skip, 0 or more
     * @return the options
     */
    public static MatchOptions of(double windowIoi, int skipTaps) {
        return new MatchOptions(windowIoi, skipTaps);
    }
}
