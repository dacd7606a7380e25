package org.entrain.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.entrain.analysis.AnalysisResult;
import org.entrain.analysis.CueRow;
import org.entrain.analysis.SegmentSummary;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the report plots as PNG bytes. Stateless and thread safe (headless AWT). */
public final class Plots {

    private static final int W = 800;
    private static final int H = 400;

    private Plots() {
    }

    /** A chart as PNG bytes (XChart 4 deprecates its byte and stream encoders; the image is not). */
    private static byte[] png(org.knowm.xchart.internal.chartpart.IChart chart) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", bytes);
        return bytes.toByteArray();
    }

    /**
     * Asynchrony of each matched tap against its cue time.
     *
     * @param r the analysis
     * @return PNG bytes
     * @throws IOException if encoding fails
     */
    public static byte[] asynchrony(AnalysisResult r) throws IOException {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (CueRow row : r.rows()) {
            if (row.matched()) {
                x.add(row.cueTimeSeconds());
                y.add(row.asynchronyMs());
            }
        }
        if (x.isEmpty()) {
            return message("Asynchrony: no matched taps");
        }
        XYChart c = new XYChartBuilder().width(W).height(H).title("Asynchrony (tap minus cue)")
                .xAxisTitle("time (s)").yAxisTitle("asynchrony (ms); below 0 = ahead of the beat").build();
        c.getStyler().setLegendVisible(false);
        XYSeries s = c.addSeries("asynchrony", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        XYSeries zero = c.addSeries("beat", List.of(x.get(0), x.get(x.size() - 1)), List.of(0.0, 0.0));
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(Color.GRAY);
        return png(c);
    }

    /**
     * Inter-tap interval against the cue interval over time.
     *
     * @param r the analysis
     * @return PNG bytes
     * @throws IOException if encoding fails
     */
    public static byte[] itiVersusIoi(AnalysisResult r) throws IOException {
        List<Double> x = new ArrayList<>();
        List<Double> iti = new ArrayList<>();
        List<Double> ioi = new ArrayList<>();
        List<CueRow> rows = r.rows();
        for (int k = 0; k + 1 < rows.size(); k++) {
            CueRow a = rows.get(k);
            CueRow b = rows.get(k + 1);
            if (a.matched() && b.matched()) {
                x.add(b.cueTimeSeconds());
                iti.add((b.tapTimeSeconds() - a.tapTimeSeconds()) * 1000);
                ioi.add((b.cueTimeSeconds() - a.cueTimeSeconds()) * 1000);
            }
        }
        if (x.isEmpty()) {
            return message("Intervals: no consecutive matched taps");
        }
        XYChart c = new XYChartBuilder().width(W).height(H).title("Tap interval against cue interval")
                .xAxisTitle("time (s)").yAxisTitle("interval (ms)").build();
        XYSeries cue = c.addSeries("cue interval (IOI)", x, ioi);
        cue.setMarker(SeriesMarkers.NONE);
        XYSeries tap = c.addSeries("tap interval (ITI)", x, iti);
        tap.setMarker(SeriesMarkers.NONE);
        return png(c);
    }

    /**
     * Mean asynchrony and its SD per segment.
     *
     * @param r the analysis
     * @return PNG bytes
     * @throws IOException if encoding fails
     */
    public static byte[] segments(AnalysisResult r) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> sd = new ArrayList<>();
        for (SegmentSummary s : r.segments()) {
            if (s.summary().nMatched() > 0) {
                names.add(s.segment().label());
                mean.add(s.summary().meanAsynchronyMs());
                double v = s.summary().sdAsynchronyMs();
                sd.add(Double.isFinite(v) ? v : 0.0);
            }
        }
        if (names.isEmpty()) {
            return message("Segments: no matched taps");
        }
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Per segment")
                .xAxisTitle("segment").yAxisTitle("ms").build();
        c.addSeries("mean asynchrony", names, mean);
        c.addSeries("SD of asynchrony", names, sd);
        return png(c);
    }

    /**
     * A circular histogram (rose) of the phases, 0 deg = on the beat at the top, clockwise = late,
     * with the mean vector (its length is R).
     *
     * @param r the analysis
     * @return PNG bytes
     * @throws IOException if encoding fails
     */
    public static byte[] phases(AnalysisResult r) throws IOException {
        int bins = 36;
        int[] count = new int[bins];
        int n = 0;
        double sumS = 0;
        double sumC = 0;
        for (CueRow row : r.rows()) {
            if (row.matched()) {
                double deg = Math.toDegrees(row.phaseRad());
                double norm = ((deg % 360) + 360) % 360;
                count[(int) (norm / (360.0 / bins)) % bins]++;
                sumS += Math.sin(row.phaseRad());
                sumC += Math.cos(row.phaseRad());
                n++;
            }
        }
        if (n == 0) {
            return message("Phases: no matched taps");
        }
        int size = 500;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            double cx = size / 2.0;
            double cy = size / 2.0 + 10;
            double radius = 200;
            int max = 1;
            for (int b : count) {
                max = Math.max(max, b);
            }
            g.setColor(new Color(220, 220, 220));
            for (int ring = 1; ring <= 4; ring++) {
                double rr = radius * ring / 4;
                g.draw(new java.awt.geom.Ellipse2D.Double(cx - rr, cy - rr, 2 * rr, 2 * rr));
            }
            g.setColor(new Color(70, 130, 180));
            for (int b = 0; b < bins; b++) {
                if (count[b] == 0) {
                    continue;
                }
                double rr = radius * Math.sqrt((double) count[b] / max);
                // compass angles: 0 at the top, clockwise; Arc2D: 0 at 3 o'clock, counter-clockwise
                double startCompass = b * 360.0 / bins;
                double arcStart = 90 - startCompass - 360.0 / bins;
                g.fill(new Arc2D.Double(cx - rr, cy - rr, 2 * rr, 2 * rr, arcStart, 360.0 / bins, Arc2D.PIE));
            }
            double rLen = Math.hypot(sumS, sumC) / n;
            double dir = Math.atan2(sumS, sumC);
            g.setColor(new Color(200, 40, 40));
            g.setStroke(new BasicStroke(3f));
            g.draw(new Line2D.Double(cx, cy, cx + radius * rLen * Math.sin(dir), cy - radius * rLen * Math.cos(dir)));
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString("on the beat (0\u00b0)", (float) cx - 45, (float) (cy - radius - 8));
            g.drawString("late \u2192", (float) (cx + radius - 40), (float) cy - 6);
            g.drawString("\u2190 early", (float) (cx - radius), (float) cy - 6);
            g.drawString("\u00b1180\u00b0", (float) cx - 20, (float) (cy + radius + 18));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(String.format(java.util.Locale.ROOT, "Phases of %d taps; red arrow: mean, length R = %.2f", n, rLen),
                    20, 22);
        } finally {
            g.dispose();
        }
        return png(img);
    }

    /**
     * A small image with a message, used when a plot has no data.
     *
     * @param text the message
     * @return PNG bytes
     * @throws IOException if encoding fails
     */
    static byte[] message(String text) throws IOException {
        BufferedImage img = new BufferedImage(W, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, 80);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            g.drawString(text, 20, 45);
        } finally {
            g.dispose();
        }
        return png(img);
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
