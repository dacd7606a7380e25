package org.entrain.midi;

/** What a MIDI device the JDK lists is. */
public enum PortKind {
    /** A port to or from outside the JVM (ALSA rawmidi, WinMM, CoreMIDI). The JDK ignores timestamps on it. */
    HARDWARE_PORT("hardware port"),
    /** A software synthesizer inside the JVM (Gervill). */
    SOFTWARE_SYNTH("software synth"),
    /** A sequencer (the JDK's real-time sequencer). */
    SEQUENCER("sequencer");

    private final String label;

    PortKind(String label) {
        this.label = label;
    }

    /**
     * A human-readable name: {@code hardware port}, {@code software synth}, {@code sequencer}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }
}
