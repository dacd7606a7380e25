package org.entrain.session;

import java.io.IOException;
import java.util.Map;
import org.entrain.clock.NanoClock;
import org.entrain.onset.OnsetListener;
import org.entrain.pattern.Voice;

/**
 * Where a session's taps or steps come from: a microphone ({@link MicrophoneInput}), a MIDI pad
 * ({@code org.entrain.midi.MidiPadInput}), or a generated or file input driven in virtual time
 * (the demo). Every onset is reported in engine nanoseconds on the session's clock.
 *
 * <p>Threads: {@link #start} and {@link #stop()} are called once each by the session;
 * {@link #cue} only on the engine's dispatcher thread (it must not block or allocate);
 * {@link #advanceTo} only by the thread that drives a virtual-time session. The input calls the
 * onset listener and the audio sink on its own thread (or, in virtual time, inside
 * {@link #advanceTo}).
 */
public interface TapInput {

    /** Receives the input's raw mono samples, for {@code recording.wav}. */
    @FunctionalInterface
    interface AudioSink {
        /**
         * One buffer.
         *
         * @param samples the samples, -1..1 (reused after return)
         * @param length how many are valid
         * @param firstFrame the frame index of {@code samples[0]}, from 0
         */
        void samples(float[] samples, int length, long firstFrame);
    }

    /**
     * A one-line description for the log header and the display, e.g. {@code microphone default}.
     *
     * @return the text
     */
    String describe();

    /**
     * The input's name in a one-line message to the user, e.g. {@code microphone 'default'}.
     *
     * @return the name ({@link #describe()} unless overridden)
     */
    default String name() {
        return describe();
    }

    /**
     * Why the input stopped delivering, once it has on its own (its line threw or closed: a
     * microphone unplugged, a driver failure); polled by the session's event thread, so it must be
     * cheap and thread safe. The session keeps cueing, tells the user once and logs it. (An input
     * that is open but delivers no audio is found by the session itself.)
     *
     * @return one line, e.g. {@code its line closed}, or null while the input works
     */
    default String fault() {
        return null;
    }

    /**
     * The rate of the audio the input hands to its {@link AudioSink}, or 0 if it has no audio (a MIDI pad).
     *
     * @return Hz, or 0
     */
    default float audioSampleRate() {
        return 0f;
    }

    /**
     * Opens and starts the input.
     *
     * @param clock the session's engine clock
     * @param onsets receives each onset, in engine nanos
     * @param audio receives the raw samples when {@link #audioSampleRate()} is above 0 (else ignore it)
     * @throws IOException if the device or file cannot be opened (the session does not start)
     */
    void start(NanoClock clock, OnsetListener onsets, AudioSink audio) throws IOException;

    /**
     * A cue that will sound: the cancellation reference for an input that hears the cues. Called
     * on the dispatcher thread, ahead of the cue, in ascending time; must not block or allocate.
     *
     * @param soundNanos when the cue sounds at the output, engine nanos
     * @param voice its voice
     * @param velocity the velocity sent, 1..127
     */
    default void cue(long soundNanos, Voice voice, int velocity) {
    }

    /**
     * What the input has found of the cues it hears (a microphone cancelling the cues' sound with
     * no calibration: it finds their latency itself); any thread.
     *
     * @return the latest finding, or null when the input does not look for the cues
     */
    default CueHearing cueHearing() {
        return null;
    }

    /**
     * Virtual time only: processes the input up to an engine time (generated audio, a file).
     *
     * @param nanos engine nanos
     */
    default void advanceTo(long nanos) {
    }

    /**
     * How long after a sound the input reports it (capture and output latency, detection window,
     * cancellation delay): the session waits this much longer than its tail before stopping the
     * input, so the last taps are not lost.
     *
     * @return nanos, 0 or more
     */
    default long reportDelayNanos() {
        return 0L;
    }

    /** Stops the input, reporting any onset still pending; waits for its thread. */
    void stop();

    /**
     * Facts for the log header and the report (device, rate, calibration ...).
     *
     * @return key/value pairs
     */
    default Map<String, String> facts() {
        return Map.of();
    }
}
