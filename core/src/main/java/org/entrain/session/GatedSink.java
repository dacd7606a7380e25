package org.entrain.session;

import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;
import org.entrain.schedule.MutableCue;

/**
 * An output sink behind the session's {@link CueDecider}: passes a cue on only if it sounds, with
 * the decided (faded) velocity and (perturbation) displaced deadline. The decision was made when
 * the engine committed the cue, so it is known here without waiting, on either thread. Called by
 * one thread: the dispatcher, or the engine's sender thread when the wrapped sink is
 * {@link #timestamped()}; allocation free.
 */
final class GatedSink implements CueSink {

    private final CueDecider decider;
    private final CueSink sink;
    private final MutableCue scratch = new MutableCue();

    GatedSink(CueDecider decider, CueSink sink) {
        this.decider = decider;
        this.sink = sink;
    }

    @Override
    public long advanceNanos() {
        return sink.advanceNanos();
    }

    @Override
    public boolean timestamped() {
        return sink.timestamped();
    }

    @Override
    public void onCue(Cue cue) {
        int v = decider.velocityOf(cue.index());
        if (v <= 0) {
            return;
        }
        long shift = decider.shiftOf(cue.index());
        if (v == cue.velocity() && shift == 0) {
            sink.onCue(cue);
            return;
        }
        scratch.set(cue.index(), cue.bar(), cue.beat(), cue.sub(), cue.layer(), cue.beatPosition(), cue.timeNanos() + shift,
                cue.deadlineNanos() + shift, cue.bpm(), cue.voice(), v);
        sink.onCue(scratch);
    }

    @Override
    public void onEnd() {
        sink.onEnd();
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
