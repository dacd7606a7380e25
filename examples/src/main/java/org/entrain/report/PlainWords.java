package org.entrain.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.entrain.analysis.PhaseCorrection;
import org.entrain.analysis.Summary;

/** Plain-language sentences about a summary, for therapists. Stateless and thread safe. */
public final class PlainWords {

    private PlainWords() {
    }

    /**
     * How strong synchrony is, in words, from the resultant length R.
     *
     * @param r the resultant length 0..1 (NaN: unknown)
     * @return e.g. {@code "strong"}
     */
    public static String synchrony(double r) {
        if (Double.isNaN(r)) {
            return "unknown";
        }
        if (r >= 0.9) {
            return "very strong";
        }
        if (r >= 0.8) {
            return "strong";
        }
        if (r >= 0.6) {
            return "moderate";
        }
        if (r >= 0.4) {
            return "weak";
        }
        return "little or none";
    }

    /**
     * Sentences describing a summary: timing relative to the beat, synchrony, misses, tempo,
     * phase correction.
     *
     * @param s the summary
     * @param unit what was counted, e.g. {@code "tap"} or {@code "step"}
     * @return the sentences
     */
    public static List<String> describe(Summary s, String unit) {
        List<String> out = new ArrayList<>();
        if (s.nMatched() == 0) {
            out.add(s.nCues() == 0 ? "There were no cues in this part, so timing against the beat was not measured."
                    : "No " + unit + " fell close enough to a cue to be paired with it, so timing against the beat could not be measured.");
        } else {
            double m = s.meanAsynchronyMs();
            String where = Math.abs(m) < 5 ? "on the beat (within 5 ms on average)"
                    : Math.abs(Math.round(m)) + " ms " + (m < 0 ? "ahead of" : "behind") + " the beat";
            double r = s.circular().resultantLength();
            out.add(String.format(Locale.ROOT, "On average the client was %s; synchrony %s (R = %.2f).", where,
                    synchrony(r), r));
            if (s.circular().rayleighP() < 0.05) {
                out.add(String.format(Locale.ROOT, "The %ss were clearly locked to the beat (Rayleigh test p %s).", unit,
                        p(s.circular().rayleighP())));
            } else if (s.nMatched() >= 2) {
                out.add(String.format(Locale.ROOT, "The %ss were not reliably locked to the beat (Rayleigh test p = %.2f).",
                        unit, s.circular().rayleighP()));
            }
        }
        if (s.nCues() > 0) {
            out.add(String.format(Locale.ROOT, "Of %d cues, %d had a %s and %d were missed; %d extra %s%s had no cue.",
                    s.nCues(), s.nMatched(), unit, s.nMissed(), s.nExtra(), unit, s.nExtra() == 1 ? "" : "s"));
        }
        if (Double.isFinite(s.cadencePerMin())) {
            out.add(String.format(Locale.ROOT, "Pace: %.0f %ss per minute, with a variability (CV) of %.1f %%.",
                    s.cadencePerMin(), unit, s.stepTimeCvPercent()));
        }
        PhaseCorrection pc = s.phaseCorrection();
        if (Double.isFinite(pc.alpha())) {
            out.add(String.format(Locale.ROOT, "After each timing error the client corrected about %.0f %% of it on the next %s"
                    + " (phase correction alpha = %.2f).", 100 * Math.max(0, pc.alpha()), unit, pc.alpha()));
        }
        return out;
    }

    private static String p(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
    }
}
