package com.example.metronome;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.OfflineRenderer;
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
 * Renders four bars of a metronome ramping from 120 to 150 bpm to a WAV file, then plays the same
 * four bars live on the JDK's software synthesizer and waits for the end. Run with
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED} (class path) or
 * {@code =org.entrain.midi} (module path). The code shown in the README's Embedding section.
 */
public final class Metronome {

    private Metronome() {
    }

    /**
     * Renders, then plays.
     *
     * @param args the WAV file to write (default {@code metronome.wav})
     * @throws Exception if there is no audio output or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        TempoMap tempo = TempoMap.builder(120).then(TempoChange.rampTo(RampShape.LINEAR, 150, Length.bars(4))).build();
        Pattern pattern = Pattern.builder().accents(1).subdivide(2).build();
        Length end = Length.bars(4);

        // Offline: no sound card needed; each cue's sound starts at its planned time to the sample.
        Path wav = Path.of(args.length > 0 ? args[0] : "metronome.wav");
        OfflineRenderer.Result rendered = OfflineRenderer.render(tempo, pattern, end, CueSounds.defaults(),
                SynthSettings.defaults(), wav);
        System.out.printf("rendered %d cues to %s (%d frames)%n", rendered.cues().size(), wav, rendered.frames());

        // Live: the engine sends each cue ahead of time, timestamped, and the synth places it to the sample.
        try (SoftSynth synth = SoftSynth.openLive(SynthSettings.defaults())) {
            SynthCueSink sink = SynthCueSink.live(synth, CueSounds.defaults(), SystemNanoClock.INSTANCE,
                    SynthCueSink.estimatedOutputLatencyNanos(synth), SynthCueSink.recommendedMarginNanos(synth));
            CueEngine engine = CueEngine.builder().tempoMap(tempo).pattern(pattern).end(end).sink(sink).build();
            engine.start();
            if (!engine.awaitFinished(1, TimeUnit.MINUTES)) {
                engine.stop();
                throw new IllegalStateException("the engine did not finish within a minute");
            }
            // The last cue is still in the synth's line buffer: let it ring out before closing.
            TimeUnit.NANOSECONDS.sleep(SynthCueSink.estimatedOutputLatencyNanos(synth) + 300_000_000L);
            System.out.printf("played %d cues on the software synth (%d too late for sample-accurate placement)%n",
                    sink.sentCues(), sink.lateCues());
        }
    }
}
