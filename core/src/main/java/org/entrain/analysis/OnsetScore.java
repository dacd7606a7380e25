package org.entrain.analysis;

/**
 * How well detected onsets agree with annotated ones. Immutable.
 *
 * @param nReference annotated onsets
 * @param nEstimated detected onsets
 * @param nMatched pairs in the maximum one-to-one matching
 * @param precision matched / estimated (0 when either list is empty)
 * @param recall matched / reference (0 when either list is empty)
 * @param fMeasure 2 P R / (P + R), 0 when P + R is 0
 */
public record OnsetScore(int nReference, int nEstimated, int nMatched, double precision, double recall, double fMeasure) {

    /**
     * Validates.
     *
     * @param nReference see the record
     * @param nEstimated see the record
     * @param nMatched see the record
     * @param precision see the record
     * @param recall see the record
     * @param fMeasure see the record
     * @throws IllegalArgumentException if a count is negative or the matches exceed either list
     */
    public OnsetScore {
        if (nReference < 0 || nEstimated < 0 || nMatched < 0 || nMatched > Math.min(nReference, nEstimated)) {
            throw new IllegalArgumentException("onset score counts must be >= 0 with matched <= both lists, were "
                    + nReference + ", " + nEstimated + ", " + nMatched);
        }
    }
}
