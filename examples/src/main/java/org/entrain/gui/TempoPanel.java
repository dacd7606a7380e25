package org.entrain.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
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
import org.entrain.pattern.Meter;
import org.entrain.pattern.Pattern;
import org.entrain.session.Fade;
import org.entrain.session.Phase;
import org.entrain.session.PhaseKind;
import org.entrain.session.Protocol;
import org.entrain.session.ProtocolFile;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;

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
    private Protocol protocol;
    private String protocolSource;

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
     * Sets the protocol and lists its phases.
     *
     * @param source where it came from: a file's path or a preset's name
     * @param p the protocol
     */
    void protocol(String source, Protocol p) {
        protocol = p;
        protocolSource = source;
        protocolPath.setText(p.name() + "  (" + source + ")");
        protocolPath.setToolTipText(source);
        phases.clear();
        for (Phase ph : p.phases()) {
            phases.addElement(describe(ph));
        }
        useProtocol.setSelected(true);
        refresh();
    }

    /**
     * One line for a phase, as the therapist reads it.
     *
     * @param ph the phase
     * @return e.g. {@code step-up: +5% every 8 bars to 100 bpm (32 bars)}
     */
    static String describe(Phase ph) {
        StringBuilder b = new StringBuilder(ph.name());
        if (!ph.name().equals(ph.kind().id())) {
            b.append(" (").append(ph.kind().id()).append(')');
        }
        b.append(": ");
        if (!Double.isNaN(ph.bpm())) {
            b.append(num(ph.bpm())).append(" bpm, ");
        }
        if (ph.kind() == PhaseKind.STEP_UP) {
            b.append(String.format(Locale.ROOT, "%+.1f%% every %s, ", ph.stepPercent(), lengthText(ph.stepEvery())));
        }
        if (!Double.isNaN(ph.targetBpm())) {
            b.append("to ").append(num(ph.targetBpm())).append(" bpm, ");
        }
        if (!ph.kind().cued()) {
            b.append("no cue, ");
        }
        b.append(ph.length() == null ? "until next phase" : lengthText(ph.length()));
        return b.toString();
    }

    private static String lengthText(Length l) {
        String n = num(l.amount());
        return switch (l.unit()) {
            case BARS -> n + (l.amount() == 1 ? " bar" : " bars");
            case BEATS -> n + (l.amount() == 1 ? " beat" : " beats");
            case SECONDS -> n + " s";
        };
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
        for (JComponent c : new JComponent[] {bpm, minus5, minus1, plus1, plus5, tap, bars, ramp, stepUp, dropEvery,
                fadeOver, gap}) {
            c.setEnabled(free);
        }
        for (JComponent c : new JComponent[] {meter, accents, subdivide}) {
            c.setEnabled(on);
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
     * The protocol to play, or null for a plain session from the form.
     *
     * @return the protocol
     * @throws IllegalArgumentException when a protocol is asked for but none chosen
     */
    Protocol protocol() {
        if (!useProtocol.isSelected()) {
            return null;
        }
        if (protocol == null) {
            throw new IllegalArgumentException("no protocol file chosen: open one (Alt+O) or clear 'Use a protocol file'");
        }
        return protocol;
    }

    /** @return where the protocol came from, or null */
    String protocolSource() {
        return useProtocol.isSelected() ? protocolSource : null;
    }

    /**
     * The pattern: meter, accents, subdivision.
     *
     * @return the pattern
     * @throws IllegalArgumentException naming the bad field
     */
    Pattern pattern() {
        Pattern.Builder b = Pattern.builder().meter(Meter.parse((String) meter.getSelectedItem()))
                .subdivide((Integer) subdivide.getValue());
        String acc = accents.getText().trim();
        if (acc.isEmpty() || acc.equals("none")) {
            b.accents(new int[0]);
        } else {
            String[] parts = acc.split("[,\\s]+");
            int[] beats = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    beats[i] = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("accents '" + acc + "' must be beat numbers from 1, e.g. 1 or 1,3");
                }
            }
            b.accents(beats);
        }
        return b.build();
    }

    /**
     * A plain session's ramp or step-up.
     *
     * @return the change, or null for a steady tempo
     * @throws IllegalArgumentException naming the bad field
     */
    TempoChange change() {
        if (ramp.isSelected()) {
            return TempoChange.rampTo(RampShape.parse((String) rampShape.getSelectedItem()),
                    ((Number) rampTo.getValue()).doubleValue(), length("ramp 'over'", rampOver.getText()));
        }
        if (stepUp.isSelected()) {
            return TempoChange.steps(((Number) stepPercent.getValue()).doubleValue(), length("step-up 'every'", stepEvery.getText()),
                    ((Number) stepUntil.getValue()).doubleValue());
        }
        return null;
    }

    /** @return a plain session's length, or null until stopped */
    Length end() {
        int n = (Integer) bars.getValue();
        return n > 0 ? Length.bars(n) : null;
    }

    /** @return count-in bars */
    int countIn() {
        return (Integer) countIn.getValue();
    }

    /**
     * A plain session's fading.
     *
     * @return the fade
     * @throws IllegalArgumentException naming the bad field
     */
    Fade fade() {
        int play = 0;
        int mute = 0;
        if (gap.isSelected()) {
            String[] pm = gapBars.getText().trim().split(":");
            try {
                play = Integer.parseInt(pm[0].trim());
                mute = Integer.parseInt(pm[1].trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("gap bars '" + gapBars.getText().trim() + "' must be PLAY:MUTE, e.g. 3:1");
            }
        }
        return new Fade((Integer) dropEvery.getValue(), 0, 0, (Integer) fadeOver.getValue(), play, mute);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static Length length(String what, String text) {
        try {
            return Length.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }

    /** The built-in presets; applying one sets the form (the therapist may still change it). */
    enum Preset {
        /** The form as it is. */
        CUSTOM("Custom") {
            @Override
            void applyTo(TempoPanel p) {
            }
        },
        /** RAS for gait: 8 bars at 90, then +5 % every 8 bars up to 100 steps/min, then 8 bars there. */
        RAS_STEP_UP("RAS gait: 90 \u2192 100 bpm step-up") {
            @Override
            void applyTo(TempoPanel p) {
                p.reset();
                p.protocol(toString(), builtIn("ras-step-up.yaml"));
            }
        },
        /** Tapping with a cue, then the cue stops and the client goes on alone (drift measured). */
        CONTINUATION("Continuation test: 16 bars cued, 16 without") {
            @Override
            void applyTo(TempoPanel p) {
                p.reset();
                p.protocol(toString(), builtIn("continuation.yaml"));
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

        /** Reads a protocol shipped with the app (the same format as a protocol file). */
        static Protocol builtIn(String resource) {
            try (java.io.InputStream in = TempoPanel.class.getResourceAsStream("presets/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in preset " + resource + " is missing from the jar");
                }
                return ProtocolFile.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                        "preset " + resource);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

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
