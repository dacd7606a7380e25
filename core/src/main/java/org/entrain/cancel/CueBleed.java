package org.entrain.cancel;

import org.entrain.onset.Calibration;
/**
 * What the detector needs to keep the cue's own sound apart: when each cue reaches the input and
 * what it sounds like. Immutable (the arrays are copied).
 *
 * @param cueNanos when each cue starts at the input, ascending: for a file, nanos from its first
 *        sample; live, engine nanos (cue time plus {@link Calibration#latencyNanos()})
 * @param template the cue waveform at the input's sample rate, or null to estimate it from the
 *        recording (files only)
 * @param templateMs the template length when estimated, in ms (1..1000)
 * @param maxLagMs how far a cue may be from its expected time, in ms (0..50)
 */
public record CueBleed(long[] cueNanos, float[] template, double templateMs, double maxLagMs) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public CueBleed {
        if (cueNanos == null) {
            throw new IllegalArgumentException("cue times must not be null");
        }
        cueNanos = cueNanos.clone();
        for (int i = 1; i < cueNanos.length; i++) {
            if (cueNanos[i] - cueNanos[i - 1] <= 0) {
                throw new IllegalArgumentException("cue times must ascend, cue " + i + " does not");
            }
        }
        template = template == null ? null : template.clone();
        if (!(templateMs >= 1 && templateMs <= 1000)) {
            throw new IllegalArgumentException("templateMs must be between 1 and 1000, was " + templateMs);
        }
        if (!(maxLagMs >= 0 && maxLagMs <= 50)) {
            throw new IllegalArgumentException("maxLagMs must be between 0 and 50, was " + maxLagMs);
        }
    }

    /**
     * Cue times with a known template, +-2 ms alignment search.
     *
     * @param cueNanos cue start times at the input
     * @param template the cue waveform at the input's rate
     * @return the value
     */
    public static CueBleed of(long[] cueNanos, float[] template) {
        return new CueBleed(cueNanos, template, template == null ? 80 : Math.max(1, template.length / 48.0), 2);
    }

    /**
     * Cue times; the template (80 ms) is estimated from the recording, +-2 ms alignment search.
     *
     * @param cueNanos cue start times at the input
     * @return the value
     */
    public static CueBleed estimated(long[] cueNanos) {
        return new CueBleed(cueNanos, null, 80, 2);
    }

    /**
     * The cue array (a copy).
     *
     * @return nanos
     */
    @Override
    public long[] cueNanos() {
        return cueNanos.clone();
    }

    /**
     * The template (a copy), or null.
     *
     * @return samples or null
     */
    @Override
    public float[] template() {
        return template == null ? null : template.clone();
    }
}
