package org.entrain.schedule;

import org.entrain.pattern.Voice;

/**
 * One cue, as a mutable, preallocated slot: the planner fills it in place so the cue path never
 * allocates. Not thread safe. A sink may read it only during the call that hands it over; to
 * keep it, copy it ({@link #toEvent()}, off the hot path, or {@link #copyFrom(Cue)}).
 */
public final class Cue {

    /** {@link #layer()} of a main-grid cue. */
    public static final int MAIN_GRID = -1;

    private long index;
    private long bar;
    private int beat;
    private int sub;
    private int layer = MAIN_GRID;
    private double beatPosition;
    private long timeNanos;
    private long deadlineNanos;
    private double bpm;
    private Voice voice = Voice.BEAT;
    private int velocity;

    /** Creates an empty slot. */
    public Cue() {
    }

    /**
     * The cue's number among the cues that sound, from 0.
     *
     * @return the index
     */
    public long index() {
        return index;
    }

    /**
     * The bar, from 0.
     *
     * @return the bar
     */
    public long bar() {
        return bar;
    }

    /**
     * The beat within the bar, from 0; for a layer pulse, the pulse within the bar.
     *
     * @return the beat
     */
    public int beat() {
        return beat;
    }

    /**
     * The subdivision within the beat, from 0 (0 is the beat itself).
     *
     * @return the subdivision
     */
    public int sub() {
        return sub;
    }

    /**
     * The polyrhythm layer, or {@link #MAIN_GRID}.
     *
     * @return the layer index or -1
     */
    public int layer() {
        return layer;
    }

    /**
     * The position on the tempo map, in beats from beat 0 (fractional for subdivisions and layers).
     *
     * @return beats
     */
    public double beatPosition() {
        return beatPosition;
    }

    /**
     * When the cue sounds, in nanoseconds from the tempo map's beat 0 (the plan's time line).
     *
     * @return nanos from the first beat
     */
    public long timeNanos() {
        return timeNanos;
    }

    /**
     * When the cue must sound, on the engine's clock ({@link org.entrain.clock.NanoClock}). In a
     * plan without an engine this equals {@link #timeNanos()}.
     *
     * @return engine nanos
     */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * The instantaneous tempo at the cue.
     *
     * @return bpm
     */
    public double bpm() {
        return bpm;
    }

    /**
     * The cue's role.
     *
     * @return the voice
     */
    public Voice voice() {
        return voice;
    }

    /**
     * The MIDI velocity.
     *
     * @return 1..127
     */
    public int velocity() {
        return velocity;
    }

    /**
     * Fills every field. Allocation free.
     *
     * @param index the cue number
     * @param bar the bar
     * @param beat the beat within the bar
     * @param sub the subdivision within the beat
     * @param layer the layer, or {@link #MAIN_GRID}
     * @param beatPosition beats from beat 0
     * @param timeNanos nanos from beat 0
     * @param deadlineNanos engine nanos when it sounds
     * @param bpm the tempo
     * @param voice the voice
     * @param velocity the velocity
     * @return this slot
     */
    public Cue set(long index, long bar, int beat, int sub, int layer, double beatPosition, long timeNanos,
                   long deadlineNanos, double bpm, Voice voice, int velocity) {
        this.index = index;
        this.bar = bar;
        this.beat = beat;
        this.sub = sub;
        this.layer = layer;
        this.beatPosition = beatPosition;
        this.timeNanos = timeNanos;
        this.deadlineNanos = deadlineNanos;
        this.bpm = bpm;
        this.voice = voice;
        this.velocity = velocity;
        return this;
    }

    /**
     * Sets the engine deadline.
     *
     * @param deadlineNanos engine nanos when the cue sounds
     * @return this slot
     */
    public Cue deadlineNanos(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        return this;
    }

    /**
     * Copies another slot into this one. Allocation free.
     *
     * @param other the source
     * @return this slot
     */
    public Cue copyFrom(Cue other) {
        return set(other.index, other.bar, other.beat, other.sub, other.layer, other.beatPosition, other.timeNanos,
                other.deadlineNanos, other.bpm, other.voice, other.velocity);
    }

    /**
     * An immutable copy (allocates: keep it off the cue path).
     *
     * @return the cue as a value
     */
    public CueEvent toEvent() {
        return new CueEvent(index, bar, beat, sub, layer, beatPosition, timeNanos, bpm, voice, velocity);
    }

    @Override
    public String toString() {
        return "Cue[#" + index + " bar " + bar + " beat " + beat + " sub " + sub + " at " + timeNanos + " ns, "
                + voice.id() + " " + velocity + "]";
    }
}
