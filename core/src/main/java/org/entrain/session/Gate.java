package org.entrain.session;

/**
 * The entrainment condition a gated step-up waits for before each step: resultant length R at
 * least {@code minResultant} and |mean asynchrony| at most {@code maxAbsMeanAsynchronyMs} over the
 * last {@code lastCues} matched cues. Immutable.
 *
 * @param minResultant the lowest R, 0..1 (e.g. 0.8)
 * @param maxAbsMeanAsynchronyMs the largest |mean asynchrony|, ms, above 0
 * @param lastCues how many of the latest matched cues are judged, 2..1000
 */
public record Gate(double minResultant, double maxAbsMeanAsynchronyMs, int lastCues) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     */
    public Gate {
        if (!(minResultant >= 0 && minResultant <= 1)) {
            throw new IllegalArgumentException("gate min_r must be between 0 and 1, was " + minResultant);
        }
        if (!(maxAbsMeanAsynchronyMs > 0) || !Double.isFinite(maxAbsMeanAsynchronyMs)) {
            throw new IllegalArgumentException("gate max_abs_mean_ms must be a number above 0, was " + maxAbsMeanAsynchronyMs);
        }
        if (lastCues < 2 || lastCues > 1000) {
            throw new IllegalArgumentException("gate last must be between 2 and 1000 cues, was " + lastCues);
        }
    }

    /**
     * Whether live statistics meet the gate.
     *
     * @param resultant R over the last cues
     * @param meanAsynchronyMs mean asynchrony over them, ms
     * @param matched how many matched cues the window held
     * @return true when the step may be taken
     */
    public boolean open(double resultant, double meanAsynchronyMs, int matched) {
        return matched >= lastCues && resultant >= minResultant && Math.abs(meanAsynchronyMs) <= maxAbsMeanAsynchronyMs;
    }
}
