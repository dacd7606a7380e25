package org.entrain.analysis;

import java.util.List;

/**
 * Timing statistics of a session or a segment (definitions in {@code docs/domain.md}). A value
 * that cannot be computed is NaN and {@link #notes()} says why. Immutable.
 *
 * @param nCues cues analysed
 * @param nTaps taps analysed (after the skipped ones)
 * @param nMatched cues paired with a tap
 * @param nMissed cues without a tap
 * @param nExtra taps without a cue
 * @param meanAsynchronyMs mean of tap minus cue, ms (negative: ahead of the beat)
 * @param sdAsynchronyMs sample SD of the asynchronies, ms
 * @param meanAbsAsynchronyMs mean absolute asynchrony, ms
 * @param itiMeanMs mean interval between consecutive analysed taps, ms (intervals spanning a missed cue, that is two beats, are left out)
 * @param itiSdMs sample SD of those intervals, ms
 * @param itiCv SD / mean of the intervals
 * @param cadencePerMin 60 000 / mean interval: taps or steps per minute
 * @param stepTimeCvPercent 100 x the interval CV, percent (the gait literature's step-time CV)
 * @param circular circular statistics of the phases 2 pi a / IOI
 * @param phaseCorrection bGLS phase-correction estimates
 * @param notes why a value is NaN or should be read with care; empty when all is well
 */
public record Summary(int nCues, int nTaps, int nMatched, int nMissed, int nExtra, double meanAsynchronyMs,
                      double sdAsynchronyMs, double meanAbsAsynchronyMs, double itiMeanMs, double itiSdMs, double itiCv,
                      double cadencePerMin, double stepTimeCvPercent, CircularStats circular,
                      PhaseCorrection phaseCorrection, List<String> notes) {

    /**
     * Validates and copies the notes.
     *
     * @param nCues see the record
     * @param nTaps see the record
     * @param nMatched see the record
     * @param nMissed see the record
     * @param nExtra see the record
     * @param meanAsynchronyMs see the record
     * @param sdAsynchronyMs see the record
     * @param meanAbsAsynchronyMs see the record
     * @param itiMeanMs see the record
     * @param itiSdMs see the record
     * @param itiCv see the record
     * @param cadencePerMin see the record
     * @param stepTimeCvPercent see the record
     * @param circular see the record
     * @param phaseCorrection see the record
     * @param notes see the record
     * @throws IllegalArgumentException if a count is negative or a part null
     */
    public Summary {
        if (nCues < 0 || nTaps < 0 || nMatched < 0 || nMissed < 0 || nExtra < 0) {
            throw new IllegalArgumentException("summary counts must be >= 0");
        }
        if (circular == null || phaseCorrection == null || notes == null) {
            throw new IllegalArgumentException("summary parts must not be null");
        }
        notes = List.copyOf(notes);
    }
}
