package org.entrain.onset;

import java.util.ArrayList;
import java.util.List;

/**
 * What detection with cue cancellation found in a recording. Immutable.
 *
 * @param onsets every onset in time order, times in ns from the recording's first sample; those flagged
 *        {@link Onset#CUE_RESIDUE} are not taps
 * @param cueOnsetNanos where each cue of the schedule sounds in the recording, ns from its first sample: found in the
 *        recording when {@link #cuesHeard()}, else the schedule placed by the offset and calibration given
 * @param cuesHeard whether the cues were found in the recording (speakers); false with headphones
 * @param latencyNanos where the cues' time 0 lies in the recording, ns
 * @param driftPpm the recording clock against the schedule, ppm
 * @param cuesAligned cues on the fitted alignment line
 * @param depthDb the cancellation depth on the count-in, dB (NaN when the cues were not heard)
 * @param cueOnlyDepthDb the depth on every cue with no tap near it (150 ms before to 200 ms after), dB (NaN if none)
 * @param warning one line for the user when the cue is not being removed well enough, or null
 */
public record DetectionReport(List<Onset> onsets, long[] cueOnsetNanos, boolean cuesHeard, double latencyNanos,
                              double driftPpm, int cuesAligned, double depthDb, double cueOnlyDepthDb,
                              String warning) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a list is missing
     */
    public DetectionReport {
        if (onsets == null || cueOnsetNanos == null) {
            throw new IllegalArgumentException("onsets and cue onsets must not be null");
        }
        onsets = List.copyOf(onsets);
        cueOnsetNanos = cueOnsetNanos.clone();
    }

    /**
     * The onsets that count as taps (not {@link Onset#CUE_RESIDUE}).
     *
     * @return a new list in time order
     */
    public List<Onset> taps() {
        List<Onset> t = new ArrayList<>();
        for (Onset o : onsets) {
            if (o.isTap()) {
                t.add(o);
            }
        }
        return t;
    }

    /**
     * The cue onsets (a copy).
     *
     * @return ns from the recording's first sample
     */
    @Override
    public long[] cueOnsetNanos() {
        return cueOnsetNanos.clone();
    }
}
