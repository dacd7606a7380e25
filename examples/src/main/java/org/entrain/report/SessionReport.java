package org.entrain.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.entrain.analysis.AnalysisResult;
import org.entrain.analysis.PhaseCorrection;
import org.entrain.analysis.SegmentSummary;
import org.entrain.analysis.Summary;

/**
 * Writes a session report into a directory: {@code asynchrony.png}, {@code iti.png},
 * {@code phases.png}, {@code segments.png} and {@code report.html}, a single self-contained page
 * (the images embedded as base64) to keep with the clinical record. Stateless and thread safe.
 */
public final class SessionReport {

    /** The HTML file name. */
    public static final String HTML = "report.html";

    private SessionReport() {
    }

    /**
     * Writes the report.
     *
     * @param r the analysis
     * @param dir the directory (created if missing)
     * @param title the page title, e.g. the session name
     * @param facts extra facts to list (source files, date, software version), in order
     * @return the HTML file
     * @throws IOException if writing fails
     */
    public static Path write(AnalysisResult r, Path dir, String title, Map<String, String> facts) throws IOException {
        Files.createDirectories(dir);
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put("asynchrony.png", Plots.asynchrony(r));
        images.put("iti.png", Plots.itiVersusIoi(r));
        images.put("phases.png", Plots.phases(r));
        images.put("segments.png", Plots.segments(r));
        for (Map.Entry<String, byte[]> e : images.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        Path html = dir.resolve(HTML);
        Files.writeString(html, html(r, title, facts, images), StandardCharsets.UTF_8);
        return html;
    }

    /**
     * The HTML page.
     *
     * @param r the analysis
     * @param title the title
     * @param facts facts to list
     * @param images PNG images by file name, embedded in order
     * @return the page
     */
    static String html(AnalysisResult r, String title, Map<String, String> facts, Map<String, byte[]> images) {
        Summary s = r.overall();
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
                        + "th{background:#f3f3f3}td.l,th.l{text-align:left}.summary{font-size:1.15em;line-height:1.5}"
                        + "img{max-width:100%;display:block;margin:1em 0}.note{color:#8a5a00}</style></head><body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append("<p>Report made ").append(esc(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)))
                .append(".</p>\n");
        b.append("<h2>In brief</h2>\n<div class=\"summary\">\n");
        for (String line : PlainWords.describe(s, "tap")) {
            b.append("<p>").append(esc(line)).append("</p>\n");
        }
        b.append("</div>\n");
        if (!s.notes().isEmpty()) {
            b.append("<h3>Please note</h3><ul>");
            for (String n : s.notes()) {
                b.append("<li class=\"note\">").append(esc(n)).append("</li>");
            }
            b.append("</ul>\n");
        }
        b.append("<h2>Numbers</h2>\n<table>\n");
        row(b, "cues", String.valueOf(s.nCues()));
        row(b, "taps analysed (first taps skipped: " + r.skippedTaps() + ")", String.valueOf(s.nTaps()));
        row(b, "matched / missed / extra", s.nMatched() + " / " + s.nMissed() + " / " + s.nExtra());
        row(b, "mean asynchrony (ms)", f(s.meanAsynchronyMs(), 1));
        row(b, "SD of asynchrony (ms)", f(s.sdAsynchronyMs(), 1));
        row(b, "mean absolute asynchrony (ms)", f(s.meanAbsAsynchronyMs(), 1));
        row(b, "inter-tap interval mean / SD (ms)", f(s.itiMeanMs(), 1) + " / " + f(s.itiSdMs(), 1));
        row(b, "interval CV", f(s.itiCv(), 3));
        row(b, "cadence (per min)", f(s.cadencePerMin(), 1));
        row(b, "circular mean (deg)", f(s.circular().meanDirectionDeg(), 1));
        row(b, "resultant length R", f(s.circular().resultantLength(), 3));
        row(b, "Rayleigh z / p", f(s.circular().rayleighZ(), 2) + " / " + p(s.circular().rayleighP()));
        PhaseCorrection pc = s.phaseCorrection();
        row(b, "phase correction alpha (bGLS)", f(pc.alpha(), 3));
        row(b, "timekeeper / motor noise SD (ms)", f(pc.sigmaTMs(), 1) + " / " + f(pc.sigmaMMs(), 1));
        b.append("</table>\n");
        b.append("<h2>Per segment</h2>\n<table><tr><th class=\"l\">segment</th><th>cues</th><th>matched</th>"
                + "<th>mean async (ms)</th><th>SD (ms)</th><th>R</th><th>cadence/min</th><th>ITI/IOI slope</th></tr>\n");
        for (SegmentSummary seg : r.segments()) {
            Summary x = seg.summary();
            b.append("<tr><td class=\"l\">").append(esc(seg.segment().label())).append("</td><td>").append(x.nCues())
                    .append("</td><td>").append(x.nMatched()).append("</td><td>").append(f(x.meanAsynchronyMs(), 1))
                    .append("</td><td>").append(f(x.sdAsynchronyMs(), 1)).append("</td><td>")
                    .append(f(x.circular().resultantLength(), 3)).append("</td><td>").append(f(x.cadencePerMin(), 1))
                    .append("</td><td>").append(f(seg.tempoTracking().slope(), 2)).append("</td></tr>\n");
        }
        b.append("</table>\n<p>Empty cells (&ndash;) could not be computed, for example the ITI/IOI slope where the tempo is constant, or everything in a part without taps.</p>\n");
        b.append("<h2>Plots</h2>\n");
        for (Map.Entry<String, byte[]> e : images.entrySet()) {
            b.append("<img alt=\"").append(esc(e.getKey())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(e.getValue())).append("\">\n");
        }
        if (!facts.isEmpty()) {
            b.append("<h2>About this report</h2>\n<table>\n");
            facts.forEach((k, v) -> row(b, k, v));
            b.append("</table>\n");
        }
        b.append("<p>Asynchrony = tap time minus cue time (negative = ahead of the beat). R = resultant length of the "
                + "tap phases (0 no synchrony, 1 perfect). Taps are paired one-to-one with the nearest cue within &plusmn;")
                .append(f(r.options().match().windowIoi(), 2))
                .append(" of the cue interval. Phase correction by bGLS (Jacoby et al. 2015).</p>\n</body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th class=\"l\">").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String f(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "\u2013";
    }

    private static String p(double v) {
        return !Double.isFinite(v) ? "\u2013" : v < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Facts in insertion order, for {@link #write}.
     *
     * @param keyValues alternating keys and values
     * @return the map
     * @throws IllegalArgumentException if the count is odd
     */
    public static Map<String, String> facts(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("facts need key/value pairs, got " + keyValues.length + " strings");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
