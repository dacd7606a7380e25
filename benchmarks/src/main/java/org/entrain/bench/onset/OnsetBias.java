package org.entrain.bench.onset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.entrain.midi.CueSounds;
import org.entrain.midi.RenderedCueReferences;
import org.entrain.midi.SynthSettings;
import org.entrain.audio.AudioFileOnsets;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.RealHitMixes;
import org.entrain.pattern.Voice;

/**
 * Onset bias against attack time, end to end: every real recorded hit in the test resources
 * ({@link RealHitMixes}) and every voice of the two cue kits the benchmarks render, each sound
 * alone, placed at 20 random whole-sample positions in digital silence and in white noise 30 dB
 * below its peak, detected by {@link AudioFileOnsets#detect} (the file path, no cancellation).
 * Stateless.
 *
 * <p>Columns: the rise time 10-90 % of the band-passed envelope (the detector's band, as
 * {@link OnsetDetector#onsetOf} filters) and of the broadband magnitude; the detection error
 * against the project's onset definition ({@code OnsetDetector.onsetOf}: first band-passed sample
 * at 10 % of the band peak that is followed within 2 ms by 30 % of it, minus the low-pass's group
 * delay), median and largest magnitude; and
 * where that definition lies against a definition-free reference, the first broadband sample at 10
 * % of the broadband peak ("definition offset": onsetOf minus that sample). Taps and cues are both
 * defined by {@code onsetOf}, so a tap-minus-cue asynchrony carries the difference of their
 * definition offsets, not the detector's error.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.entrain.bench.onset.OnsetBias}
 * (prints a Markdown table; about 10 s).
 */
public final class OnsetBias {

    private static final float RATE = 44_100f;
    private static final int REPEATS = 20;

    private OnsetBias() {
    }

    /**
     * Prints the table.
     *
     * @param args none
     * @throws Exception if rendering the cue voices fails
     */
    public static void main(String[] args) throws Exception {
        table();
    }

    /**
     * Prints the table: every hit (tuning, held-out, hand and foot sounds), then the cue voices of
     * the default kit and the benchmarks' other kit at velocity 100.
     *
     * @throws Exception if rendering the cue voices fails
     */
    static void table() throws Exception {
        System.out.println();
        System.out.println("| sound | class | rise 10-90 % band ms | rise 10-90 % broadband ms | error in silence, median (max abs) ms"
                + " | error in noise 30 dB below the peak, median (max abs) ms | definition offset ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<String> hits = new ArrayList<>(RealHitMixes.TUNING_HITS);
        hits.addAll(RealHitMixes.HELD_OUT_HITS);
        hits.addAll(RealHitMixes.HAND_AND_FOOT_HITS);
        hits.addAll(RealHitMixes.HAND_AND_FOOT_HELD_OUT_HITS);
        Random rng = new Random(5);
        for (String h : hits) {
            boolean heldOut = RealHitMixes.HELD_OUT_HITS.contains(h) || RealHitMixes.HAND_AND_FOOT_HELD_OUT_HITS.contains(h);
            row(h + (heldOut ? " (held out)" : ""), RealHitMixes.classOf(h), RealHitMixes.hit(h), rng);
        }
        CueSounds[] kits = {CueSounds.defaults(), RealHitAccuracy.otherKit()};
        String[] kitNames = {"default kit", "other kit"};
        for (int k = 0; k < kits.length; k++) {
            RenderedCueReferences refs = RenderedCueReferences.render(kits[k], SynthSettings.defaults(), RATE);
            for (Voice v : Voice.values()) {
                row(kitNames[k] + " " + v.id() + " (" + "note " + kits[k].of(v).note() + ")", "cue voice, velocity 100",
                        refs.sound(v, 100), rng);
            }
        }
    }

    private static void row(String name, String kind, float[] sound, Random rng) {
        DetectorSettings taps = DetectorSettings.taps();
        int on = OnsetDetector.onsetOf(sound, taps, RATE);
        double[] band = bandAbs(sound, taps);
        double[] broad = new double[sound.length];
        for (int i = 0; i < sound.length; i++) {
            broad[i] = Math.abs(sound[i]);
        }
        double peak = Arrays.stream(broad).max().orElse(0);
        double[] silence = new double[REPEATS];
        double[] noisy = new double[REPEATS];
        for (int rep = 0; rep < REPEATS; rep++) {
            for (int noise = 0; noise < 2; noise++) {
                float[] x = new float[(int) RATE];
                int at = 4410 + rng.nextInt(20_000);
                float gain = (float) (0.25 / peak);
                for (int i = 0; i < sound.length && at + i < x.length; i++) {
                    x[at + i] = gain * sound[i];
                }
                if (noise == 1) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] += (float) (0.25 * 0.0316 * rng.nextGaussian());
                    }
                }
                List<Onset> o = AudioFileOnsets.detect(x, RATE, taps, null);
                double e = o.isEmpty() ? Double.NaN : (o.get(0).timeNanos() / 1e9 * RATE - (at + on)) / (RATE / 1000);
                (noise == 0 ? silence : noisy)[rep] = e;
            }
        }
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s | %s | %+.2f |", name, kind,
                rise(band), rise(broad), stats(silence), stats(noisy), (on - crossing(broad, 0.1)) / (RATE / 1000)));
    }

    private static String stats(double[] e) {
        double maxAbs = Arrays.stream(e).map(Math::abs).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%+.3f (%.3f)", Matcher.quantile(e, 0.5), maxAbs);
    }

    /** Samples from the first 10 % crossing to the first 90 % crossing of the envelope's peak, ms. */
    static double rise(double[] env) {
        return (crossing(env, 0.9) - crossing(env, 0.1)) / (RATE / 1000);
    }

    /** The first index whose value reaches {@code fraction} of the largest. */
    static int crossing(double[] env, double fraction) {
        double peak = Arrays.stream(env).max().orElse(0);
        int i = 0;
        while (i < env.length - 1 && env[i] < fraction * peak) {
            i++;
        }
        return i;
    }

    /** The magnitude of the detector's band (two Butterworth biquads), as OnsetDetector.onsetOf filters. */
    static double[] bandAbs(float[] x, DetectorSettings s) {
        double[] hp = biquad(s.lowHz(), true);
        double[] lp = biquad(s.highHz(), false);
        double[] out = new double[x.length];
        double h1 = 0;
        double h2 = 0;
        double hy1 = 0;
        double hy2 = 0;
        double l1 = 0;
        double l2 = 0;
        double ly1 = 0;
        double ly2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = hp[0] * x[i] + hp[1] * h1 + hp[2] * h2 - hp[3] * hy1 - hp[4] * hy2;
            h2 = h1;
            h1 = x[i];
            hy2 = hy1;
            hy1 = v;
            double w = lp[0] * v + lp[1] * l1 + lp[2] * l2 - lp[3] * ly1 - lp[4] * ly2;
            l2 = l1;
            l1 = v;
            ly2 = ly1;
            ly1 = w;
            out[i] = Math.abs(w);
        }
        return out;
    }

    /** RBJ cookbook Butterworth (Q = 1/sqrt 2) biquad, normalised: b0, b1, b2, a1, a2. */
    private static double[] biquad(double f, boolean high) {
        double w = 2 * Math.PI * f / RATE;
        double alpha = Math.sin(w) / Math.sqrt(2);
        double c = Math.cos(w);
        double a0 = 1 + alpha;
        double b0 = high ? (1 + c) / 2 : (1 - c) / 2;
        double b1 = high ? -(1 + c) : 1 - c;
        return new double[] {b0 / a0, b1 / a0, b0 / a0, -2 * c / a0, (1 - alpha) / a0};
    }
}
