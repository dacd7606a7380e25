package org.entrain.bench.onset;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import be.tarsos.dsp.onsets.ComplexOnsetDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.entrain.audio.AudioFileOnsets;
import org.entrain.audio.DetectionReport;
import org.entrain.cancel.CancellationSettings;
import org.entrain.midi.CueSounds;
import org.entrain.midi.OfflineRenderer;
import org.entrain.midi.RenderedCueReferences;
import org.entrain.midi.SynthSettings;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.RealHitMixes;
import org.entrain.pattern.Layer;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;

/**
 * Accuracy of tap detection with the cue heard by the microphone, on real recorded drum hits mixed
 * with the project's own rendered cue tracks ({@link RealHitMixes}): the project's detector with
 * cue cancellation (the schedule and the per-voice references given, alignment found in the
 * recording), the same detector without cancellation, and TarsosDSP 2.4's ComplexOnsetDetector
 * (aubio's complex-domain method) 512/256, in the same run on the same mixes.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.entrain.bench.onset.RealHitAccuracy [runs [seed-offset]]}
 * (throughput repetitions, default 10; a seed offset, default 0, added to every mix's seed: the
 * same conditions with another draw of hits, gains, room and noise). Prints Markdown tables: per mix, the totals of each set
 * ({@link #GROUPS}: the drum mixes, tuning and held out, the cue-only and 40 ms late mixes, the
 * hand and foot sound mixes, tuning and held out), per hit (cancelled detector), the onset bias
 * against attack time ({@link OnsetBias}), and throughput in times real time on one thread.
 */
public final class RealHitAccuracy {

    /** The tempo of every mix, bpm. */
    static final double BPM = 100;

    private RealHitAccuracy() {
    }

    /** A rendered cue track with its schedule and references. */
    record Track(String kit, float[] samples, List<CueEvent> cues, RenderedCueReferences refs, int[] refOnsets) {
    }

    /**
     * Renders a cue track: 4/4 at 100 bpm, 1 count-in bar + 12 bars, eighth-note subdivision (sub
     * voice), accents on 1, a 3-per-bar layer.
     *
     * @param sounds the kit
     * @param label its name
     * @return the track
     * @throws IOException if writing the temporary WAV fails
     * @throws MidiUnavailableException if Gervill cannot be opened
     */
    static Track render(CueSounds sounds, String label) throws IOException, MidiUnavailableException {
        Path wav = Files.createTempFile("entrain-cues", ".wav");
        try {
            Pattern p = Pattern.builder().accents(1).subdivide(2).layer(new Layer(3, 70)).build();
            OfflineRenderer.Result r = OfflineRenderer.render(TempoMap.constant(BPM), p, Length.bars(13), sounds,
                    SynthSettings.defaults(), wav);
            float[] s = AudioFileOnsets.readMono(wav, -1);
            RenderedCueReferences refs = RenderedCueReferences.render(sounds, SynthSettings.defaults(), 44_100);
            int[] on = new int[r.cues().size()];
            for (int k = 0; k < on.length; k++) {
                CueEvent c = r.cues().get(k);
                on[k] = OnsetDetector.onsetOf(refs.sound(c.voice(), c.velocity()), DetectorSettings.taps(), 44_100);
            }
            return new Track(label, s, r.cues(), refs, on);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** The other kit: cowbell accents, side-stick beats, claves subdivisions, hi-hat layer. */
    static CueSounds otherKit() {
        return CueSounds.defaults().parse("accent=cowbell,beat=side-stick,sub=claves,layer=hi-hat");
    }


    /**
     * Runs the comparison.
     *
     * @param args optional: throughput repetitions, then a seed offset added to every mix's seed
     * @throws Exception if rendering fails
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long seedOffset = args.length > 1 ? Long.parseLong(args[1]) : 0;
        System.out.println("JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cpus"
                + (seedOffset == 0 ? "" : ", every mix's seed + " + seedOffset));
        Track[] kits = {render(CueSounds.defaults(), "default kit"), render(otherKit(), "other kit")};
        List<RealHitMixes.Spec> specs = RealHitMixes.standardSpecs().stream().map(s -> reseeded(s, seedOffset)).toList();
        System.out.println("| mix | kit | detector | F (50 ms) | matched/detected | median error ms | p95 abs error ms | mean +- SD ms | taps at cues | depth dB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        List<Matcher>[] totals = newTotals();
        int[] counts = new int[GROUPS.length];
        java.util.Map<String, Integer> perHitTruth = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<Double>> perHitErrors = new java.util.LinkedHashMap<>();
        RealHitMixes.Mix timed = null;
        Track timedTrack = null;
        for (int i = 0; i < specs.size(); i++) {
            RealHitMixes.Spec spec = specs.get(i);
            Track tr = kits[i % 2];
            RealHitMixes.Mix mix = RealHitMixes.mix(spec, tr.samples(), tr.cues(), tr.refOnsets(), 44_100);
            if (timed == null) {
                timed = mix;
                timedTrack = tr;
            }
            DetectionReport rep = cancelled(mix, tr);
            double[] taps = seconds(rep.taps());
            double[] plain = seconds(AudioFileOnsets.detect(mix.samples(), mix.rate(), DetectorSettings.taps(), null));
            double[] cx = complex(mix);
            Matcher[] m = {Matcher.match(mix.tapOnsetS(), taps, 0.05, mix.cueOnsetS()),
                Matcher.match(mix.tapOnsetS(), plain, 0.05, mix.cueOnsetS()),
                Matcher.match(mix.tapOnsetS(), cx, 0.05, mix.cueOnsetS())};
            String[] names = {"Entrain, cues cancelled", "Entrain, no cancellation", "TarsosDSP Complex 512/256"};
            int group = group(spec);
            counts[group]++;
            if (!spec.cueOnly()) {
                perHit(mix, taps, perHitTruth, perHitErrors);
            }
            for (int d = 0; d < 3; d++) {
                System.out.println(m[d].row(spec.name() + " | " + tr.kit() + " | " + names[d])
                        + (d == 0 ? String.format(Locale.ROOT, " %.1f |", rep.depthDb()) : " |"));
                totals[group * 3 + d].add(m[d]);
            }
            if (spec.name().startsWith("client 40 ms late")) {
                System.out.println(lateness(rep, mix, tr));
            }
            if (rep.warning() != null) {
                System.out.println("(warning: " + rep.warning() + ")");
            }
        }
        System.out.println();
        System.out.println("| set | detector | F (50 ms) | matched/detected | median error ms | p95 abs error ms | mean +- SD ms | taps at cues |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        String[] names = {"Entrain, cues cancelled", "Entrain, no cancellation", "TarsosDSP Complex 512/256"};
        for (int g = 0; g < GROUPS.length; g++) {
            for (int d = 0; d < 3; d++) {
                System.out.println(Matcher.pool(totals[g * 3 + d]).row(GROUPS[g] + " (" + counts[g] + ") | " + names[d]));
            }
        }
        System.out.println();
        System.out.println("Per hit, Entrain with cues cancelled, every mix with taps (matched within 50 ms; errors against the truth):");
        System.out.println("| hit | class | set | taps | found | median error ms | p95 abs error ms | max abs error ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String h : perHitTruth.keySet()) {
            double[] e = perHitErrors.get(h).stream().mapToDouble(Double::doubleValue).toArray();
            double[] abs = Arrays.stream(e).map(Math::abs).toArray();
            boolean heldOut = RealHitMixes.HELD_OUT_HITS.contains(h) || RealHitMixes.HAND_AND_FOOT_HELD_OUT_HITS.contains(h);
            System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %+.3f | %.3f | %.3f |", h,
                    RealHitMixes.classOf(h), heldOut ? "held out" : "tuning", perHitTruth.get(h), e.length,
                    Matcher.quantile(e, 0.5), Matcher.quantile(abs, 0.95), Matcher.quantile(abs, 1)));
        }
        OnsetBias.table();
        throughput(timed, timedTrack, runs);
    }

    /** The same mix with its seed shifted: another draw of hits, gains, room and noise. */
    static RealHitMixes.Spec reseeded(RealHitMixes.Spec s, long offset) {
        return offset == 0 ? s : new RealHitMixes.Spec(s.name(), s.hits(), s.seed() + offset, s.leadSeconds(), s.latencyMs(),
                s.driftPpm(), s.rt60(), s.polarity(), s.snrDb(), s.cueLouderDb(), s.asyncMs(), s.missing(), s.cueOnly());
    }

    /** The sets the totals are pooled over, in the order of {@link #group}. */
    static final String[] GROUPS = {"tuning mixes", "held-out mixes", "cue-only and 40 ms late",
        "hands/feet tuning mixes", "hands/feet held-out mixes"};

    /** Which of {@link #GROUPS} a mix is pooled in. */
    static int group(RealHitMixes.Spec spec) {
        boolean hands = spec.name().contains("hands/feet");
        if (spec.name().startsWith("held-out")) {
            return hands ? 4 : 1;
        }
        if (hands) {
            return 3;
        }
        return spec.cueOnly() || spec.asyncMs() == 40 ? 2 : 0;
    }

    /** Adds each true tap of a mix to its hit's count, and its error when a detection is within 50 ms (nearest, one-to-one). */
    static void perHit(RealHitMixes.Mix mix, double[] detectedS, java.util.Map<String, Integer> truth,
                       java.util.Map<String, List<Double>> errors) {
        boolean[] used = new boolean[detectedS.length];
        for (int k = 0; k < mix.tapOnsetS().length; k++) {
            String h = mix.tapHit()[k];
            truth.merge(h, 1, Integer::sum);
            errors.computeIfAbsent(h, x -> new ArrayList<>());
            int best = -1;
            for (int j = 0; j < detectedS.length; j++) {
                double d = Math.abs(detectedS[j] - mix.tapOnsetS()[k]);
                if (!used[j] && d <= 0.05 && (best < 0 || d < Math.abs(detectedS[best] - mix.tapOnsetS()[k]))) {
                    best = j;
                }
            }
            if (best >= 0) {
                used[best] = true;
                errors.get(h).add((detectedS[best] - mix.tapOnsetS()[k]) * 1000);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Matcher>[] newTotals() {
        List<Matcher>[] t = new List[GROUPS.length * 3];
        for (int i = 0; i < t.length; i++) {
            t[i] = new ArrayList<>();
        }
        return t;
    }

    static DetectionReport cancelled(RealHitMixes.Mix mix, Track tr) {
        return AudioFileOnsets.detect(mix.samples(), mix.rate(), DetectorSettings.taps(), tr.cues(), tr.refs(),
                CancellationSettings.defaults(), 0);
    }

    /** Median asynchrony measured (tap onset minus the nearest cue onset found in the same recording) against the truth. */
    static String lateness(DetectionReport rep, RealHitMixes.Mix mix, Track tr) {
        long[] cues = rep.cueOnsetNanos();
        List<Double> a = new ArrayList<>();
        for (Onset o : rep.taps()) {
            long best = Long.MAX_VALUE;
            for (long c : cues) {
                if (Math.abs(o.timeNanos() - c) < Math.abs(best)) {
                    best = o.timeNanos() - c;
                }
            }
            a.add(best / 1e6);
        }
        double[] v = a.stream().mapToDouble(Double::doubleValue).toArray();
        return String.format(Locale.ROOT, "(client 40 ms late: measured median asynchrony %+.2f ms over %d taps, true %+.2f ms)",
                Matcher.quantile(v, 0.5), v.length, Matcher.quantile(mix.tapAsyncMs(), 0.5));
    }

    static double[] seconds(List<Onset> onsets) {
        return onsets.stream().mapToDouble(o -> o.timeNanos() / 1e9).toArray();
    }

    static double[] complex(RealHitMixes.Mix mix) throws UnsupportedAudioFileException {
        List<Double> t = new ArrayList<>();
        AudioDispatcher d = AudioDispatcherFactory.fromFloatArray(mix.samples().clone(), (int) mix.rate(), 512, 256);
        ComplexOnsetDetector c = new ComplexOnsetDetector(512);
        c.setHandler((time, salience) -> t.add(time));
        d.addAudioProcessor(c);
        d.run();
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void throughput(RealHitMixes.Mix mix, Track tr, int runs) throws UnsupportedAudioFileException {
        double seconds = mix.samples().length / (double) mix.rate();
        System.out.println();
        System.out.println("Throughput on one thread, " + String.format(Locale.ROOT, "%.0f", seconds)
                + " s of 44.1 kHz mono, best and median of " + runs + " runs after 3 warm-ups:");
        System.out.println("| detector | best ms | median ms | x real time (median) |");
        System.out.println("|---|---|---|---|");
        time("Entrain, cues cancelled (alignment, room fit, cancellation, gated detection)", runs, seconds,
                () -> cancelled(mix, tr).onsets().size());
        time("Entrain, no cancellation", runs, seconds,
                () -> AudioFileOnsets.detect(mix.samples(), mix.rate(), DetectorSettings.taps(), null).size());
        time("TarsosDSP Complex 512/256", runs, seconds, () -> complex(mix).length);
    }

    private interface Job {
        int run() throws UnsupportedAudioFileException;
    }

    private static void time(String name, int runs, double audioSeconds, Job job) throws UnsupportedAudioFileException {
        long sink = 0;
        for (int i = 0; i < 3; i++) {
            sink += job.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += job.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.println(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0fx |", name, Matcher.quantile(ms, 0),
                Matcher.quantile(ms, 0.5), audioSeconds * 1000 / Matcher.quantile(ms, 0.5)) + (sink < 0 ? "" : ""));
    }

}
