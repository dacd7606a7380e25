package org.entrain.schedule;

import org.entrain.pattern.Voice;

/**
 * A cue as a mutable, preallocated slot: the planner fills it in place so the cue path never
 * allocates. Not thread safe. The engine keeps its committed cues in such slots but hands sinks
 * only a read-only {@link Cue}; a sink that keeps a cue copies it here ({@link #copyFrom(Cue)})
 * or into a value ({@link #toEvent()}, off the hot path).
 */
public final class MutableCue implements Cue {

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
    public MutableCue() {
    }

    @Override
    public long index() {
        return index;
    }

    @Override
    public long bar() {
        return bar;
    }

    @Override
    public int beat() {
        return beat;
    }

    @Override
    public int sub() {
        return sub;
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public double beatPosition() {
        return beatPosition;
    }

    @Override
    public long timeNanos() {
        return timeNanos;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public double bpm() {
        return bpm;
    }

    @Override
    public Voice voice() {
        return voice;
    }

    @Override
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
    public MutableCue set(long index, long bar, int beat, int sub, int layer, double beatPosition, long timeNanos,
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
    public MutableCue deadlineNanos(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        return this;
    }

    /**
     * Copies another slot into this one. Allocation free.
     *
     * @param other the source
     * @return this slot
     */
    public MutableCue copyFrom(Cue other) {
        return set(other.index(), other.bar(), other.beat(), other.sub(), other.layer(), other.beatPosition(),
                other.timeNanos(), other.deadlineNanos(), other.bpm(), other.voice(), other.velocity());
    }

    @Override
    public String toString() {
        return "Cue[#" + index + " bar " + bar + " beat " + beat + " sub " + sub + " at " + timeNanos + " ns, "
                + voice.id() + " " + velocity + "]";
    }
}
