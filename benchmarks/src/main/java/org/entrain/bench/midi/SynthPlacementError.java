package org.entrain.bench.midi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.entrain.midi.CueSounds;
import org.entrain.midi.OfflineRenderer;
import org.entrain.midi.SynthSettings;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;

/**
 * Software-synth placement error: renders 10 minutes of cues through ramps (linear 60 -> 120 bpm
 * over 4 min, hold 1 min, exponential 120 -> 75 over 3 min, linear-beats 75 -> 100 over 2 min;
 * eighth-note subdivisions, accents on 1), finds every onset in the WAV blindly, and reports the
 * largest |onset - CSV time| in samples. Not thread safe (a main method).
 *
 * <pre>{@code
 * java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED \
 *      -cp benchmarks/target/benchmarks.jar org.entrain.bench.midi.SynthPlacementError [minutes]
 * }</pre>
 */
public final class SynthPlacementError {

    private SynthPlacementError() {
    }

    /**
     * Runs the measurement.
     *
     * @param args optional: minutes to render (default 10)
     * @throws Exception if rendering fails
     */
    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        TempoMap map = TempoMap.builder(60)
                .then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.seconds(240)))
                .then(TempoChange.hold(Length.seconds(60)))
                .then(TempoChange.rampTo(RampShape.EXPONENTIAL, 75, Length.seconds(180)))
                .then(TempoChange.rampTo(RampShape.LINEAR_BEATS, 100, Length.seconds(120)))
                .build();
        Pattern pattern = Pattern.builder().accents(1).subdivide(2).build();
        Path wav = Files.createTempFile("entrain-placement", ".wav");
        try {
            for (SynthSettings s : new SynthSettings[] {SynthSettings.defaults(),
                    SynthSettings.defaults().withControlRate(147).withAutoGainControl(true)}) {
                long t0 = System.nanoTime();
                OfflineRenderer.Result r = OfflineRenderer.render(map, pattern, Length.seconds(minutes * 60),
                        CueSounds.defaults(), s, wav);
                double renderSeconds = (System.nanoTime() - t0) / 1e9;
                short[] pcm = read(wav);
                List<Integer> onsets = onsets(pcm);
                double max = 0;
                double sum = 0;
                int n = Math.min(onsets.size(), r.cues().size());
                for (int i = 0; i < n; i++) {
                    CueEvent c = r.cues().get(i);
                    double err = onsets.get(i) - c.timeNanos() / 1e9 * r.sampleRate();
                    max = Math.max(max, Math.abs(err));
                    sum += Math.abs(err);
                }
                System.out.printf(Locale.ROOT, "control rate %.0f, limiter %s: %d cues, %d onsets found, %.1f min "
                                + "rendered in %.2f s, synth offset %d samples removed; placement error max |e| = %.3f "
                                + "samples, mean |e| = %.3f samples%n",
                        s.controlRate(), s.autoGainControl() ? "on" : "off", r.cues().size(), onsets.size(),
                        r.frames() / r.sampleRate() / 60, renderSeconds, r.offsetSamples(), max, sum / n);
                if (onsets.size() != r.cues().size()) {
                    System.out.println("WARNING: onset count differs from cue count");
                }
            }
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private static short[] read(Path wav) throws IOException, javax.sound.sampled.UnsupportedAudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            return OfflineRenderer.readMono(in, (int) in.getFrameLength());
        }
    }

    /** First sample above 200 after 200 samples below 50: a jump out of silence. */
    private static List<Integer> onsets(short[] pcm) {
        List<Integer> out = new ArrayList<>();
        int quiet = 200;
        for (int i = 0; i < pcm.length; i++) {
            int a = Math.abs(pcm[i]);
            if (a > 200 && quiet >= 200) {
                out.add(i);
            }
            quiet = a < 50 ? quiet + 1 : 0;
        }
        return out;
    }
}
