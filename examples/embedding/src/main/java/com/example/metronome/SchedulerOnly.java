package com.example.metronome;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;

/**
 * The scheduler alone with an output of one's own: no synth, no audio, no {@code java.desktop}.
 * Prints how many cues its sink received and whether {@code java.desktop} is in the JVM's module
 * graph (run it with {@code --limit-modules} to show that the engine does not need it).
 */
public final class SchedulerOnly {

    private SchedulerOnly() {
    }

    /**
     * Runs two bars at 240 bpm into a counting sink.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        AtomicLong received = new AtomicLong();
        // Called on the dispatcher thread at each cue's deadline; the Cue object is reused.
        CueEngine engine = CueEngine.builder().tempoMap(TempoMap.constant(240)).pattern(Pattern.defaults())
                .end(Length.bars(2)).sink(cue -> received.incrementAndGet()).build();
        engine.start();
        if (!engine.awaitFinished(1, TimeUnit.MINUTES)) {
            engine.stop();
            throw new IllegalStateException("the engine did not finish within a minute");
        }
        System.out.printf("scheduler only: %d cues received; java.desktop in the module graph: %b%n",
                received.get(), ModuleLayer.boot().findModule("java.desktop").isPresent());
    }
}
