package org.entrain.onset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated test audio with sample-exact truth, for tests, benchmarks and demos (not used by the
 * detector itself). Stateless and thread safe.
 *
 * <p>Every hit waveform starts at its index 0 (its first non-zero sample is the truth) and peaks at
 * magnitude 1 within its first few milliseconds. The kinds: a click (decaying noise, 0.1 ms
 * attack), a knock on wood (damped 150..450 Hz partials plus a noise transient, 0.3 ms attack), a
 * clap (two or three noise bursts 4..9 ms apart, the first the loudest), a footstep-like thump
 * (damped 50..120 Hz plus a short scuff, 2 ms attack).
 */
public final class TestSignals {

    /** The kinds of generated hit. */
    public enum Hit {
        /** A sharp click. */
        CLICK,
        /** A knock on a table. */
        KNOCK,
        /** A hand clap (several bursts). */
        CLAP,
        /** A heel strike. */
        THUMP
    }

    /**
     * A generated mix.
     *
     * @param samples the mono audio, full scale = 1
     * @param sampleRate in Hz
     * @param hitFrames the first sample of every hit, ascending: the truth
     * @param cueFrames the first sample of every bleeding cue, ascending (empty when none)
     */
    public record Mix(float[] samples, float sampleRate, long[] hitFrames, long[] cueFrames) {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException if a value is null or the rate not positive
         */
        public Mix {
            if (samples == null || hitFrames == null || cueFrames == null || !(sampleRate > 0)) {
                throw new IllegalArgumentException("mix needs samples, truth, cue frames and a sample rate > 0");
            }
        }
    }

    /**
     * What to generate.
     *
     * @param seconds length, in s (1..3600)
     * @param sampleRate in Hz (8000..192000)
     * @param hits how many hits (0 or more)
     * @param kinds which hit kinds to draw from (at least one)
     * @param minGapMs the smallest gap between two hits, in ms
     * @param snrDb hit RMS (first 50 ms, nominal level) over noise RMS, in dB
     * @param levelChangeDb hits get a random level within +-this many dB (0 for none)
     * @param cueBpm the bleeding cue's rate in beats per minute, 0 for no cue
     * @param cueDb the cue's peak relative to the hits' nominal peak, in dB
     * @param syncFraction the share of hits placed within +-3 ms of a cue (a synchronized tap)
     * @param reverb whether to add a simple room reverb (RT60 about 0.3 s, wet -12 dB)
     * @param seed the random seed
     */
    public record Spec(double seconds, float sampleRate, int hits, List<Hit> kinds, double minGapMs,
                       double snrDb, double levelChangeDb, double cueBpm, double cueDb, double syncFraction,
                       boolean reverb, long seed) {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException naming the bad value
         */
        public Spec {
            if (!(seconds >= 1 && seconds <= 3600)) {
                throw new IllegalArgumentException("seconds must be between 1 and 3600, was " + seconds);
            }
            if (!(sampleRate >= 8000 && sampleRate <= 192_000)) {
                throw new IllegalArgumentException("sampleRate must be between 8000 and 192000, was " + sampleRate);
            }
            if (hits < 0 || kinds == null || kinds.isEmpty()) {
                throw new IllegalArgumentException("hits must be >= 0 and kinds non-empty, were " + hits + ", " + kinds);
            }
            if (!(syncFraction >= 0 && syncFraction <= 1)) {
                throw new IllegalArgumentException("syncFraction must be between 0 and 1, was " + syncFraction);
            }
            kinds = List.copyOf(kinds);
        }

        /**
         * The project's reference mix (the "done when" case): 60 s at 44.1 kHz, 120 taps
         * (clicks, knocks, claps) at least 150 ms apart, 20 dB SNR, +-6 dB level changes, a cue at
         * 100 bpm bleeding in at -6 dB, a quarter of the taps on a cue, reverb.
         *
         * @param seed the random seed
         * @return the spec
         */
        public static Spec reference(long seed) {
            return new Spec(60, 44_100f, 120, List.of(Hit.CLICK, Hit.KNOCK, Hit.CLAP), 150, 20, 6, 100, -6, 0.25,
                    true, seed);
        }
    }

    /** The hits' nominal peak level (full scale = 1). */
    public static final double NOMINAL_LEVEL = 0.5;

    private TestSignals() {
    }

    /**
     * One hit waveform, peak magnitude 1, starting at index 0.
     *
     * @param kind the kind
     * @param sampleRate in Hz
     * @param rng randomness for its details
     * @return the waveform
     */
    public static float[] hit(Hit kind, float sampleRate, SplittableRandom rng) {
        float[] w;
        switch (kind) {
            case CLICK:
                w = noiseBurst(sampleRate, 0.1, 8 + 6 * rng.nextDouble(), 0.035, rng);
                break;
            case KNOCK:
                w = knock(sampleRate, rng);
                break;
            case CLAP:
                w = clap(sampleRate, rng);
                break;
            case THUMP:
                w = thump(sampleRate, rng);
                break;
            default:
                throw new IllegalArgumentException("unknown hit kind " + kind);
        }
        return normalize(w);
    }

    /**
     * The cue sound used in tests: a wood-block-like 2.5 kHz and 3.7 kHz tone, 1 ms attack, 40 ms
     * decay, peak 1.
     *
     * @param sampleRate in Hz
     * @return the waveform
     */
    public static float[] cueSound(float sampleRate) {
        int len = (int) (0.08 * sampleRate);
        float[] w = new float[len];
        for (int i = 0; i < len; i++) {
            double t = i / sampleRate;
            double env = Math.min(1, t / 0.001) * Math.exp(-t / 0.012);
            w[i] = (float) (env * (Math.sin(2 * Math.PI * 2500 * t) + 0.5 * Math.sin(2 * Math.PI * 3700 * t)));
        }
        return normalize(w);
    }

    /**
     * Generates a mix per the spec.
     *
     * @param spec what to generate
     * @return the mix with its truth
     */
    public static Mix mix(Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        float rate = spec.sampleRate();
        int total = (int) Math.round(spec.seconds() * rate);
        double[] dry = new double[total];
        long[] cues = new long[0];
        if (spec.cueBpm() > 0) {
            List<Long> c = new ArrayList<>();
            double period = 60.0 / spec.cueBpm() * rate;
            float[] cue = cueSound(rate);
            double gain = NOMINAL_LEVEL * Math.pow(10, spec.cueDb() / 20);
            for (double t = 0.25 * rate; t + cue.length < total; t += period) {
                long f = Math.round(t);
                c.add(f);
                for (int i = 0; i < cue.length; i++) {
                    dry[(int) f + i] += gain * cue[i];
                }
            }
            cues = c.stream().mapToLong(Long::longValue).toArray();
        }
        int maxLen = (int) (0.3 * rate);
        long minGap = Math.round(spec.minGapMs() / 1000 * rate);
        long[] hits = placeHits(spec, rng, total, maxLen, minGap, cues);
        double energy = 0;
        for (long h : hits) {
            float[] w = hit(spec.kinds().get(rng.nextInt(spec.kinds().size())), rate, rng);
            int n50 = Math.min(w.length, (int) (0.05 * rate));
            double e = 0;
            for (int i = 0; i < n50; i++) {
                e += w[i] * w[i];
            }
            energy += e / n50;
            double level = Math.pow(10, (spec.levelChangeDb() * (2 * rng.nextDouble() - 1)) / 20) * NOMINAL_LEVEL;
            for (int i = 0; i < w.length && h + i < total; i++) {
                dry[(int) h + i] += level * w[i];
            }
        }
        double hitRms = NOMINAL_LEVEL * (hits.length == 0 ? 0.1 : Math.sqrt(energy / hits.length));
        if (spec.reverb()) {
            reverb(dry, rate, rng);
        }
        double noiseRms = hitRms / Math.pow(10, spec.snrDb() / 20);
        float[] out = new float[total];
        for (int i = 0; i < total; i++) {
            out[i] = (float) (dry[i] + noiseRms * rng.nextGaussian());
        }
        return new Mix(out, rate, hits, cues);
    }

    private static long[] placeHits(Spec spec, SplittableRandom rng, int total, int maxLen, long minGap, long[] cues) {
        long[] hits = new long[spec.hits()];
        int placed = 0;
        int attempts = 0;
        long start = Math.round(0.1 * spec.sampleRate());
        while (placed < hits.length && attempts++ < 1_000_000) {
            long f;
            if (cues.length > 0 && rng.nextDouble() < spec.syncFraction()) {
                f = cues[rng.nextInt(cues.length)] + Math.round((rng.nextDouble() * 6 - 3) / 1000 * spec.sampleRate());
            } else {
                f = start + (long) (rng.nextDouble() * (total - maxLen - start));
            }
            if (f < start || f + maxLen >= total) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < placed; i++) {
                if (Math.abs(hits[i] - f) < minGap) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                hits[placed++] = f;
            }
        }
        if (placed < hits.length) {
            throw new IllegalArgumentException("cannot place " + hits.length + " hits " + spec.minGapMs()
                    + " ms apart in " + spec.seconds() + " s");
        }
        Arrays.sort(hits);
        return hits;
    }

    /**
     * Adds a simple room: early reflections at 7..23 ms and a decaying noise tail (RT60 about
     * 0.3 s), wet about -12 dB, in place. The direct sound is unchanged, so the truth holds.
     */
    private static void reverb(double[] x, float rate, SplittableRandom rng) {
        int len = (int) (0.35 * rate);
        double[] ir = new double[len];
        double[] taps = {0.007, 0.011, 0.017, 0.023};
        double[] gains = {0.18, -0.14, 0.11, 0.09};
        for (int k = 0; k < taps.length; k++) {
            ir[(int) (taps[k] * rate)] += gains[k];
        }
        int tailStart = (int) (0.025 * rate);
        for (int i = tailStart; i < len; i++) {
            double t = i / rate;
            ir[i] += 0.02 * rng.nextGaussian() * Math.exp(-6.9 * t / 0.3);
        }
        // Sparse-ish convolution: only non-negligible IR taps, on a copy of the dry signal.
        double[] dry = x.clone();
        int[] idx = new int[len];
        int m = 0;
        for (int i = 1; i < len; i++) {
            if (Math.abs(ir[i]) > 2e-3) {
                idx[m++] = i;
            }
        }
        for (int j = 0; j < dry.length; j++) {
            double d = dry[j];
            if (d == 0) {
                continue;
            }
            for (int k = 0; k < m; k++) {
                int t = j + idx[k];
                if (t >= x.length) {
                    break;
                }
                x[t] += d * ir[idx[k]];
            }
        }
    }

    private static float[] noiseBurst(float rate, double attackMs, double decayMs, double lengthS, SplittableRandom rng) {
        int len = (int) (lengthS * rate);
        float[] w = new float[len];
        double prev = 0;
        for (int i = 0; i < len; i++) {
            double t = i / rate;
            double env = Math.min(1, (i + 1) / (attackMs / 1000 * rate)) * Math.exp(-t * 1000 / decayMs);
            double noise = rng.nextDouble() * 2 - 1;
            double v = 0.6 * noise + 0.4 * prev;
            prev = noise;
            w[i] = (float) (env * v);
        }
        w[0] = (float) (0.5 * Math.max(Math.abs(w[0]), 0.2));
        return w;
    }

    private static float[] knock(float rate, SplittableRandom rng) {
        int len = (int) (0.15 * rate);
        float[] w = new float[len];
        double f1 = 150 + 300 * rng.nextDouble();
        double f2 = f1 * (1.6 + 0.5 * rng.nextDouble());
        double d1 = 0.015 + 0.02 * rng.nextDouble();
        double ph = rng.nextDouble() * 0.5 + 0.8;
        for (int i = 0; i < len; i++) {
            double t = i / rate;
            double attack = Math.min(1, (i + 1) / (0.0003 * rate));
            double tone = Math.sin(2 * Math.PI * f1 * t + ph) * Math.exp(-t / d1)
                    + 0.5 * Math.sin(2 * Math.PI * f2 * t + ph) * Math.exp(-t / (d1 * 0.6));
            double click = (rng.nextDouble() * 2 - 1) * Math.exp(-t / 0.002);
            w[i] = (float) (attack * (tone + 0.6 * click));
        }
        return w;
    }

    private static float[] clap(float rate, SplittableRandom rng) {
        int len = (int) (0.12 * rate);
        float[] w = new float[len];
        int bursts = 2 + rng.nextInt(2);
        int offset = 0;
        double amp = 1;
        for (int b = 0; b < bursts; b++) {
            float[] burst = noiseBurst(rate, 0.2, b == bursts - 1 ? 25 : 3, 0.1, rng);
            for (int i = 0; i < burst.length && offset + i < len; i++) {
                w[offset + i] += (float) (amp * burst[i]);
            }
            offset += (int) ((0.004 + 0.005 * rng.nextDouble()) * rate);
            amp *= 0.6 + 0.3 * rng.nextDouble();
        }
        return w;
    }

    private static float[] thump(float rate, SplittableRandom rng) {
        int len = (int) (0.25 * rate);
        float[] w = new float[len];
        double f = 50 + 70 * rng.nextDouble();
        double d = 0.03 + 0.04 * rng.nextDouble();
        for (int i = 0; i < len; i++) {
            double t = i / rate;
            double attack = Math.min(1, (i + 1) / (0.002 * rate));
            double scuff = (rng.nextDouble() * 2 - 1) * Math.exp(-t / 0.004);
            w[i] = (float) (attack * (Math.sin(2 * Math.PI * f * t + 0.3) * Math.exp(-t / d) + 0.25 * scuff));
        }
        return w;
    }

    private static float[] normalize(float[] w) {
        float peak = 0;
        for (float v : w) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak > 0) {
            for (int i = 0; i < w.length; i++) {
                w[i] /= peak;
            }
        }
        return w;
    }
}
