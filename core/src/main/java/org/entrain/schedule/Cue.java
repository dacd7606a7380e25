package org.entrain.schedule;

import org.entrain.pattern.Voice;

/**
 * One cue, read-only: what a {@link CueSink} receives. The engine hands over a reused view of a
 * preallocated slot, so a sink may read it only during the call that hands it over and cannot
 * change what the next sink sees; to keep a cue, copy it ({@link MutableCue#copyFrom(Cue)}, or
 * {@link #toEvent()} off the hot path). Implementations are not thread safe.
 */
public interface Cue {

    /** {@link #layer()} of a main-grid cue. */
    int MAIN_GRID = -1;

    /**
     * The cue's number among the cues that sound, from 0.
     *
     * @return the index
     */
    long index();

    /**
     * The bar, from 0.
     *
     * @return the bar
     */
    long bar();

    /**
     * The beat within the bar, from 0; for a layer pulse, the pulse within the bar.
     *
     * @return the beat
     */
    int beat();

    /**
     * The subdivision within the beat, from 0 (0 is the beat itself).
     *
     * @return the subdivision
     */
    int sub();

    /**
     * The polyrhythm layer, or {@link #MAIN_GRID}.
     *
     * @return the layer index or -1
     */
    int layer();

    /**
     * The position on the tempo map, in beats from beat 0 (fractional for subdivisions and layers).
     *
     * @return beats
     */
    double beatPosition();

    /**
     * When the cue sounds, in nanoseconds from the tempo map's beat 0 (the plan's time line).
     *
     * @return nanos from the first beat
     */
    long timeNanos();

    /**
     * When the cue must sound, on the engine's clock ({@link org.entrain.clock.NanoClock}). In a
     * plan without an engine this equals {@link #timeNanos()}.
     *
     * @return engine nanos
     */
    long deadlineNanos();

    /**
     * The instantaneous tempo at the cue.
     *
     * @return bpm
     */
    double bpm();

    /**
     * The cue's role.
     *
     * @return the voice
     */
    Voice voice();

    /**
     * The MIDI velocity.
     *
     * @return 1..127
     */
    int velocity();

    /**
     * An immutable copy (allocates: keep it off the cue path).
     *
     * @return the cue as a value
     */
    default CueEvent toEvent() {
        return new CueEvent(index(), bar(), beat(), sub(), layer(), beatPosition(), timeNanos(), bpm(), voice(),
                velocity());
    }
}
