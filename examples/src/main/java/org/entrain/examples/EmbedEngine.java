package org.entrain.examples;

import java.util.concurrent.TimeUnit;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.ChangeAt;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.CueSink;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;

/**
 * Embedding the engine with your own output: a sink that records when each cue arrived, a live
 * ramp started from another thread, and the lateness the engine measured itself. Run with
 * {@code java -cp examples/target/entrain.jar org.entrain.examples.EmbedEngine}.
 */
public final class EmbedEngine {

    private EmbedEngine() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        // Your output: called on the dispatcher thread at each cue's deadline. Keep it short and
        // allocation free; copy what you need (the Cue object is reused).
        long[] arrivals = new long[64];
        int[] count = {0};
        CueSink sink = (Cue cue) -> {
            if (count[0] < arrivals.length) {
                arrivals[count[0]++] = System.nanoTime() - cue.deadlineNanos();
            }
        };
        CueEngine engine = CueEngine.builder()
                .tempoMap(TempoMap.constant(120))
                .pattern(Pattern.builder().subdivide(2).build())
                .end(Length.bars(6))
                .sink(sink)
                .build();
        engine.start();
        Thread.sleep(1_000);
        // A live ramp from the next bar: cues already sent never move; the phase stays continuous.
        engine.changeTempo(TempoChange.rampTo(RampShape.LINEAR, 150, Length.bars(2)), ChangeAt.NEXT_BAR);
        engine.awaitFinished(30, TimeUnit.SECONDS);
        var lateness = engine.latenessSinceLastCall();
        System.out.printf("%d cues sent; lateness p50 %.1f us, p99 %.1f us, max %.1f us%n",
                lateness.getTotalCount(), lateness.getValueAtPercentile(50) / 1e3,
                lateness.getValueAtPercentile(99) / 1e3, lateness.getMaxValue() / 1e3);
        System.out.printf("final tempo %.1f bpm%n", engine.tempoMap().finalBpm());
    }
}
