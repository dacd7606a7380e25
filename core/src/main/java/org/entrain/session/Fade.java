package org.entrain.session;

/**
 * How the cue fades in a fade phase (or over a whole session): drop every k-th beat, drop beats
 * at random, gap bars (play some bars, mute some), and a volume fade over some bars. Any
 * combination; counts run from the start of the phase. Immutable.
 *
 * @param dropEvery drop every k-th beat, 2..64, or 0 for none
 * @param dropProbability drop each beat with this probability, 0..1 (0: none)
 * @param seed the seed of the random drops
 * @param fadeOverBars lower the velocity linearly to silence over this many bars, 0 for none
 * @param gapPlayBars with {@code gapMuteBars}: play this many bars, then mute; 0 for none
 * @param gapMuteBars bars muted after each {@code gapPlayBars}
 */
public record Fade(int dropEvery, double dropProbability, long seed, double fadeOverBars, int gapPlayBars,
                   int gapMuteBars) {

    /** No fading. */
    public static final Fade NONE = new Fade(0, 0, 0, 0, 0, 0);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     */
    public Fade {
        if (dropEvery != 0 && (dropEvery < 2 || dropEvery > 64)) {
            throw new IllegalArgumentException("drop_every must be between 2 and 64 (or 0 for none), was " + dropEvery);
        }
        if (!(dropProbability >= 0 && dropProbability <= 1)) {
            throw new IllegalArgumentException("drop_random must be a probability between 0 and 1, was " + dropProbability);
        }
        if (!(fadeOverBars >= 0) || !Double.isFinite(fadeOverBars)) {
            throw new IllegalArgumentException("fade_over must be 0 or more bars, was " + fadeOverBars);
        }
        if (gapPlayBars < 0 || gapMuteBars < 0 || (gapPlayBars == 0) != (gapMuteBars == 0)) {
            throw new IllegalArgumentException("gap must be PLAY:MUTE with both at least 1 bar (or none), was "
                    + gapPlayBars + ":" + gapMuteBars);
        }
    }

    /**
     * Whether anything fades.
     *
     * @return false for {@link #NONE}
     */
    public boolean any() {
        return dropEvery > 0 || dropProbability > 0 || fadeOverBars > 0 || gapPlayBars > 0;
    }
}
