package org.entrain.schedule;

import org.entrain.pattern.Voice;

/**
 * One planned cue as a value: a row of the cue CSV. Immutable.
 *
 * @param index the cue number among the cues that sound, from 0
 * @param bar the bar, from 0
 * @param beat the beat within the bar from 0 (for a layer pulse: the pulse within the bar)
 * @param sub the subdivision within the beat, from 0
 * @param layer the polyrhythm layer, or {@link Cue#MAIN_GRID}
 * @param beatPosition beats from beat 0
 * @param timeNanos when it sounds, nanos from beat 0
 * @param bpm the instantaneous tempo
 * @param voice the voice
 * @param velocity the MIDI velocity, 1..127
 */
public record CueEvent(long index, long bar, int beat, int sub, int layer, double beatPosition, long timeNanos,
                       double bpm, Voice voice, int velocity) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public CueEvent {
        if (index < 0 || bar < 0 || beat < 0 || sub < 0) {
            throw new IllegalArgumentException("cue index, bar, beat and sub must be >= 0, were "
                    + index + ", " + bar + ", " + beat + ", " + sub);
        }
        if (voice == null) {
            throw new IllegalArgumentException("cue voice must not be null");
        }
        if (velocity < 1 || velocity > 127) {
            throw new IllegalArgumentException("cue velocity must be between 1 and 127, was " + velocity);
        }
        if (!(bpm > 0) || !Double.isFinite(bpm)) {
            throw new IllegalArgumentException("cue bpm must be a finite number above 0, was " + bpm);
        }
    }

    /**
     * When it sounds.
     *
     * @return seconds from beat 0
     */
    public double timeSeconds() {
        return timeNanos / 1e9;
    }
}
