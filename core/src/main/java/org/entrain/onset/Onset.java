package org.entrain.onset;

/**
 * One detected tap or step, in engine time. Immutable.
 *
 * @param timeNanos when it happened, on the engine's {@link org.entrain.clock.NanoClock}
 * @param strength how strong it was, in the source's own unit (an envelope peak 0..1 for audio, velocity/127 for MIDI), 0 or more
 * @param source where it came from
 * @param flags a bit set of {@link #AMBIGUOUS}, {@link #CLIPPED}, {@link #NEAR_NOISE_FLOOR}, {@link #CUE_RESIDUE}; 0 when clean
 */
public record Onset(long timeNanos, double strength, OnsetSource source, int flags) {

    /** Flag: more than one hit close together (a double hit); the time is the first. */
    public static final int AMBIGUOUS = 1;
    /** Flag: the input clipped around the onset, so the strength is a lower bound. */
    public static final int CLIPPED = 2;
    /** Flag: the onset is barely above the noise floor. */
    public static final int NEAR_NOISE_FLOOR = 4;
    /**
     * Flag: the onset cannot be told from what is left of a cue after cancellation (its peak is not
     * clearly above the cue's expected residue): not a tap; statistics skip it.
     */
    public static final int CUE_RESIDUE = 8;

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the strength is negative or not finite, or the source is null
     */
    public Onset {
        if (!(strength >= 0) || !Double.isFinite(strength)) {
            throw new IllegalArgumentException("onset strength must be a finite number >= 0, was " + strength);
        }
        if (source == null) {
            throw new IllegalArgumentException("onset source must not be null");
        }
        if ((flags & ~(AMBIGUOUS | CLIPPED | NEAR_NOISE_FLOOR | CUE_RESIDUE)) != 0) {
            throw new IllegalArgumentException("onset flags must be a combination of 1, 2, 4 and 8, was " + flags);
        }
    }

    /**
     * Whether a flag is set.
     *
     * @param flag one of {@link #AMBIGUOUS}, {@link #CLIPPED}, {@link #NEAR_NOISE_FLOOR}, {@link #CUE_RESIDUE}
     * @return true if set
     */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * Whether this onset counts as a tap (it is not {@link #CUE_RESIDUE}).
     *
     * @return true for a tap
     */
    public boolean isTap() {
        return (flags & CUE_RESIDUE) == 0;
    }
}
