package org.entrain.cancel;

/**
 * How {@link CueCancellation} finds the cues in a recording and how the detector gates on what is
 * left of them. Immutable.
 *
 * @param maxOffsetSeconds how long before the first cue the recording may start, s (0..30)
 * @param countInBars how many bars at the start are listen-only (no tapping): the room path is fitted on them (1..16)
 * @param firMs the room path's length, ms (10..1000)
 * @param marginDb how far above the expected cue residue (predicted cue level minus the measured depth) the detector's
 *        background is set, dB (0..40)
 * @param minUsefulDepthDb below this depth a warning is given: the cue is not being removed well enough, dB (0..60)
 */
public record CancellationSettings(double maxOffsetSeconds, int countInBars, double firMs, double marginDb,
                                   double minUsefulDepthDb) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public CancellationSettings {
        if (!(maxOffsetSeconds >= 0 && maxOffsetSeconds <= 30)) {
            throw new IllegalArgumentException("the recording may start 0..30 s before the first cue, was " + maxOffsetSeconds);
        }
        if (countInBars < 1 || countInBars > 16) {
            throw new IllegalArgumentException("count-in must be 1..16 bars, was " + countInBars);
        }
        if (!(firMs >= 10 && firMs <= 1000)) {
            throw new IllegalArgumentException("room path length must be 10..1000 ms, was " + firMs);
        }
        if (!(marginDb >= 0 && marginDb <= 40)) {
            throw new IllegalArgumentException("residue margin must be 0..40 dB, was " + marginDb);
        }
        if (!(minUsefulDepthDb >= 0 && minUsefulDepthDb <= 60)) {
            throw new IllegalArgumentException("useful depth must be 0..60 dB, was " + minUsefulDepthDb);
        }
    }

    /**
     * The defaults: recording up to 5 s before the first cue, a 1-bar count-in, a 300 ms room path,
     * 6 dB margin, warning below 15 dB.
     *
     * @return the defaults
     */
    public static CancellationSettings defaults() {
        return new CancellationSettings(5, 1, 300, 6, 15);
    }

    /**
     * The same with another count-in.
     *
     * @param bars 1..16
     * @return the new settings
     */
    public CancellationSettings withCountInBars(int bars) {
        return new CancellationSettings(maxOffsetSeconds, bars, firMs, marginDb, minUsefulDepthDb);
    }
}
