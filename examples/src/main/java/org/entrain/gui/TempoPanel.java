package org.entrain.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;

/**
 * Tempo and pattern: BPM (with -5/-1/+1/+5 and tap tempo), meter, accents, subdivision, ramp,
 * step-up, fading, gap bars, length and count-in; or a protocol file with its phases listed; and
 * the built-in presets. Only the event dispatch thread may call its methods.
 */
final class TempoPanel {

    /** Tap-tempo taps further apart than this start a new count: 2 s (30 bpm). */
    static final long TAP_RESET_NANOS = 2_000_000_000L;

    final JComboBox<Preset> preset = new JComboBox<>(Preset.values());
    final JSpinner bpm = new JSpinner(new SpinnerNumberModel(90.0, 1.0, 1000.0, 1.0));
    final JButton minus5 = new JButton("\u22125");
    final JButton minus1 = new JButton("\u22121");
    final JButton plus1 = new JButton("+1");
    final JButton plus5 = new JButton("+5");
    final JButton tap = new JButton("Tap");
    final JComboBox<String> meter = new JComboBox<>(new String[] {"2/4", "3/4", "4/4", "5/4", "6/8", "7/8"});
    final JTextField accents = new JTextField("1", 8);
    final JSpinner subdivide = new JSpinner(new SpinnerNumberModel(1, 1, 8, 1));
    final JSpinner bars = new JSpinner(new SpinnerNumberModel(0, 0, 100_000, 1));
    final JSpinner countIn = new JSpinner(new SpinnerNumberModel(1, 0, 16, 1));
    final JCheckBox ramp = new JCheckBox("Ramp");
    final JSpinner rampTo = new JSpinner(new SpinnerNumberModel(100.0, 1.0, 1000.0, 1.0));
    final JTextField rampOver = new JTextField("16bars", 6);
    final JComboBox<String> rampShape = new JComboBox<>(new String[] {"linear", "linear-beats", "exp"});
    final JCheckBox stepUp = new JCheckBox("Step-up");
    final JSpinner stepPercent = new JSpinner(new SpinnerNumberModel(5.0, -50.0, 100.0, 1.0));
    final JTextField stepEvery = new JTextField("8bars", 6);
    final JSpinner stepUntil = new JSpinner(new SpinnerNumberModel(100.0, 1.0, 1000.0, 1.0));
    final JSpinner dropEvery = new JSpinner(new SpinnerNumberModel(0, 0, 64, 1));
    final JSpinner fadeOver = new JSpinner(new SpinnerNumberModel(0, 0, 1000, 1));
    final JCheckBox gap = new JCheckBox("Gap bars");
    final JTextField gapBars = new JTextField("3:1", 6);
    final JCheckBox useProtocol = new JCheckBox("Use a protocol file instead");
    final JLabel protocolPath = new JLabel("no file chosen");
    final JButton openProtocol = new JButton("Open\u2026");
    final DefaultListModel<String> phases = new DefaultListModel<>();
    final JList<String> phaseList = new JList<>(phases);
    private final Deque<Long> taps = new ArrayDeque<>();
    private final JPanel panel;
    private Path protocol;

    TempoPanel() {
        name(preset, "preset");
        name(bpm, "bpm");
        name(minus5, "minus5");
        name(minus1, "minus1");
        name(plus1, "plus1");
        name(plus5, "plus5");
        name(tap, "tapTempo");
        name(meter, "meter");
        name(accents, "accents");
        name(subdivide, "subdivide");
        name(bars, "bars");
        name(countIn, "countIn");
        name(ramp, "ramp");
        name(stepUp, "stepUp");
        name(useProtocol, "useProtocol");
        name(openProtocol, "openProtocol");
        name(phaseList, "phases");
        meter.setSelectedItem("4/4");
        bpm.setFont(Theme.font(2.2f, true));
        ((JSpinner.DefaultEditor) bpm.getEditor()).getTextField().setColumns(3);
        for (JSpinner sp : new JSpinner[] {subdivide, bars, countIn, rampTo, stepPercent, stepUntil, dropEvery, fadeOver}) {
            ((JSpinner.DefaultEditor) sp.getEditor()).getTextField().setColumns(4);
        }
        minus5.addActionListener(e -> nudge(-5));
        minus1.addActionListener(e -> nudge(-1));
        plus1.addActionListener(e -> nudge(1));
        plus5.addActionListener(e -> nudge(5));
        tap.addActionListener(e -> tapTempo(System.nanoTime()));
        tap.setMnemonic(KeyEvent.VK_T);
        tap.setToolTipText("Tap this (Alt+T) on the client's steps to set the tempo");
        JPanel tempoRow = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 0));
        bars.setToolTipText("0: until stopped");
        dropEvery.setToolTipText("0: every cue sounds");
        fadeOver.setToolTipText("0: no fade; N: the cue volume falls to silence over N bars");
        for (JButton b : new JButton[] {minus5, minus1, plus1, plus5, tap}) {
            b.setMargin(new java.awt.Insets(4, 10, 4, 10));
            tempoRow.add(b);
        }
        ramp.setMnemonic(KeyEvent.VK_R);
        stepUp.setMnemonic(KeyEvent.VK_U);
        gap.setMnemonic(KeyEvent.VK_G);
        useProtocol.setMnemonic(KeyEvent.VK_F);
        openProtocol.setMnemonic(KeyEvent.VK_O);
        phaseList.setVisibleRowCount(4);
        phaseList.setFocusable(true);
        preset.addActionListener(e -> ((Preset) preset.getSelectedItem()).applyTo(this));
        useProtocol.addActionListener(e -> refresh());
        ramp.addActionListener(e -> {
            if (ramp.isSelected()) {
                stepUp.setSelected(false);
            }
            refresh();
        });
        stepUp.addActionListener(e -> {
            if (stepUp.isSelected()) {
                ramp.setSelected(false);
            }
            refresh();
        });
        gap.addActionListener(e -> refresh());
        JPanel protocolRow = new JPanel(new BorderLayout(8, 0));
        protocolRow.add(protocolPath, BorderLayout.CENTER);
        protocolRow.add(openProtocol, BorderLayout.LINE_END);
        panel = new Forms()
                .row("Preset", KeyEvent.VK_P, preset)
                .row("Tempo (bpm)", KeyEvent.VK_B, bpm)
                .row("", 0, tempoRow)
                .row("Meter", KeyEvent.VK_M, meter)
                .row("Accents (beats)", KeyEvent.VK_A, accents)
                .row("Subdivision", KeyEvent.VK_D, subdivide)
                .row("Length (bars)", KeyEvent.VK_L, bars)
                .row("Count-in (bars)", KeyEvent.VK_I, countIn)
                .row("", 0, ramp)
                .row("   to bpm, over, shape", 0, line(rampTo, rampOver, rampShape))
                .row("", 0, stepUp)
                .row("   by %, every, until", 0, line(stepPercent, stepEvery, stepUntil))
                .row("Drop every k-th cue", KeyEvent.VK_K, dropEvery)
                .row("Fade out over (bars)", KeyEvent.VK_V, fadeOver)
                .row("", 0, line(gap, gapBars, new JLabel("play:mute bars")))
                .wide(useProtocol)
                .row("Protocol", 0, protocolRow)
                .row("Phases", 0, new JScrollPane(phaseList))
                .done();
        refresh();
    }

    private static void name(JComponent c, String name) {
        c.setName(name);
    }

    private static JPanel line(JComponent... cs) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 0));
        for (JComponent c : cs) {
            p.add(c);
        }
        return p;
    }

    /** @return the panel */
    JPanel panel() {
        return panel;
    }

    /** @return the tempo set, bpm */
    double bpm() {
        return ((Number) bpm.getValue()).doubleValue();
    }

    /**
     * Moves the tempo set, within 1..1000.
     *
     * @param delta bpm
     */
    void nudge(double delta) {
        bpm.setValue(Math.max(1, Math.min(1000, bpm() + delta)));
    }

    /**
     * One tap of tap tempo: the tempo becomes the mean of the last intervals (up to 8).
     *
     * @param nanos when the tap came (System.nanoTime)
     */
    void tapTempo(long nanos) {
        if (!taps.isEmpty() && nanos - taps.peekLast() > TAP_RESET_NANOS) {
            taps.clear();
        }
        taps.addLast(nanos);
        if (taps.size() > 9) {
            taps.removeFirst();
        }
        if (taps.size() >= 2) {
            double meanNanos = (taps.peekLast() - taps.peekFirst()) / (double) (taps.size() - 1);
            bpm.setValue((double) Math.max(1, Math.min(1000, Math.round(60e9 / meanNanos))));
        }
    }

    /**
     * Sets the protocol file and its phases as listed by the session library.
     *
     * @param file the file
     * @param phaseNames the phases in order, each with what it does
     */
    void protocol(Path file, List<String> phaseNames) {
        protocol = file;
        protocolPath.setText(file.getFileName().toString());
        protocolPath.setToolTipText(file.toString());
        phases.clear();
        phaseNames.forEach(phases::addElement);
        useProtocol.setSelected(true);
        refresh();
    }

    /** @return the protocol file chosen, or null */
    Path protocolFile() {
        return protocol;
    }

    /** @return the beats per bar of the meter, or 4 when it cannot be read */
    int beatsPerBar() {
        try {
            return Integer.parseInt(((String) meter.getSelectedItem()).split("/")[0].trim());
        } catch (RuntimeException e) {
            return 4;
        }
    }

    /** Enables the controls that fit the choices. */
    void refresh() {
        setEnabled(true);
    }

    /**
     * Enables or disables the controls (locked while a session runs).
     *
     * @param on true to enable
     */
    void setEnabled(boolean on) {
        boolean free = on && !useProtocol.isSelected();
        for (JComponent c : new JComponent[] {bpm, minus5, minus1, plus1, plus5, tap, meter, accents, subdivide, bars,
                ramp, stepUp, dropEvery, fadeOver, gap}) {
            c.setEnabled(free);
        }
        for (JComponent c : new JComponent[] {rampTo, rampOver, rampShape}) {
            c.setEnabled(free && ramp.isSelected());
        }
        for (JComponent c : new JComponent[] {stepPercent, stepEvery, stepUntil}) {
            c.setEnabled(free && stepUp.isSelected());
        }
        gapBars.setEnabled(free && gap.isSelected());
        preset.setEnabled(on);
        useProtocol.setEnabled(on);
        openProtocol.setEnabled(on);
        countIn.setEnabled(on);
    }

    /**
     * Appends the tempo and pattern as {@code entrain session} options.
     *
     * @param args the list to append to
     * @throws IllegalArgumentException when a protocol is asked for but none chosen
     */
    void appendArgs(List<String> args) {
        args.add("--count-in");
        args.add(countIn.getValue().toString());
        if (useProtocol.isSelected()) {
            if (protocol == null) {
                throw new IllegalArgumentException("no protocol file chosen: open one (Alt+O) or clear 'Use a protocol file'");
            }
            args.add("--protocol");
            args.add(protocol.toString());
            return;
        }
        args.add("--bpm");
        args.add(num(bpm()));
        args.add("--meter");
        args.add((String) meter.getSelectedItem());
        String acc = accents.getText().trim();
        args.add("--accent");
        args.add(acc.isEmpty() ? "none" : acc);
        args.add("--subdivide");
        args.add(subdivide.getValue().toString());
        int nBars = (Integer) bars.getValue();
        if (nBars > 0) {
            args.add("--bars");
            args.add(Integer.toString(nBars));
        }
        if (ramp.isSelected()) {
            args.add("--to");
            args.add(num(((Number) rampTo.getValue()).doubleValue()));
            args.add("--over");
            args.add(rampOver.getText().trim());
            args.add("--shape");
            args.add((String) rampShape.getSelectedItem());
        } else if (stepUp.isSelected()) {
            args.add("--step");
            args.add(num(((Number) stepPercent.getValue()).doubleValue()) + "%");
            args.add("--every");
            args.add(stepEvery.getText().trim());
            args.add("--until");
            args.add(num(((Number) stepUntil.getValue()).doubleValue()));
        }
        int drop = (Integer) dropEvery.getValue();
        if (drop > 0) {
            args.add("--drop-every");
            args.add(Integer.toString(drop));
        }
        int fade = (Integer) fadeOver.getValue();
        if (fade > 0) {
            args.add("--fade-over");
            args.add(Integer.toString(fade));
        }
        if (gap.isSelected()) {
            args.add("--gap");
            args.add(gapBars.getText().trim());
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The built-in presets; applying one sets the form (the therapist may still change it). */
    enum Preset {
        /** The form as it is. */
        CUSTOM("Custom") {
            @Override
            void applyTo(TempoPanel p) {
            }
        },
        /** RAS for gait: the client's cadence, then +5 % every 8 bars up to 100 steps/min. */
        RAS_STEP_UP("RAS gait: 90 \u2192 100 bpm step-up") {
            @Override
            void applyTo(TempoPanel p) {
                p.reset();
                p.bpm.setValue(90.0);
                p.stepUp.setSelected(true);
                p.stepPercent.setValue(5.0);
                p.stepEvery.setText("8bars");
                p.stepUntil.setValue(100.0);
                p.bars.setValue(32);
                p.refresh();
            }
        },
        /** Tapping with a cue, then the cue stops and the client goes on alone (drift measured). */
        CONTINUATION("Continuation test: 8 bars cued, then silence") {
            @Override
            void applyTo(TempoPanel p) {
                p.reset();
                p.bpm.setValue(100.0);
                p.bars.setValue(16);
                p.gap.setSelected(true);
                p.gapBars.setText("8:8");
                p.refresh();
            }
        },
        /** PSE: a 3/4 pattern with the first beat accented, e.g. for sit-to-stand. */
        PSE_THREE_FOUR("PSE 3/4: accent on 1, 60 bpm") {
            @Override
            void applyTo(TempoPanel p) {
                p.reset();
                p.bpm.setValue(60.0);
                p.meter.setSelectedItem("3/4");
                p.accents.setText("1");
                p.refresh();
            }
        };

        private final String label;

        Preset(String label) {
            this.label = label;
        }

        abstract void applyTo(TempoPanel p);

        @Override
        public String toString() {
            return label;
        }
    }

    private void reset() {
        useProtocol.setSelected(false);
        meter.setSelectedItem("4/4");
        accents.setText("1");
        subdivide.setValue(1);
        bars.setValue(0);
        ramp.setSelected(false);
        stepUp.setSelected(false);
        dropEvery.setValue(0);
        fadeOver.setValue(0);
        gap.setSelected(false);
    }
}
