package org.entrain.session;

import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;
import org.entrain.schedule.MutableCue;

/**
 * An output sink behind the session's {@link CueDecider}: passes a cue on only if it sounds, with
 * the decided (faded) velocity and (perturbation) displaced deadline. Called by one thread: the
 * dispatcher, or the engine's sender thread when the wrapped sink is {@link #timestamped()} (then
 * it waits for the decider's published decision, at most {@link #MAX_WAIT_NANOS}); allocation free.
 */
final class GatedSink implements CueSink {

    private final CueDecider decider;
    private final CueSink sink;
    /** How long a timestamped output waits for a preempted dispatcher's decision: nanos. */
    static final long MAX_WAIT_NANOS = 10_000_000L;

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
        if (sink.timestamped() && !decider.awaitDecided(cue.index(), MAX_WAIT_NANOS)) {
            // Not decided in time (dispatcher preempted for 10 ms): send it as planned rather than lose it.
            sink.onCue(cue);
            return;
        }
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
