package org.entrain.examples;

import java.util.concurrent.TimeUnit;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.SoftSynth;
import org.entrain.midi.SynthCueSink;
import org.entrain.midi.SynthSettings;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;

/**
 * A metronome on the software synth: 8 bars ramping from 90 to 120 bpm, eighth-note
 * subdivisions, accents on 1. Not thread safe (a main method). Run with
 * {@code java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED -cp examples/target/entrain.jar org.entrain.examples.PlayMetronome}.
 */
public final class PlayMetronome {

    private PlayMetronome() {
    }

    /**
     * Plays the metronome.
     *
     * @param args ignored
     * @throws Exception if there is no audio device
     */
    public static void main(String[] args) throws Exception {
        TempoMap map = TempoMap.builder(90).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.bars(6))).build();
        Pattern pattern = Pattern.builder().accents(1).subdivide(2).build();
        try (SoftSynth synth = SoftSynth.openLive(SynthSettings.defaults())) {
            SynthCueSink sink = SynthCueSink.live(synth, CueSounds.defaults(), SystemNanoClock.INSTANCE,
                    SynthCueSink.estimatedOutputLatencyNanos(synth), SynthCueSink.recommendedMarginNanos(synth));
            CueEngine engine = CueEngine.builder().tempoMap(map).pattern(pattern).end(Length.bars(8)).sink(sink).build();
            engine.start();
            engine.awaitFinished(1, TimeUnit.MINUTES);
            // let the last note ring out through the line buffer
            TimeUnit.MILLISECONDS.sleep(500);
            System.out.println("played " + engine.sentCount() + " cues; p99 send lateness "
                    + engine.latenessSinceLastCall().getValueAtPercentile(99) / 1000 + " us");
        }
    }
}
