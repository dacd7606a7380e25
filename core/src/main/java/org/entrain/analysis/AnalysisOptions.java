package org.entrain.analysis;

import java.util.List;

/**
 * What {@link TimingAnalyzer#analyze} does. Immutable.
 *
 * @param match the matching window and the taps to skip
 * @param segments the segments to summarise (tempo segments or protocol phases); empty: found from the cue tempo column
 * @param beatsOnly match taps to beat-level cues only (voices {@code accent} and {@code beat}, sub 0), not to subdivisions or layers
 */
public record AnalysisOptions(MatchOptions match, List<Segment> segments, boolean beatsOnly) {

    /** The defaults: +-0.4 IOI, no skip, segments from the cue tempo, beats only. */
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(MatchOptions.DEFAULT, List.of(), true);

    /**
     * Validates and copies.
     *
     * @param match see the record
     * @param segments see the record
     * @param beatsOnly see the record
     * @throws IllegalArgumentException if a part is null
     */
    public AnalysisOptions {
        if (match == null || segments == null) {
            throw new IllegalArgumentException("analysis options parts must not be null");
        }
        segments = List.copyOf(segments);
    }

    /**
     * The defaults with other matching options.
     *
     * @param match the matching options
     * @return the options
     */
    public static AnalysisOptions of(MatchOptions match) {
        return new AnalysisOptions(match, List.of(), true);
    }

    /**
     * A copy with explicit segments.
     *
     * @param segments the segments
     * @return the options
     */
    public AnalysisOptions withSegments(List<Segment> segments) {
        return new AnalysisOptions(match, segments, beatsOnly);
    }
}
