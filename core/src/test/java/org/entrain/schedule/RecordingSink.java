package org.entrain.schedule;

import java.util.ArrayList;
import java.util.List;
import org.entrain.clock.NanoClock;

/** A sink that keeps a copy of every cue with the clock reading when it arrived. Dispatcher thread only. */
class RecordingSink implements CueSink {

    /** One received cue. */
    record Received(CueEvent cue, long deadlineNanos, long receivedNanos) {
    }

    final List<Received> received = new ArrayList<>();
    private final NanoClock clock;
    private final long advance;
    int ends;

    RecordingSink(NanoClock clock, long advanceNanos) {
        this.clock = clock;
        this.advance = advanceNanos;
    }

    @Override
    public long advanceNanos() {
        return advance;
    }

    @Override
    public void onCue(Cue cue) {
        received.add(new Received(cue.toEvent(), cue.deadlineNanos(), clock.nanoTime()));
    }

    @Override
    public void onEnd() {
        ends++;
    }
}
