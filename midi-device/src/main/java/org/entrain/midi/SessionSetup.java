package org.entrain.midi;

import org.entrain.audio.InputSpec;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.WaitStrategy;
import org.entrain.session.Fade;
import org.entrain.session.Protocol;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoChange;

/**
 * What a live session is made of, as every front end asks for it ({@code entrain session},
 * {@code entrain play}, the desktop app): the plan (a protocol, or a plain tempo with its change,
 * end and fading), the outputs (the software synth, a MIDI port, MIDI clock) and the tap input (a
 * microphone or a MIDI pad). {@link SessionAssembly} turns it into a session builder. Immutable;
 * the constructor checks every value and names the one out of range.
 *
 * @param protocol the protocol to play, or null for a plain session
 * @param bpm a plain session's start tempo, 1..1000 (ignored with a protocol)
 * @param change a plain session's ramp or steps, or null
 * @param end a plain session's length after the count-in, or null until stopped
 * @param fade a plain session's fading ({@link Fade#NONE} for none; with fading the session is one fade phase)
 * @param countIn listen-only bars first, 0..64, or null for the default (1 for a plain session, a protocol's own)
 * @param pattern meter, accents, subdivision
 * @param sounds the sound of each voice
 * @param synth the software synth's settings, or null for no synth (then {@code midiOut} is required)
 * @param midiOut the MIDI output's name (the synth, if any, is its stand-by), or null
 * @param midiOutLatencyNanos that output's latency, 0..2 s
 * @param clockOut the MIDI output to send MIDI clock to, or null
 * @param input which tap input
 * @param microphone the microphone (with {@link Input#MICROPHONE}), or null
 * @param midiPad the MIDI pad's name (with {@link Input#MIDI_PAD}), or null
 * @param detector the microphone's detector settings
 * @param headphones whether the client hears the cue on headphones (no cue cancellation on the microphone)
 * @param calibration the output-to-input latency ({@link Calibration#NONE} if not measured)
 * @param waitStrategy the dispatcher's wait strategy, or null for the session's default
 * @param tailNanos how long to listen after the last cue, 0..10 s, or -1 for the session's default
 */
public record SessionSetup(Protocol protocol, double bpm, TempoChange change, Length end, Fade fade, Integer countIn,
                           Pattern pattern, CueSounds sounds, SynthSettings synth, String midiOut, long midiOutLatencyNanos,
                           String clockOut, Input input, InputSpec microphone, String midiPad, DetectorSettings detector,
                           boolean headphones, Calibration calibration, WaitStrategy waitStrategy, long tailNanos) {

    /** The session's tap input. */
    public enum Input {
        /** None: the session only cues. */
        NONE,
        /** A microphone, onsets detected with the cue's own sound cancelled (unless on headphones). */
        MICROPHONE,
        /** A MIDI pad, foot switch or keyboard: every note-on is a tap. */
        MIDI_PAD
    }

    /**
     * Validates and fills the defaults (no fading, default detector, no calibration).
     */
    public SessionSetup {
        fade = fade == null ? Fade.NONE : fade;
        detector = detector == null ? DetectorSettings.taps() : detector;
        calibration = calibration == null ? Calibration.NONE : calibration;
        input = input == null ? Input.NONE : input;
        if (pattern == null || sounds == null) {
            throw new IllegalArgumentException("a session needs a pattern and the cue sounds");
        }
        if (protocol != null && (change != null || fade.any())) {
            throw new IllegalArgumentException("a protocol replaces the tempo and fading options: give one or the other");
        }
        if (protocol == null && !(bpm >= 1 && bpm <= 1000)) {
            throw new IllegalArgumentException("tempo must be between 1 and 1000 bpm, was " + bpm);
        }
        if (protocol == null && change != null && fade.any()) {
            throw new IllegalArgumentException("fading and a ramp or step-up cannot be combined in one plain session: "
                    + "use a protocol file with a fade phase");
        }
        if (countIn != null && (countIn < 0 || countIn > 64)) {
            throw new IllegalArgumentException("count-in must be between 0 and 64 bars, was " + countIn);
        }
        if (midiOutLatencyNanos < 0 || midiOutLatencyNanos > 2_000_000_000L) {
            throw new IllegalArgumentException("MIDI output latency must be between 0 and 2000 ms, was "
                    + midiOutLatencyNanos / 1e6 + " ms");
        }
        if (synth == null && midiOut == null) {
            throw new IllegalArgumentException("a session needs an output: the software synth or a MIDI output");
        }
        if (input == Input.MICROPHONE && microphone == null) {
            throw new IllegalArgumentException("a microphone input needs the microphone's spec");
        }
        if (input == Input.MIDI_PAD && (midiPad == null || midiPad.isBlank())) {
            throw new IllegalArgumentException("a MIDI pad input needs the pad's name");
        }
        if (tailNanos != -1 && (tailNanos < 0 || tailNanos > 10_000_000_000L)) {
            throw new IllegalArgumentException("tail must be between 0 and 10 s, was " + tailNanos / 1e9 + " s");
        }
    }
}
