package org.entrain.cancel;

import org.entrain.pattern.Voice;

/**
 * The exact sound of each cue as the engine plays it: the cancellation reference for a microphone
 * that hears the cues. Implementations are immutable and thread safe; {@code midi-device} renders
 * one from the sound bank in use (every voice, every velocity the session plays).
 *
 * <p>Never a template estimated from the microphone: the reference is what was sent to the
 * speaker, and the room path between the two is fitted separately.
 */
public interface CueReferences {

    /**
     * The sample rate of every sound.
     *
     * @return Hz
     */
    float sampleRate();

    /**
     * The one-shot of a voice at a velocity, mono, full length (its tail included), sample 0 being
     * the cue's scheduled time (the renderer's constant offsets removed).
     *
     * @param voice the voice
     * @param velocity the cue's velocity as scheduled (the cue CSV's {@code velocity}), 1..127; the
     *        implementation applies the sound's own velocity scale as the synth does
     * @return the samples (do not modify)
     * @throws IllegalArgumentException if the velocity is out of range
     */
    float[] sound(Voice voice, int velocity);
}
