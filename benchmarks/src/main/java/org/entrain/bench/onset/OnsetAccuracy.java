package org.entrain.bench.onset;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import be.tarsos.dsp.onsets.ComplexOnsetDetector;
import be.tarsos.dsp.onsets.PercussionOnsetDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.entrain.audio.AudioFileOnsets;
import org.entrain.cancel.CueBleed;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.TestSignals;

/**
 * Accuracy and throughput of onset detectors on the project's reference mix (60 s, 120 taps of
 * clicks, knocks and claps, 20 dB SNR, +-6 dB level changes, a 100 bpm cue bleeding in at -6 dB with
 * a quarter of the taps on a cue, room reverb; truth known to the sample): the project's detector,
 * and TarsosDSP 2.4's ComplexOnsetDetector and PercussionOnsetDetector used as they come.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.entrain.bench.onset.OnsetAccuracy [seeds] [throughputRuns]}
 * (defaults 5 and 20). Prints a Markdown table per seed and the throughput in times real time on
 * one thread.
 */
public final class OnsetAccuracy {

    private OnsetAccuracy() {
    }

    /**
     * Runs the comparison.
     *
     * @param args optional: number of seeds, throughput repetitions
     * @throws UnsupportedAudioFileException never (TarsosDSP's signature)
     */
    public static void main(String[] args) throws UnsupportedAudioFileException {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.out.println("JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cpus");
        System.out.println("| detector | F (50 ms) | matched/detected | median error ms | p95 abs error ms | mean +- SD ms | false onsets at cues |");
        System.out.println("|---|---|---|---|---|---|---|");
        TestSignals.Mix mix0 = null;
        for (int seed = 1; seed <= seeds; seed++) {
            TestSignals.Mix mix = TestSignals.mix(TestSignals.Spec.reference(seed));
            if (mix0 == null) {
                mix0 = mix;
            }
            float rate = mix.sampleRate();
            double[] truth = seconds(mix.hitFrames(), rate);
            double[] cues = seconds(mix.cueFrames(), rate);
            long[] cueNanos = new long[cues.length];
            for (int i = 0; i < cues.length; i++) {
                cueNanos[i] = Math.round(cues[i] * 1e9);
            }
            String s = " (seed " + seed + ")";
            System.out.println(Matcher.match(truth, project(mix, CueBleed.of(cueNanos, TestSignals.cueSound(rate))), 0.05, cues)
                    .row("Entrain taps, cue subtracted (known waveform)" + s));
            System.out.println(Matcher.match(truth, project(mix, CueBleed.estimated(cueNanos)), 0.05, cues)
                    .row("Entrain taps, cue subtracted (estimated waveform)" + s));
            System.out.println(Matcher.match(truth, project(mix, null), 0.05, cues).row("Entrain taps, no cue information" + s));
            System.out.println(Matcher.match(truth, complex(mix), 0.05, cues).row("TarsosDSP Complex 512/256, defaults" + s));
            System.out.println(Matcher.match(truth, percussion(mix, PercussionOnsetDetector.DEFAULT_SENSITIVITY,
                    PercussionOnsetDetector.DEFAULT_THRESHOLD), 0.05, cues).row("TarsosDSP Percussion 512/256, defaults" + s));
            System.out.println(Matcher.match(truth, percussion(mix, 60, PercussionOnsetDetector.DEFAULT_THRESHOLD), 0.05, cues)
                    .row("TarsosDSP Percussion 512/256, sensitivity 60" + s));
        }
        throughput(mix0, runs);
    }

    private static double[] seconds(long[] frames, float rate) {
        double[] s = new double[frames.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = frames[i] / (double) rate;
        }
        return s;
    }

    static double[] project(TestSignals.Mix mix, CueBleed bleed) {
        List<Onset> on = AudioFileOnsets.detect(mix.samples(), mix.sampleRate(), DetectorSettings.taps(), bleed);
        return on.stream().mapToDouble(o -> o.timeNanos() / 1e9).toArray();
    }

    static double[] complex(TestSignals.Mix mix) throws UnsupportedAudioFileException {
        List<Double> t = new ArrayList<>();
        AudioDispatcher d = AudioDispatcherFactory.fromFloatArray(mix.samples().clone(), (int) mix.sampleRate(), 512, 256);
        ComplexOnsetDetector c = new ComplexOnsetDetector(512);
        c.setHandler((time, salience) -> t.add(time));
        d.addAudioProcessor(c);
        d.run();
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] percussion(TestSignals.Mix mix, double sensitivity, double threshold) throws UnsupportedAudioFileException {
        List<Double> t = new ArrayList<>();
        AudioDispatcher d = AudioDispatcherFactory.fromFloatArray(mix.samples().clone(), (int) mix.sampleRate(), 512, 256);
        d.addAudioProcessor(new PercussionOnsetDetector(mix.sampleRate(), 512, (time, salience) -> t.add(time), sensitivity, threshold));
        d.run();
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void throughput(TestSignals.Mix mix, int runs) throws UnsupportedAudioFileException {
        double seconds = mix.samples().length / (double) mix.sampleRate();
        long[] cueNanos = new long[mix.cueFrames().length];
        for (int i = 0; i < cueNanos.length; i++) {
            cueNanos[i] = Math.round(mix.cueFrames()[i] * 1e9 / mix.sampleRate());
        }
        CueBleed known = CueBleed.of(cueNanos, TestSignals.cueSound(mix.sampleRate()));
        System.out.println();
        System.out.println("Throughput on one thread, " + String.format(Locale.ROOT, "%.0f", seconds)
                + " s of 44.1 kHz mono, best and median of " + runs + " runs after 5 warm-ups:");
        System.out.println("| detector | best ms | median ms | x real time (median) |");
        System.out.println("|---|---|---|---|");
        time("Entrain taps, no cue", runs, seconds, () -> project(mix, null));
        time("Entrain taps, cue subtracted (known waveform)", runs, seconds, () -> project(mix, known));
        time("TarsosDSP Complex 512/256", runs, seconds, () -> complex(mix));
        time("TarsosDSP Percussion 512/256", runs, seconds, () -> percussion(mix, 20, 8));
    }

    private interface Job {
        double[] run() throws UnsupportedAudioFileException;
    }

    private static void time(String name, int runs, double audioSeconds, Job job) throws UnsupportedAudioFileException {
        double sink = 0;
        for (int i = 0; i < 5; i++) {
            sink += job.run().length;
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += job.run().length;
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double best = Matcher.quantile(ms, 0);
        double median = Matcher.quantile(ms, 0.5);
        System.out.println(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0fx |", name, best, median, audioSeconds * 1000 / median)
                + (sink < 0 ? "" : ""));
    }
}
