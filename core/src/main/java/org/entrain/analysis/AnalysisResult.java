package org.entrain.analysis;

import java.util.List;

/**
 * Everything {@link TimingAnalyzer#analyze} found. Immutable.
 *
 * @param options the options used
 * @param overall the whole-session statistics
 * @param segments per-segment statistics, in time order
 * @param rows one row per analysed cue with its tap
 * @param extraTapTimesSeconds times of taps with no cue, seconds
 * @param skippedTaps how many first taps were discarded
 * @param tempoTracking ITI against cue IOI over the whole session
 */
public record AnalysisResult(AnalysisOptions options, Summary overall, List<SegmentSummary> segments, List<CueRow> rows,
                             List<Double> extraTapTimesSeconds, int skippedTaps, TempoTracking tempoTracking) {

    /**
     * Validates and copies.
     *
     * @param options see the record
     * @param overall see the record
     * @param segments see the record
     * @param rows see the record
     * @param extraTapTimesSeconds see the record
     * @param skippedTaps see the record
     * @param tempoTracking see the record
     * @throws IllegalArgumentException if a part is null
     */
    public AnalysisResult {
        if (options == null || overall == null || segments == null || rows == null || extraTapTimesSeconds == null
                || tempoTracking == null) {
            throw new IllegalArgumentException("analysis result parts must not be null");
        }
        segments = List.copyOf(segments);
        rows = List.copyOf(rows);
        extraTapTimesSeconds = List.copyOf(extraTapTimesSeconds);
    }

    /**
     * The resultant length R over a moving window of matched cues, as a live display would show
     * it after each cue.
     *
     * @param window matched cues per window, 2 or more
     * @return one value per row (NaN until the first match)
     * @throws IllegalArgumentException if the window is below 2
     */
    public double[] movingResultantLength(int window) {
        MovingWindow w = new MovingWindow(window);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            CueRow r = rows.get(i);
            if (r.matched()) {
                w.add(r.asynchronyMs(), r.ioiSeconds() * 1000);
            }
            out[i] = w.resultantLength();
        }
        return out;
    }
}
