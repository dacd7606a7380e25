package org.entrain.analysis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes an {@link AnalysisResult} as the JSON summary of the contract (NaN as {@code null}) and
 * as the tidy CSV (one row per cue; missing values as {@code NA}, which R and pandas read as
 * missing). Stateless and thread safe.
 */
public final class AnalysisExport {

    /** The tidy CSV header. */
    public static final String CSV_HEADER = "cue_index,cue_time_s,ioi_s,bpm,voice,segment,matched,tap_index,tap_time_s,"
            + "asynchrony_ms,phase_deg";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private AnalysisExport() {
    }

    /**
     * The JSON summary as a tree: the contract keys of the whole session at the top level, then
     * {@code skipped_taps}, {@code step_time_cv_percent}, {@code notes}, {@code options},
     * {@code tempo_tracking}, {@code segments}, {@code missed_cue_indices} and {@code extra_tap_times_s}.
     *
     * @param r the result
     * @return the JSON object
     */
    public static ObjectNode json(AnalysisResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        summary(root, r.overall());
        root.put("skipped_taps", r.skippedTaps());
        ObjectNode opt = root.putObject("options");
        opt.put("window_ioi", r.options().match().windowIoi());
        opt.put("skip_taps", r.options().match().skipTaps());
        opt.put("beats_only", r.options().beatsOnly());
        tracking(root.putObject("tempo_tracking"), r.tempoTracking());
        ArrayNode segs = root.putArray("segments");
        for (SegmentSummary s : r.segments()) {
            ObjectNode o = segs.addObject();
            o.put("label", s.segment().label());
            o.put("kind", s.segment().kind());
            num(o, "start_s", s.segment().startSeconds());
            num(o, "end_s", s.segment().endSeconds());
            summary(o, s.summary());
            tracking(o.putObject("tempo_tracking"), s.tempoTracking());
            WingKristofferson wk = s.wingKristofferson();
            ObjectNode w = o.putObject("wing_kristofferson");
            w.put("n", wk.n());
            num(w, "sigma_c_ms", wk.sigmaCMs());
            num(w, "sigma_m_ms", wk.sigmaMMs());
            num(w, "lag1_autocovariance_ms2", wk.lag1AutocovarianceMs2());
            w.put("note", wk.note());
        }
        ArrayNode missed = root.putArray("missed_cue_indices");
        for (CueRow row : r.rows()) {
            if (!row.matched()) {
                missed.add(row.cueIndex());
            }
        }
        ArrayNode extra = root.putArray("extra_tap_times_s");
        for (double t : r.extraTapTimesSeconds()) {
            extra.add(t);
        }
        return root;
    }

    /**
     * Writes the JSON summary.
     *
     * @param r the result
     * @param out where to write (flushed, not closed)
     * @throws IOException if writing fails
     */
    public static void writeJson(AnalysisResult r, Writer out) throws IOException {
        MAPPER.writeValue(out, json(r));
        out.write('\n');
        out.flush();
    }

    /**
     * Writes the tidy CSV.
     *
     * @param r the result
     * @param out where to write (flushed, not closed)
     * @throws IOException if writing fails
     */
    public static void writeCsv(AnalysisResult r, Writer out) throws IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        StringBuilder b = new StringBuilder(128);
        for (CueRow row : r.rows()) {
            b.setLength(0);
            b.append(row.cueIndex()).append(',')
                    .append(fmt("%.9f", row.cueTimeSeconds())).append(',')
                    .append(fmt("%.9f", row.ioiSeconds())).append(',')
                    .append(fmt("%.6f", row.bpm())).append(',')
                    .append(row.voice()).append(',')
                    .append(row.segment() < 0 ? "NA" : String.valueOf(row.segment())).append(',')
                    .append(row.matched() ? "TRUE" : "FALSE").append(',')
                    .append(row.matched() ? String.valueOf(row.tapIndex()) : "NA").append(',')
                    .append(fmt("%.9f", row.tapTimeSeconds())).append(',')
                    .append(fmt("%.3f", row.asynchronyMs())).append(',')
                    .append(fmt("%.3f", Math.toDegrees(row.phaseRad()))).append('\n');
            out.write(b.toString());
        }
        out.flush();
    }

    private static String fmt(String f, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, f, v) : "NA";
    }

    private static void summary(ObjectNode o, Summary s) {
        o.put("n_cues", s.nCues());
        o.put("n_taps", s.nTaps());
        o.put("n_matched", s.nMatched());
        o.put("n_missed", s.nMissed());
        o.put("n_extra", s.nExtra());
        num(o, "mean_asynchrony_ms", s.meanAsynchronyMs());
        num(o, "sd_asynchrony_ms", s.sdAsynchronyMs());
        num(o, "mean_abs_asynchrony_ms", s.meanAbsAsynchronyMs());
        num(o, "iti_mean_ms", s.itiMeanMs());
        num(o, "iti_sd_ms", s.itiSdMs());
        num(o, "iti_cv", s.itiCv());
        num(o, "cadence_per_min", s.cadencePerMin());
        num(o, "step_time_cv_percent", s.stepTimeCvPercent());
        num(o, "circular_mean_deg", s.circular().meanDirectionDeg());
        num(o, "resultant_length", s.circular().resultantLength());
        num(o, "rayleigh_z", s.circular().rayleighZ());
        num(o, "rayleigh_p", s.circular().rayleighP());
        PhaseCorrection pc = s.phaseCorrection();
        ObjectNode p = o.putObject("phase_correction");
        num(p, "alpha", pc.alpha());
        num(p, "sigma_t_ms", pc.sigmaTMs());
        num(p, "sigma_m_ms", pc.sigmaMMs());
        p.put("n", pc.n());
        p.put("iterations", pc.iterations());
        p.put("converged", pc.converged());
        ArrayNode notes = o.putArray("notes");
        s.notes().forEach(notes::add);
    }

    private static void tracking(ObjectNode o, TempoTracking t) {
        o.put("n", t.n());
        num(o, "slope", t.slope());
        num(o, "intercept_ms", t.interceptMs());
        num(o, "lag0_correlation", t.lag0Correlation());
        num(o, "lag1_correlation", t.lag1Correlation());
        num(o, "prediction_tracking_ratio", t.predictionTrackingRatio());
        num(o, "mean_lag_beats", t.meanLagBeats());
    }

    private static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
