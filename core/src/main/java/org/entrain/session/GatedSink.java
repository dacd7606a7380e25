package org.entrain.session;

import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;

/**
 * An output sink behind the session's {@link CueDecider}: passes a cue on only if it sounds, with
 * the decided (faded) velocity and (perturbation) displaced deadline. Only the dispatcher thread calls it; allocation free.
 */
final class GatedSink implements CueSink {

    private final CueDecider decider;
    private final CueSink sink;
    private final Cue scratch = new Cue();

    GatedSink(CueDecider decider, CueSink sink) {
        this.decider = decider;
        this.sink = sink;
    }

    @Override
    public long advanceNanos() {
        return sink.advanceNanos();
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
