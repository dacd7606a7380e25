package org.entrain.audio;

import java.util.ArrayList;
import java.util.List;
import org.entrain.onset.Onset;

/**
 * What detection with cue cancellation found in a recording. Immutable.
 *
 * @param onsets every onset in time order, times in ns from the recording's first sample; those flagged
 *        {@link Onset#CUE_RESIDUE} are not taps
 * @param cueOnsetNanos where each cue of the schedule sounds in the recording, ns from its first sample: its onset
 *        as found in the recording (the fitted alignment plus the reference's own onset, by the detector's
 *        definition) when {@link #cuesHeard()}, else the schedule placed by the offset given
 * @param scheduleNanos each cue's time in the schedule, ns (the cue CSV's {@code time_s})
 * @param cuesHeard whether the cues were found in the recording (speakers); false with headphones
 * @param latencyNanos where the cues' time 0 lies in the recording, ns
 * @param driftPpm the recording clock against the schedule, ppm
 * @param cuesAligned cues on the fitted alignment line
 * @param depthDb the cancellation depth on the count-in, dB (NaN when the cues were not heard)
 * @param cueOnlyDepthDb the depth on every cue with no tap near it (150 ms before to 200 ms after), dB (NaN if none)
 * @param warning one line for the user when the cue is not being removed well enough, or null
 */
public record DetectionReport(List<Onset> onsets, long[] cueOnsetNanos, long[] scheduleNanos, boolean cuesHeard, double latencyNanos,
                              double driftPpm, int cuesAligned, double depthDb, double cueOnlyDepthDb,
                              String warning) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a list is missing
     */
    public DetectionReport {
        if (onsets == null || cueOnsetNanos == null || scheduleNanos == null || cueOnsetNanos.length != scheduleNanos.length) {
            throw new IllegalArgumentException("onsets, cue onsets and schedule must be given, one cue onset per cue");
        }
        onsets = List.copyOf(onsets);
        cueOnsetNanos = cueOnsetNanos.clone();
        scheduleNanos = scheduleNanos.clone();
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
     * Puts a recording time on the schedule's time line through the nearest cue: {@code
     * schedule[k] + (t - cueOnset[k]) / (1 + drift)}. A tap's schedule time minus its cue's
     * schedule time is then its asynchrony against the cue as heard in the same recording: the
     * output latency cancels (the cues are the markers).
     *
     * @param recordingNanos ns from the recording's first sample
     * @return ns on the schedule's time line
     */
    public long toScheduleNanos(long recordingNanos) {
        if (cueOnsetNanos.length == 0) {
            return recordingNanos;
        }
        int i = java.util.Arrays.binarySearch(cueOnsetNanos, recordingNanos);
        int k = i >= 0 ? i : -i - 1;
        if (k == cueOnsetNanos.length || (k > 0 && recordingNanos - cueOnsetNanos[k - 1] < cueOnsetNanos[k] - recordingNanos)) {
            k--;
        }
        return scheduleNanos[k] + Math.round((recordingNanos - cueOnsetNanos[k]) / (1 + driftPpm * 1e-6));
    }

    /**
     * The schedule (a copy).
     *
     * @return ns
     */
    @Override
    public long[] scheduleNanos() {
        return scheduleNanos.clone();
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
