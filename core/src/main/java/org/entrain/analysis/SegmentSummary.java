package org.entrain.analysis;

/**
 * The statistics of one segment. Immutable.
 *
 * @param segment the segment
 * @param summary its statistics
 * @param tempoTracking ITI against cue IOI (meaningful during ramps)
 * @param wingKristofferson Wing-Kristofferson decomposition of its intervals (meaningful when unpaced: no cues)
 */
public record SegmentSummary(Segment segment, Summary summary, TempoTracking tempoTracking,
                             WingKristofferson wingKristofferson) {

    /**
     * Validates.
     *
     * @param segment see the record
     * @param summary see the record
     * @param tempoTracking see the record
     * @param wingKristofferson see the record
     * @throws IllegalArgumentException if a part is null
     */
    public SegmentSummary {
        if (segment == null || summary == null || tempoTracking == null || wingKristofferson == null) {
            throw new IllegalArgumentException("segment summary parts must not be null");
        }
    }
}
