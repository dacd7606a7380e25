package org.entrain.gui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingConstants;
import org.entrain.report.PlainWords;

/**
 * The running view: the big Start/Stop, the tempo, the current beat, phase and elapsed time with
 * a progress bar, the running summary in plain words and the live asynchrony plot. Only the event
 * dispatch thread may call its methods.
 */
final class RunPanel {

    final JButton startStop = new JButton("Start  (space)");
    final JButton pause = new JButton("Pause (P)");
    final JButton nextPhase = new JButton("Next phase (N)");
    final JButton openReport = new JButton("Open report (Ctrl+R)");
    final JLabel bpm = new JLabel("90", SwingConstants.RIGHT);
    final JLabel bpmUnit = new JLabel(" bpm");
    final JLabel barBeat = new JLabel(" ");
    final JLabel phase = new JLabel("Ready");
    final JLabel elapsed = new JLabel("0:00", SwingConstants.RIGHT);
    final JProgressBar progress = new JProgressBar(0, 1000);
    final BeatView beat = new BeatView();
    final JLabel summary = new JLabel(" ");
    final JLabel folder = new JLabel(" ");
    final AsynchronyPlot plot = new AsynchronyPlot();
    private final JPanel panel = new JPanel(new BorderLayout(0, 10));

    RunPanel() {
        startStop.setName("startStop");
        pause.setName("pause");
        nextPhase.setName("nextPhase");
        openReport.setName("openReport");
        bpm.setName("bpmDisplay");
        barBeat.setName("barBeat");
        phase.setName("phase");
        elapsed.setName("elapsed");
        progress.setName("progress");
        beat.setName("beat");
        summary.setName("summary");
        folder.setName("folder");
        startStop.setFont(Theme.font(2.0f, true));
        startStop.setPreferredSize(new Dimension(360, 96));
        startStop.putClientProperty("JButton.buttonType", "roundRect");
        bpm.setFont(Theme.font(5.0f, true));
        bpmUnit.setFont(Theme.font(1.6f, false));
        barBeat.setFont(Theme.font(1.3f, false));
        phase.setFont(Theme.font(1.5f, true));
        elapsed.setFont(Theme.font(1.5f, true));
        summary.setFont(Theme.font(1.15f, false));
        progress.setPreferredSize(new Dimension(100, 22));
        pause.setEnabled(false);
        nextPhase.setEnabled(false);
        openReport.setEnabled(false);

        JPanel tempo = new JPanel();
        tempo.setLayout(new BoxLayout(tempo, BoxLayout.LINE_AXIS));
        tempo.add(bpm);
        tempo.add(bpmUnit);
        tempo.add(Box.createHorizontalStrut(24));
        tempo.add(beat);
        JPanel where = new JPanel(new BorderLayout(12, 4));
        where.add(phase, BorderLayout.CENTER);
        where.add(elapsed, BorderLayout.LINE_END);
        where.add(progress, BorderLayout.PAGE_END);
        JPanel top = new JPanel(new BorderLayout(0, 6));
        top.add(tempo, BorderLayout.CENTER);
        top.add(barBeat, BorderLayout.PAGE_START);
        top.add(where, BorderLayout.PAGE_END);

        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEADING, 10, 0));
        buttons.add(startStop);
        JPanel small = new JPanel(new GridLayout(3, 1, 0, 6));
        small.add(pause);
        small.add(nextPhase);
        small.add(openReport);
        buttons.add(small);

        JPanel words = new JPanel(new BorderLayout(0, 4));
        words.add(summary, BorderLayout.CENTER);
        words.add(folder, BorderLayout.PAGE_END);

        JPanel upper = new JPanel(new BorderLayout(0, 12));
        upper.add(top, BorderLayout.PAGE_START);
        upper.add(buttons, BorderLayout.CENTER);
        upper.add(words, BorderLayout.PAGE_END);
        panel.add(upper, BorderLayout.PAGE_START);
        plot.panel().setPreferredSize(new Dimension(640, 300));
        panel.add(plot.panel(), BorderLayout.CENTER);
        panel.setBorder(BorderFactory.createEmptyBorder(14, 18, 14, 18));
    }

    /** @return the panel */
    JPanel panel() {
        return panel;
    }

    /**
     * Shows the tempo.
     *
     * @param value bpm
     */
    void tempo(double value) {
        bpm.setText(value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value));
    }

    /**
     * Shows where the session is.
     *
     * @param phaseName the phase
     * @param index the phase, from 0
     * @param count phases in all
     * @param seconds elapsed
     * @param fraction 0..1 done, NaN when open-ended
     */
    void progress(String phaseName, int index, int count, double seconds, double fraction) {
        phase.setText(count > 1 ? String.format(Locale.ROOT, "%s  (phase %d of %d)", phaseName, index + 1, count) : phaseName);
        elapsed.setText(clock(seconds));
        progress.setValue(Double.isNaN(fraction) ? 0 : (int) Math.round(1000 * Math.max(0, Math.min(1, fraction))));
        progress.setStringPainted(Double.isNaN(fraction));
        progress.setString(Double.isNaN(fraction) ? "open length: until stopped" : null);
    }

    /**
     * Shows the running summary in plain words.
     *
     * @param s the statistics so far
     */
    void stats(LiveListener.LiveStats s) {
        summary.setText(words(s));
    }

    /**
     * The running summary as a therapist reads it.
     *
     * @param s the statistics so far
     * @return the text (HTML for wrapping)
     */
    static String words(LiveListener.LiveStats s) {
        if (s.taps() == 0) {
            return "No taps matched to the beat yet.";
        }
        StringBuilder sb = new StringBuilder("<html>");
        double m = s.meanAsynchronyMs();
        sb.append(s.taps()).append(s.taps() == 1 ? " tap" : " taps").append(" with the beat. ");
        if (Double.isFinite(m)) {
            sb.append(Math.abs(m) < 5 ? "On the beat on average" : String.format(Locale.ROOT, "<b>%d ms %s</b> the beat on average",
                    Math.round(Math.abs(m)), m < 0 ? "ahead of" : "behind"));
            if (Double.isFinite(s.sdAsynchronyMs())) {
                sb.append(String.format(Locale.ROOT, " (spread SD %.0f ms)", s.sdAsynchronyMs()));
            }
            sb.append(". ");
        }
        if (Double.isFinite(s.resultantLength())) {
            sb.append(String.format(Locale.ROOT, "Synchrony <b>%s</b> (R = %.2f). ", PlainWords.synchrony(s.resultantLength()),
                    s.resultantLength()));
        }
        if (Double.isFinite(s.cadencePerMin())) {
            sb.append(String.format(Locale.ROOT, "Pace %.0f per minute.", s.cadencePerMin()));
        }
        return sb.append("</html>").toString();
    }

    /**
     * Minutes and seconds.
     *
     * @param seconds time
     * @return e.g. {@code 3:07}
     */
    static String clock(double seconds) {
        long s = (long) Math.floor(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
