package org.entrain.gui;

import java.nio.file.Path;
import java.util.Objects;
import org.entrain.midi.CueSounds;
import org.entrain.pattern.Pattern;
import org.entrain.session.Fade;
import org.entrain.session.Protocol;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoChange;

/**
 * What the forms ask for: the same choices as the options of {@code entrain session}. Immutable.
 *
 * @param folder the session folder to write
 * @param protocol the protocol to play, or null for a plain session
 * @param protocolSource where the protocol came from (a file or a built-in preset), or null
 * @param bpm a plain session's start tempo (a protocol's own tempo otherwise), 1..1000
 * @param change a plain session's ramp or steps, or null
 * @param end a plain session's length, or null until stopped
 * @param fade a plain session's fading ({@link Fade#NONE} for none)
 * @param pattern meter, accents, subdivision
 * @param countIn listen-only bars first, 0..64
 * @param midiOut the MIDI output's name, or null for the software synth
 * @param midiOutLatencyMs that output's latency, ms
 * @param microphone the microphone's name, or null
 * @param midiPad the MIDI pad's name, or null
 * @param detector the detector preset for the microphone: {@code taps} or {@code steps}
 * @param headphones whether the client hears the cue on headphones (no cue cancellation)
 * @param calibration the calibration file, or null
 * @param sounds the sound of each voice
 */
record SessionRequest(Path folder, Protocol protocol, String protocolSource, double bpm, TempoChange change, Length end,
                      Fade fade, Pattern pattern, int countIn, String midiOut, double midiOutLatencyMs, String microphone,
                      String midiPad, String detector, boolean headphones, Path calibration, CueSounds sounds) {

    SessionRequest {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(sounds, "sounds");
        fade = fade == null ? Fade.NONE : fade;
        detector = detector == null ? "taps" : detector;
        if (microphone != null && midiPad != null) {
            throw new IllegalArgumentException("one input only: a microphone or a MIDI pad");
        }
        if (protocol == null && change != null && fade.any()) {
            throw new IllegalArgumentException("fading and a ramp or step-up cannot be combined in one plain session: "
                    + "use a protocol file with a fade phase");
        }
    }
}
