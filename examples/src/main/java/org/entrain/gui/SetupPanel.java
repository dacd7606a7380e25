package org.entrain.gui;

import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import org.entrain.midi.CueSounds;

/**
 * Set-up: output (software synth or a MIDI port, with its latency), input (a microphone, a MIDI
 * pad, or none), headphones or speakers, calibration, and the sound of each voice. Only the event
 * dispatch thread may call its methods.
 */
final class SetupPanel {

    /** The output entry for the JDK software synthesizer. */
    static final String SOFTWARE_SYNTH = "Software synth (this computer's sound)";
    /** The input entry for no input. */
    static final String NO_INPUT = "None (cue only)";
    private static final String MIC = "Microphone: ";
    private static final String PAD = "MIDI pad: ";
    /** Sound names accepted by {@code --sounds}, in the order offered. */
    static final List<String> SOUNDS = List.of("high-wood-block", "low-wood-block", "claves", "cowbell", "side-stick",
            "hi-hat", "click", "bell");

    final JComboBox<String> output = new JComboBox<>(new String[] {SOFTWARE_SYNTH});
    final JSpinner outLatencyMs = new JSpinner(new SpinnerNumberModel(0, 0, 2000, 1));
    final JComboBox<String> input = new JComboBox<>(new String[] {NO_INPUT});
    final JComboBox<String> detector = new JComboBox<>(new String[] {"taps (hands, drum pad)", "steps (footsteps)"});
    final JRadioButton headphones = new JRadioButton("Headphones");
    final JRadioButton speakers = new JRadioButton("Speakers in the room", true);
    final JLabel calibrationLabel = new JLabel("none (latency 0 ms)");
    final JButton runCalibration = new JButton("Run calibration\u2026");
    final JButton loadCalibration = new JButton("Load\u2026");
    final JComboBox<String> accentSound = new JComboBox<>(SOUNDS.toArray(new String[0]));
    final JComboBox<String> beatSound = new JComboBox<>(SOUNDS.toArray(new String[0]));
    final JComboBox<String> subSound = new JComboBox<>(SOUNDS.toArray(new String[0]));
    private final JPanel panel;
    private Path calibration;

    SetupPanel() {
        output.setName("output");
        outLatencyMs.setName("outLatency");
        input.setName("input");
        detector.setName("detector");
        headphones.setName("headphones");
        speakers.setName("speakers");
        runCalibration.setName("runCalibration");
        loadCalibration.setName("loadCalibration");
        accentSound.setSelectedItem("high-wood-block");
        beatSound.setSelectedItem("low-wood-block");
        subSound.setSelectedItem("hi-hat");
        ButtonGroup g = new ButtonGroup();
        g.add(headphones);
        g.add(speakers);
        headphones.setMnemonic(KeyEvent.VK_H);
        speakers.setMnemonic(KeyEvent.VK_S);
        JPanel where = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        where.add(headphones);
        where.add(speakers);
        JPanel cal = new JPanel(new FlowLayout(FlowLayout.LEADING, 8, 0));
        cal.add(runCalibration);
        cal.add(loadCalibration);
        runCalibration.setMnemonic(KeyEvent.VK_C);
        loadCalibration.setMnemonic(KeyEvent.VK_L);
        output.addActionListener(e -> outLatencyMs.setEnabled(!SOFTWARE_SYNTH.equals(output.getSelectedItem())));
        outLatencyMs.setEnabled(false);
        panel = new Forms()
                .heading("Sound out")
                .row("Output", KeyEvent.VK_O, output)
                .row("Output latency (ms)", KeyEvent.VK_A, outLatencyMs)
                .heading("Taps or steps in")
                .row("Input", KeyEvent.VK_I, input)
                .row("Detect", KeyEvent.VK_D, detector)
                .row("Client hears the cue on", 0, where)
                .row("Calibration", 0, calibrationLabel)
                .row("", 0, cal)
                .heading("Sound of each voice")
                .row("Accent", KeyEvent.VK_E, accentSound)
                .row("Beat", KeyEvent.VK_B, beatSound)
                .row("Subdivision", KeyEvent.VK_U, subSound)
                .done();
        panel.setBorder(BorderFactory.createEmptyBorder(12, 16, 12, 16));
    }

    /** @return the panel */
    JPanel panel() {
        return panel;
    }

    /**
     * Fills the device lists.
     *
     * @param midiOutputs MIDI output names
     * @param microphones audio input names
     * @param midiInputs MIDI input names
     */
    void devices(List<String> midiOutputs, List<String> microphones, List<String> midiInputs) {
        Object out = output.getSelectedItem();
        DefaultComboBoxModel<String> o = new DefaultComboBoxModel<>();
        o.addElement(SOFTWARE_SYNTH);
        midiOutputs.forEach(n -> o.addElement("MIDI: " + n));
        output.setModel(o);
        output.setSelectedItem(out);
        Object in = input.getSelectedItem();
        DefaultComboBoxModel<String> i = new DefaultComboBoxModel<>();
        i.addElement(NO_INPUT);
        microphones.forEach(n -> i.addElement(MIC + n));
        midiInputs.forEach(n -> i.addElement(PAD + n));
        input.setModel(i);
        input.setSelectedItem(in);
    }

    /**
     * Sets the calibration file to use.
     *
     * @param file the file written by {@code entrain calibrate --out}, or null for none
     * @param text what to show, e.g. its latency
     */
    void calibration(Path file, String text) {
        calibration = file;
        calibrationLabel.setText(text);
    }

    /** @return the microphone chosen, or null when the input is not a microphone */
    String microphone() {
        String in = (String) input.getSelectedItem();
        return in != null && in.startsWith(MIC) ? in.substring(MIC.length()) : null;
    }

    /** @return the MIDI output chosen, or null for the software synth */
    String midiOut() {
        String out = (String) output.getSelectedItem();
        return out != null && out.startsWith("MIDI: ") ? out.substring("MIDI: ".length()) : null;
    }

    /** @return the MIDI output's latency, ms */
    double midiOutLatencyMs() {
        return ((Number) outLatencyMs.getValue()).doubleValue();
    }

    /** @return the MIDI pad chosen, or null when the input is not a pad */
    String midiPad() {
        String in = (String) input.getSelectedItem();
        return in != null && in.startsWith(PAD) ? in.substring(PAD.length()) : null;
    }

    /** @return the detector preset: {@code taps} or {@code steps} */
    String detector() {
        return detector.getSelectedIndex() == 1 ? "steps" : "taps";
    }

    /** @return whether the client hears the cue on headphones */
    boolean headphones() {
        return headphones.isSelected();
    }

    /** @return the calibration file, or null */
    Path calibrationFile() {
        return calibration;
    }

    /**
     * The sound of each voice.
     *
     * @return the sounds
     */
    CueSounds sounds() {
        return CueSounds.defaults().parse(String.format(Locale.ROOT, "accent=%s,beat=%s,sub=%s",
                accentSound.getSelectedItem(), beatSound.getSelectedItem(), subSound.getSelectedItem()));
    }

    /**
     * Enables or disables every control (they are locked while a session runs).
     *
     * @param on true to enable
     */
    void setEnabled(boolean on) {
        for (var c : new javax.swing.JComponent[] {output, input, detector, headphones, speakers, runCalibration, loadCalibration,
                accentSound, beatSound, subSound}) {
            c.setEnabled(on);
        }
        outLatencyMs.setEnabled(on && !SOFTWARE_SYNTH.equals(output.getSelectedItem()));
    }
}
