package org.entrain.bench.onset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.entrain.audio.AudioFileOnsets;
import org.entrain.audio.DetectionReport;
import org.entrain.dsp.Fft;
import org.entrain.midi.CueSounds;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.RealHitMixes;

/**
 * Where each tap's timing error comes from, on the real-hit mixes ({@link RealHitMixes}): every tap
 * detected four ways, each taking one thing away, plus the onset definition applied to the hit as the
 * microphone hears it in that mix's room.
 *
 * <ul>
 * <li>{@code mix}: the whole mix, cues cancelled (what {@link RealHitAccuracy} measures);</li>
 * <li>{@code no noise}: the same mix without its noise floor, cues cancelled;</li>
 * <li>{@code taps+noise}: the taps (with their room) and the noise, no cue, no cancellation;</li>
 * <li>{@code taps}: the taps with their room alone, no cue, no noise, no cancellation;</li>
 * <li>{@code room def}: {@code onsetOf} on the hit convolved with its room response, minus
 *     {@code onsetOf} on the dry hit (the truth): how far the room alone moves the definition.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.entrain.bench.onset.RealHitErrorSources [minAbsMs] [hands|all|dump] [seedOffset]}:
 * prints one row per tap whose error in the whole mix is at least {@code minAbsMs} (default 1), for
 * the hand/foot mixes (or every mix with {@code all}); with {@code dump}, before each such row, the
 * band-passed envelope around the tap (0.25 ms block maxima from 7.5 ms before to 4 ms after the
 * truth) of the residual, the taps alone, the gate (times 1.41, the detector's residue margin) and
 * the mix before cancellation, each over the residual's peak near the tap. Not thread safe; a tool,
 * not a library.
 */
public final class RealHitErrorSources {

    private RealHitErrorSources() {
    }

    /**
     * Runs it.
     *
     * @param args optional: the smallest |error| printed, ms; "hands" (the default), "all" for the
     *        drum mixes too or "dump"; a seed offset ({@link RealHitAccuracy#reseeded}, default 0)
     * @throws Exception if rendering fails
     */
    public static void main(String[] args) throws Exception {
        double minAbs = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        boolean all = args.length > 1 && args[1].equals("all");
        dump = args.length > 1 && args[1].equals("dump");
        RealHitAccuracy.Track[] kits = {RealHitAccuracy.render(CueSounds.defaults(), "default kit"),
            RealHitAccuracy.render(RealHitAccuracy.otherKit(), "other kit")};
        long seedOffset = args.length > 2 ? Long.parseLong(args[2]) : 0;
        List<RealHitMixes.Spec> specs = RealHitMixes.standardSpecs().stream()
                .map(x -> RealHitAccuracy.reseeded(x, seedOffset)).toList();
        DetectorSettings taps = DetectorSettings.taps();
        System.out.println("| mix | hit | truth frame | mix ms | no noise ms | taps+noise ms | taps ms | room def ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < specs.size(); i++) {
            RealHitMixes.Spec s = specs.get(i);
            if (s.cueOnly() || !all && !s.name().contains("hands/feet")) {
                continue;
            }
            RealHitAccuracy.Track tr = kits[i % 2];
            RealHitMixes.Spec quiet = new RealHitMixes.Spec(s.name(), s.hits(), s.seed(), s.leadSeconds(), s.latencyMs(),
                    s.driftPpm(), s.rt60(), s.polarity(), Double.POSITIVE_INFINITY, s.cueLouderDb(), s.asyncMs(), s.missing(), false);
            RealHitMixes.Spec noCue = new RealHitMixes.Spec(s.name(), s.hits(), s.seed(), s.leadSeconds(), s.latencyMs(),
                    s.driftPpm(), s.rt60(), s.polarity(), s.snrDb(), -300, s.asyncMs(), s.missing(), false);
            RealHitMixes.Spec alone = new RealHitMixes.Spec(s.name(), s.hits(), s.seed(), s.leadSeconds(), s.latencyMs(),
                    s.driftPpm(), s.rt60(), s.polarity(), Double.POSITIVE_INFINITY, -300, s.asyncMs(), s.missing(), false);
            RealHitMixes.Mix mix = RealHitMixes.mix(s, tr.samples(), tr.cues(), tr.refOnsets(), 44_100);
            RealHitMixes.Mix mq = RealHitMixes.mix(quiet, tr.samples(), tr.cues(), tr.refOnsets(), 44_100);
            RealHitMixes.Mix mn = RealHitMixes.mix(noCue, tr.samples(), tr.cues(), tr.refOnsets(), 44_100);
            RealHitMixes.Mix ma = RealHitMixes.mix(alone, tr.samples(), tr.cues(), tr.refOnsets(), 44_100);
            double[] a = errors(mix, RealHitAccuracy.seconds(RealHitAccuracy.cancelled(mix, tr).taps()));
            double[] b = errors(mq, RealHitAccuracy.seconds(RealHitAccuracy.cancelled(mq, tr).taps()));
            double[] c = errors(mn, RealHitAccuracy.seconds(AudioFileOnsets.detect(mn.samples(), 44_100, taps, null)));
            double[] d = errors(ma, RealHitAccuracy.seconds(AudioFileOnsets.detect(ma.samples(), 44_100, taps, null)));
            // The rooms as RealHitMixes draws them: the cue's first, then one per hit in list order.
            Random rng = new Random(s.seed());
            if (s.rt60() > 0) {
                RealHitMixes.roomResponse(s.rt60(), 0, 44_100, rng);
            }
            java.util.Map<String, Double> roomDef = new java.util.HashMap<>();
            for (String h : s.hits()) {
                float[] dry = RealHitMixes.hit(h);
                int own = OnsetDetector.onsetOf(dry, taps, 44_100);
                float[] wet = s.rt60() > 0 ? Fft.convolve(dry, RealHitMixes.roomResponse(s.rt60(), 10, 44_100, rng)) : dry;
                roomDef.put(h, (OnsetDetector.onsetOf(wet, taps, 44_100) - own) / 44.1);
            }
            for (int k = 0; k < mix.tapOnsetS().length; k++) {
                if (dump && Math.abs(a[k]) >= minAbs) {
                    dump(s, mix, ma, tr, k, a[k]);
                }
                if (Math.abs(a[k]) >= minAbs || Double.isNaN(a[k])) {
                    System.out.println(String.format(Locale.ROOT, "| %s | %s | %d | %+.3f | %+.3f | %+.3f | %+.3f | %+.3f |",
                            s.name(), mix.tapHit()[k], Math.round(mix.tapOnsetS()[k] * 44_100), a[k], b[k], c[k], d[k], roomDef.get(mix.tapHit()[k])));
                }
            }
        }
    }

    /** Whether to print the envelopes around each tap printed. */
    private static boolean dump;

    /** The taps preset's band (40..1200 Hz) over a signal, signed. */
    static double[] band(float[] x) {
        org.entrain.dsp.Biquad h = org.entrain.dsp.Biquad.highPass(DetectorSettings.taps().lowHz(), 44_100);
        org.entrain.dsp.Biquad l = org.entrain.dsp.Biquad.lowPass(DetectorSettings.taps().highHz(), 44_100);
        double[] b = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = l.step(h.step(x == null ? 0 : x[i]));
        }
        return b;
    }

    /** Prints the envelopes around tap {@code k} of a mix (see the class comment). */
    static void dump(RealHitMixes.Spec s, RealHitMixes.Mix mix, RealHitMixes.Mix alone, RealHitAccuracy.Track tr, int k, double err) {
        org.entrain.cancel.CueCancellation.Result c = org.entrain.cancel.CueCancellation.cancel(mix.samples(), 44_100,
                tr.cues(), tr.refs(), DetectorSettings.taps(), org.entrain.cancel.CancellationSettings.defaults());
        double[] r = band(c.residual());
        double[] g = band(c.gate());
        double[] t = band(alone.samples());
        double[] m = band(mix.samples());
        int at = (int) Math.round(mix.tapOnsetS()[k] * 44_100) + 8; // + filter delay: band-sample index of the truth
        double pr = 0;
        double pt = 0;
        for (int i = at - 441; i < at + 1400; i++) {
            pr = Math.max(pr, Math.abs(r[i]));
            pt = Math.max(pt, Math.abs(t[i]));
        }
        System.out.println(String.format(Locale.ROOT, "DUMP %s tap %d %s err %+.3f ms; peak residual %.4f, taps alone %.4f",
                s.name(), k, mix.tapHit()[k], err, pr, pt));
        System.out.println("ms | residual/peak | taps alone/peak | gate*1.41/peak | mix(no cancel)/peak");
        for (int i = at - 330; i < at + 180; i += 11) {
            double mr = 0, mt = 0, mg = 0, mm = 0;
            for (int j = i; j < i + 11; j++) {
                mr = Math.max(mr, Math.abs(r[j]));
                mt = Math.max(mt, Math.abs(t[j]));
                mg = Math.max(mg, Math.abs(g[j]));
                mm = Math.max(mm, Math.abs(m[j]));
            }
            System.out.println(String.format(Locale.ROOT, "%+6.2f | %.3f | %.3f | %.3f | %.3f", (i - at) / 44.1, mr / pr, mt / pt, 1.41 * mg / pr, mm / pr));
        }
    }

    /** Each true tap's error to the nearest detection within 50 ms (one-to-one, in order), ms; NaN if none. */
    static double[] errors(RealHitMixes.Mix mix, double[] detectedS) {
        double[] t = mix.tapOnsetS();
        double[] e = new double[t.length];
        boolean[] used = new boolean[detectedS.length];
        for (int k = 0; k < t.length; k++) {
            int best = -1;
            for (int j = 0; j < detectedS.length; j++) {
                double dd = Math.abs(detectedS[j] - t[k]);
                if (!used[j] && dd <= 0.05 && (best < 0 || dd < Math.abs(detectedS[best] - t[k]))) {
                    best = j;
                }
            }
            e[k] = best < 0 ? Double.NaN : (detectedS[best] - t[k]) * 1000;
            if (best >= 0) {
                used[best] = true;
            }
        }
        return e;
    }
}
