package org.entrain.session;

import org.entrain.pattern.Voice;

/**
 * A cue as a front end sees it, delivered when it sounds. Immutable.
 *
 * @param index the cue number, from 0
 * @param bar the bar, from 0
 * @param beat the beat in the bar, from 0
 * @param sub the subdivision in the beat, from 0
 * @param voice the voice
 * @param velocity the velocity sent (after fading), 1..127
 * @param deadlineNanos when it sounds, engine nanos
 * @param bpm the tempo at the cue
 * @param phase the index of its phase in the protocol
 * @param sounded false if the cue was silent (baseline, continuation, a dropped or gap cue)
 */
public record SessionCue(long index, long bar, int beat, int sub, Voice voice, int velocity, long deadlineNanos,
                         double bpm, int phase, boolean sounded) {
}
