package org.entrain.midi;

import org.entrain.clock.Deadlines;
import org.entrain.clock.ManualNanoClock;
import org.entrain.schedule.CueEngine;

/** Test helper: drives a begun engine on a manual clock, jumping to each wake-up time. */
final class Drive {

    private Drive() {
    }

    static void toEnd(CueEngine engine, ManualNanoClock clock) {
        engine.doWork(clock.nanoTime());
        int guard = 0;
        while (!engine.isFinished()) {
            long wake = engine.nextWakeNanos();
            if (wake == Deadlines.NULL_DEADLINE) {
                engine.doWork(clock.nanoTime());
                if (engine.isFinished()) {
                    break;
                }
                throw new IllegalStateException("engine idle but not finished");
            }
            if (Deadlines.before(clock.nanoTime(), wake)) {
                clock.set(wake);
            }
            engine.doWork(clock.nanoTime());
            if (++guard > 10_000_000) {
                throw new IllegalStateException("engine did not finish");
            }
        }
    }
}
