package org.entrain.schedule;

import org.entrain.pattern.Voice;

/**
 * A read-only view of a slot, re-pointed before each hand-over so that sinks and log readers get
 * the slot's values without its setters (a sink cannot cast it back to the slot). Not thread
 * safe: one owner thread.
 */
final class CueView implements Cue {

    private Cue target = new MutableCue();

    /** Points the view at a slot and returns it. */
    Cue of(Cue slot) {
        target = slot;
        return this;
    }

    @Override
    public long index() {
        return target.index();
    }

    @Override
    public long bar() {
        return target.bar();
    }

    @Override
    public int beat() {
        return target.beat();
    }

    @Override
    public int sub() {
        return target.sub();
    }

    @Override
    public int layer() {
        return target.layer();
    }

    @Override
    public double beatPosition() {
        return target.beatPosition();
    }

    @Override
    public long timeNanos() {
        return target.timeNanos();
    }

    @Override
    public long deadlineNanos() {
        return target.deadlineNanos();
    }

    @Override
    public double bpm() {
        return target.bpm();
    }

    @Override
    public Voice voice() {
        return target.voice();
    }

    @Override
    public int velocity() {
        return target.velocity();
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
