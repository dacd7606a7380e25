/**
 * Entrain's MIDI devices: every javax.sound.midi use. MIDI output ports and the software
 * synthesizer as cue sinks, MIDI clock out, Standard MIDI Files, offline rendering to WAV, and
 * MIDI pads as tap input.
 */
module org.entrain.midi {
    requires transitive org.entrain.core;
    requires transitive java.desktop;
    requires org.slf4j;

    exports org.entrain.midi;
}
