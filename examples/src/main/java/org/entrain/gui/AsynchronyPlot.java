package org.entrain.gui;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XChartPanel;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The live plot of asynchronies, one point per matched tap (XChart), with the beat at zero.
 * Only the event dispatch thread may call its methods.
 */
final class AsynchronyPlot {

    /** Points kept on the plot: the last 240 taps (a few minutes of gait). */
    static final int WINDOW = 240;

    private final XYChart chart;
    private final XChartPanel<XYChart> panel;
    private final List<Double> taps = new ArrayList<>();
    private final List<Double> async = new ArrayList<>();
    private int count;

    AsynchronyPlot() {
        chart = new XYChartBuilder().width(640).height(300).title("Timing of each tap")
                .xAxisTitle("tap").yAxisTitle("ms (below 0: ahead of the beat)").build();
        Styler st = chart.getStyler();
        st.setLegendVisible(false);
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setChartTitleFont(Theme.font(1.0f, true));
        chart.getStyler().setAxisTitleFont(Theme.font(0.8f, false));
        chart.getStyler().setAxisTickLabelsFont(Theme.font(0.8f, false));
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setXAxisDecimalPattern("0");
        XYSeries zero = chart.addSeries("beat", new double[] {0, 1}, new double[] {0, 0});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(Color.GRAY);
        XYSeries s = chart.addSeries("asynchrony", new double[] {0}, new double[] {0});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(0x1565C0));
        s.setEnabled(false);
        panel = new XChartPanel<>(chart);
        panel.setFocusable(false);
        panel.getAccessibleContext().setAccessibleName("asynchrony plot");
        applyColours();
    }

    /** @return the Swing panel */
    XChartPanel<XYChart> panel() {
        return panel;
    }

    /** Follows the light or dark theme. */
    void applyColours() {
        boolean dark = Theme.dark();
        Color bg = dark ? new Color(0x2B2D30) : Color.WHITE;
        Color fg = Theme.text();
        chart.getStyler().setChartBackgroundColor(bg);
        chart.getStyler().setPlotBackgroundColor(bg);
        chart.getStyler().setChartFontColor(fg);
        chart.getStyler().setAxisTickLabelsColor(fg);
        chart.getStyler().setPlotBorderColor(dark ? new Color(0x6B6F75) : Color.DARK_GRAY);
        chart.getStyler().setPlotGridLinesColor(dark ? new Color(0x3C3F41) : new Color(0xE0E0E0));
        chart.getSeries("asynchrony").setMarkerColor(Theme.beat());
        panel.repaint();
    }

    /**
     * Adds one tap's asynchrony.
     *
     * @param asynchronyMs tap minus cue, ms
     */
    void add(double asynchronyMs) {
        count++;
        taps.add((double) count);
        async.add(asynchronyMs);
        if (taps.size() > WINDOW) {
            taps.remove(0);
            async.remove(0);
        }
        XYSeries s = chart.getSeries("asynchrony");
        s.setEnabled(true);
        chart.updateXYSeries("asynchrony", taps, async, null);
        chart.updateXYSeries("beat", new double[] {taps.get(0), Math.max(taps.get(0) + 1, count)}, new double[] {0, 0}, null);
        panel.repaint();
    }

    /** Empties the plot for a new session. */
    void clear() {
        count = 0;
        taps.clear();
        async.clear();
        chart.updateXYSeries("asynchrony", new double[] {0}, new double[] {0}, null);
        chart.getSeries("asynchrony").setEnabled(false);
        chart.updateXYSeries("beat", new double[] {0, 1}, new double[] {0, 0}, null);
        panel.repaint();
    }

    /** @return taps plotted since the last clear */
    int count() {
        return count;
    }

}
