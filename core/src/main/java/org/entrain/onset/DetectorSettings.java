package org.entrain.onset;

import java.util.Locale;

/**
 * Tuning of the {@link OnsetDetector}. Immutable.
 *
 * <p>Use {@link #taps()} for finger or hand taps on a table, {@link #steps()} for heel strikes, and
 * the {@code with...} methods to tune them.
 *
 * @param lowHz high-pass corner of the detection band, in Hz (10 or more)
 * @param highHz low-pass corner of the detection band, in Hz (above {@code lowHz}, at most 20 000);
 *        must also be below half the sample rate of the audio it is used on
 * @param hopSamples the coarse stage's hop, in samples (16..1024; 64..128 recommended)
 * @param thresholdDb how far a hop's band energy must rise above the lowest of the preceding hops to
 *        trigger, in dB (1..60)
 * @param minIntervalMs the minimum time between two onsets, in ms (5..2000)
 * @param preWindowMs how far before the triggering hop the refinement searches, in ms (1..100)
 * @param postWindowMs how far after the triggering hop, and after the onset found, the refinement
 *        looks for the hit's peak, in ms (5..200); with one input buffer this plus one hop is the live
 *        latency of the detector
 * @param peakFraction the onset definition: the first sample of the band-passed magnitude at this
 *        fraction of the hit's peak (0.01..0.9) that leads into the attack (see {@code attackFraction})
 * @param noiseFactor the crossing must also exceed this multiple of the local noise RMS (1..20)
 * @param attackFraction the onset definition's second level: a crossing of {@code peakFraction}
 *        counts only if the magnitude reaches this fraction of the peak within
 *        {@code attackWithinMs} (from {@code peakFraction} to 0.9); an isolated soft first touch that
 *        does not lead into the attack is passed over. Equal to {@code peakFraction}: every crossing
 *        counts
 * @param attackWithinMs how soon after the crossing the magnitude must reach {@code attackFraction},
 *        in ms (0..20)
 */
public record DetectorSettings(double lowHz, double highHz, int hopSamples, double thresholdDb,
                               double minIntervalMs, double preWindowMs, double postWindowMs,
                               double peakFraction, double noiseFactor, double attackFraction,
                               double attackWithinMs) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public DetectorSettings {
        check("lowHz", lowHz, 10, 20_000);
        check("highHz", highHz, 10, 20_000);
        if (!(highHz > lowHz)) {
            throw new IllegalArgumentException("detection band must have highHz > lowHz, was " + lowHz + ".." + highHz + " Hz");
        }
        if (hopSamples < 16 || hopSamples > 1024) {
            throw new IllegalArgumentException("hopSamples must be between 16 and 1024, was " + hopSamples);
        }
        check("thresholdDb", thresholdDb, 1, 60);
        check("minIntervalMs", minIntervalMs, 5, 2000);
        check("preWindowMs", preWindowMs, 1, 100);
        check("postWindowMs", postWindowMs, 5, 200);
        check("peakFraction", peakFraction, 0.01, 0.9);
        check("noiseFactor", noiseFactor, 1, 20);
        check("attackFraction", attackFraction, peakFraction, 0.9);
        check("attackWithinMs", attackWithinMs, 0, 20);
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " must be between " + lo + " and " + hi + ", was " + v);
        }
    }

    /**
     * Finger or hand taps on a table: band 40..1200 Hz (cue sounds above ~2 kHz fall outside),
     * hop 64, 8 dB rise, at least 80 ms apart, peak window 30 ms; onset at 10 % of the peak, the
     * crossing followed within 2 ms by 30 % of it.
     *
     * @return the preset
     */
    public static DetectorSettings taps() {
        return new DetectorSettings(40, 1200, 64, 8, 80, 10, 30, 0.1, 4.5, 0.3, 2);
    }

    /**
     * Footsteps (heel strikes): band 20..400 Hz, hop 128, 8 dB rise, at least 250 ms apart, peak
     * window 60 ms; the same onset definition as {@link #taps()} (10 %, followed within 2 ms by 30 %).
     *
     * @return the preset
     */
    public static DetectorSettings steps() {
        return new DetectorSettings(20, 400, 128, 8, 250, 20, 60, 0.1, 4.5, 0.3, 2);
    }

    /**
     * A preset by name.
     *
     * @param name {@code taps} or {@code steps}
     * @return the preset
     * @throws IllegalArgumentException if the name is neither
     */
    public static DetectorSettings preset(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "taps":
                return taps();
            case "steps":
                return steps();
            default:
                throw new IllegalArgumentException("preset must be taps or steps, was '" + name + "'");
        }
    }

    /**
     * The same with another trigger threshold.
     *
     * @param db the rise in dB, 1..60
     * @return the new settings
     */
    public DetectorSettings withThresholdDb(double db) {
        return new DetectorSettings(lowHz, highHz, hopSamples, db, minIntervalMs, preWindowMs,
                postWindowMs, peakFraction, noiseFactor, attackFraction, attackWithinMs);
    }

    /**
     * The same with another minimum inter-onset interval.
     *
     * @param millis ms, 5..2000
     * @return the new settings
     */
    public DetectorSettings withMinIntervalMs(double millis) {
        return new DetectorSettings(lowHz, highHz, hopSamples, thresholdDb, millis, preWindowMs,
                postWindowMs, peakFraction, noiseFactor, attackFraction, attackWithinMs);
    }

    /**
     * The same with another detection band.
     *
     * @param lowHz high-pass corner, Hz
     * @param highHz low-pass corner, Hz
     * @return the new settings
     */
    public DetectorSettings withBand(double lowHz, double highHz) {
        return new DetectorSettings(lowHz, highHz, hopSamples, thresholdDb, minIntervalMs, preWindowMs,
                postWindowMs, peakFraction, noiseFactor, attackFraction, attackWithinMs);
    }

    /**
     * The same with another coarse hop.
     *
     * @param samples 16..1024
     * @return the new settings
     */
    public DetectorSettings withHopSamples(int samples) {
        return new DetectorSettings(lowHz, highHz, samples, thresholdDb, minIntervalMs, preWindowMs,
                postWindowMs, peakFraction, noiseFactor, attackFraction, attackWithinMs);
    }
}
