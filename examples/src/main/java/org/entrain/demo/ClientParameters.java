package org.entrain.demo;

/**
 * The true parameters of the demo's simulated client (the linear phase-correction model of Vorberg
 * and Wing 1996, {@code docs/domain.md}). Immutable; written to {@code client.json}.
 *
 * @param alpha the phase-correction gain, 0..1.5
 * @param sigmaTMs timekeeper noise SD, ms
 * @param sigmaMMs motor noise SD, ms
 * @param preferredBpm the client's own tempo (baseline and continuation drift towards it)
 * @param meanAsynchronyMs the mean asynchrony the client settles at, ms (negative: ahead of the cue)
 * @param missProbability the chance that a tap is too soft to be heard, 0..0.5
 * @param seed the random seed of the noises
 */
public record ClientParameters(double alpha, double sigmaTMs, double sigmaMMs, double preferredBpm,
                               double meanAsynchronyMs, double missProbability, long seed) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public ClientParameters {
        if (!(alpha >= 0 && alpha <= 1.5)) {
            throw new IllegalArgumentException("client alpha must be between 0 and 1.5, was " + alpha);
        }
        if (!(sigmaTMs >= 0 && sigmaTMs <= 100) || !(sigmaMMs >= 0 && sigmaMMs <= 100)) {
            throw new IllegalArgumentException("client noises must be between 0 and 100 ms");
        }
        if (!(preferredBpm >= 20 && preferredBpm <= 300)) {
            throw new IllegalArgumentException("client preferred tempo must be between 20 and 300 bpm, was " + preferredBpm);
        }
        if (!(Math.abs(meanAsynchronyMs) <= 200)) {
            throw new IllegalArgumentException("client mean asynchrony must be within +-200 ms, was " + meanAsynchronyMs);
        }
        if (!(missProbability >= 0 && missProbability <= 0.5)) {
            throw new IllegalArgumentException("client miss probability must be between 0 and 0.5, was " + missProbability);
        }
    }

    /**
     * The demo's client: alpha 0.5, sigma_T 12 ms, sigma_M 5 ms, prefers 90 bpm, settles 35 ms
     * ahead of the cue, 3 % of taps too soft to hear.
     *
     * @param seed the seed
     * @return the parameters
     */
    public static ClientParameters typical(long seed) {
        return new ClientParameters(0.5, 12, 5, 90, -35, 0.03, seed);
    }
}
