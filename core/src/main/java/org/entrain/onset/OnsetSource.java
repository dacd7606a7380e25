package org.entrain.onset;

/** Where an onset came from. */
public enum OnsetSource {
    /** A live audio input (microphone). */
    MICROPHONE,
    /** An audio file. */
    FILE,
    /** A MIDI input (drum pad, foot switch, keyboard). */
    MIDI
}
