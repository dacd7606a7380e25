package org.entrain.bench.onset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.entrain.cancel.CancellationSettings;
import org.entrain.cancel.StreamingCueCanceller;
import org.entrain.dsp.Biquad;
import org.entrain.midi.CueSounds;
import org.entrain.midi.OfflineRenderer;
import org.entrain.midi.RenderedCueReferences;
import org.entrain.midi.SynthSettings;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.RealHitMixes;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;

/**
 * The live canceller ({@link StreamingCueCanceller}, as {@code LiveAudioInput.cancelCues(CueReferences)}
 * builds it: no calibration, the latency found from the cues heard) with and without its room
 * path, on real hits mixed with the project's own rendered cue track (default kit, 4/4 at 100 bpm,
 * eighth-note sub, 13 bars) through rooms of RT60 0 to 0.8 s, 120 ms latency, 30 dB SNR, cue 6 dB
 * louder than the taps. Per RT60, 12 tuning rooms (seeds 300-311: the rooms the canceller's room
 * handling was examined on), 8 held out (420-427; of them only room 426 at RT60 0.8 was examined,
 * on 2026-12-03, after it failed) and 4 new held out (430-433, added then), each a different draw
 * of reflections and tail and of the taps; reported apart. Per room: the cancellation depth on a cue-only mix
 * (detection-band energy in over out, from 3 s on: after the latency is found), the taps reported
 * on it, and on a mix with taps (15 % missing, -60..+60 ms) F, the cues reported as taps and
 * |error|. Not thread safe; a command-line tool.
 *
 * <p>Run: {@code java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED -cp
 * benchmarks/target/benchmarks.jar org.entrain.bench.onset.LiveCancellationDepth [plain] [rooms]}
 * (optional: {@code plain} for the session's default pattern instead, accent and beats, 30 bars, RT60
 * 0.2-0.8, the room path fitted only; a comma-separated list of {@code rt60/seed} to print each
 * room's row, e.g. {@code 0.2/301}).
 */
public final class LiveCancellationDepth {

    private static final float RATE = 44_100f;
    private static final double LATENCY_MS = 120;

    private LiveCancellationDepth() {
    }

    /**
     * Runs and prints a Markdown table.
     *
     * @param args optional: {@code plain}, then a room list
     * @throws Exception if the synth cannot render
     */
    public static void main(String[] args) throws Exception {
        // "plain": the session's default pattern (accent and beats), 30 bars, room path fitted only.
        boolean plain = args.length > 0 && args[0].equals("plain");
        if (plain) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        Path wav = Files.createTempFile("entrain-live-depth", ".wav");
        Pattern p = plain ? Pattern.defaults() : Pattern.builder().accents(1).subdivide(2).build();
        OfflineRenderer.Result r = OfflineRenderer.render(TempoMap.constant(100), p, Length.bars(plain ? 30 : 13),
                CueSounds.defaults(), SynthSettings.defaults(), wav);
        RenderedCueReferences refs = RenderedCueReferences.render(CueSounds.defaults(), SynthSettings.defaults(), RATE);
        float[] track = org.entrain.audio.AudioFileOnsets.readMono(wav, -1);
        Files.delete(wav);
        List<CueEvent> cues = r.cues();
        int[] own = new int[cues.size()];
        for (int k = 0; k < own.length; k++) {
            own[k] = OnsetDetector.onsetOf(refs.sound(cues.get(k).voice(), cues.get(k).velocity()), DetectorSettings.taps(), RATE);
        }
        List<String> only = args.length > 0 ? List.of(args[0].split(",")) : List.of();
        System.out.println("| RT60 s | room path | rooms | depth, cue only (median, least) | taps on cue only (rooms with any)"
                + " | F with taps (pooled, least) | cues as taps | p95 abs error ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double[] rooms = only.isEmpty() ? plain ? new double[] {0.2, 0.4, 0.6, 0.8} : new double[] {0, 0.2, 0.4, 0.6, 0.8}
                : only.stream().mapToDouble(x -> Double.parseDouble(x.split("/")[0])).distinct().toArray();
        int[][] sets = {{300, 301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311}, {420, 421, 422, 423, 424, 425, 426, 427},
            {430, 431, 432, 433}};
        String[] setNames = {"tuning", "held out", "new held out"};
        for (double rt : rooms) {
            for (boolean room : plain ? new boolean[] {true} : new boolean[] {false, true}) {
                for (int set = 0; set < sets.length; set++) {
                    List<Matcher> ms = new ArrayList<>();
                    double[] depths = new double[sets[set].length];
                    int taps = 0;
                    int tapRooms = 0;
                    double leastF = 1;
                    int n = 0;
                    for (int seed : sets[set]) {
                        String name = String.format(Locale.ROOT, "%.1f/%d", rt, seed);
                        if (!only.isEmpty() && !only.contains(name)) {
                            continue;
                        }
                        RealHitMixes.Mix cueOnly = RealHitMixes.mix(new RealHitMixes.Spec("cue only", RealHitMixes.TUNING_HITS,
                                seed, 0.7, LATENCY_MS, 0, rt, 1, 30, 6, Double.NaN, 0, true), track, cues, own, RATE);
                        RealHitMixes.Mix withTaps = RealHitMixes.mix(new RealHitMixes.Spec("taps", RealHitMixes.TUNING_HITS,
                                seed + 100, 0.7, LATENCY_MS, 0, rt, 1, 30, 6, Double.NaN, 0.15, false), track, cues, own, RATE);
                        Run a = run(cueOnly, refs, cues, own, room);
                        Run b = run(withTaps, refs, cues, own, room);
                        Matcher m = Matcher.match(withTaps.tapOnsetS(), b.tapsS, 0.05, withTaps.cueOnsetS());
                        ms.add(m);
                        depths[n++] = a.depthDb;
                        taps += a.tapsS.length;
                        tapRooms += a.tapsS.length > 0 ? 1 : 0;
                        leastF = Math.min(leastF, m.f());
                        if (!only.isEmpty()) {
                            double[] abs = java.util.Arrays.stream(m.errorsMs).map(Math::abs).toArray();
                            System.out.printf(Locale.ROOT, "| %s | %s | 1 | %.1f dB | %d | %.3f | %d | %.2f |%n", name,
                                    room ? "fitted" : "none", a.depthDb, a.tapsS.length, m.f(), m.falseAtCues,
                                    Matcher.quantile(abs, 0.95));
                        }
                    }
                    if (n == 0 || !only.isEmpty()) {
                        continue;
                    }
                    Matcher pooled = Matcher.pool(ms);
                    double[] abs = java.util.Arrays.stream(pooled.errorsMs).map(Math::abs).toArray();
                    double[] d = java.util.Arrays.copyOf(depths, n);
                    java.util.Arrays.sort(d);
                    System.out.printf(Locale.ROOT, "| %.1f | %s | %d %s | %.1f dB, %.1f dB | %d (%d) | %.3f, %.3f | %d | %.2f |%n", rt,
                            room ? "fitted" : "none", n, setNames[set], d[(n - 1) / 2], d[0], taps, tapRooms,
                            pooled.f(), leastF, pooled.falseAtCues, Matcher.quantile(abs, 0.95));
                }
            }
        }
    }

    private record Run(double[] tapsS, double depthDb) {
    }

    private static Run run(RealHitMixes.Mix mix, RenderedCueReferences refs, List<CueEvent> cues, int[] own, boolean room) {
        float[] x = mix.samples();
        StreamingCueCanceller c = new StreamingCueCanceller(refs, DetectorSettings.taps(), Math.round(0.020f * RATE),
                Math.round((room ? 0.55f : 0.25f) * RATE), 1024, CancellationSettings.defaults().marginDb(),
                Math.round(1.0f * RATE), room ? Math.round(0.3f * RATE) : 0);
        List<Onset> onsets = new ArrayList<>();
        OnsetDetector[] det = new OnsetDetector[1];
        det[0] = new OnsetDetector(DetectorSettings.taps(), RATE, (frame, strength, flags) -> {
            if (c.unaligned(frame)) {
                flags |= Onset.CUE_RESIDUE;
            }
            if ((flags & Onset.CUE_RESIDUE) == 0) {
                c.onsetAt(frame);
            }
            onsets.add(new Onset(Math.round(frame * 1e9 / RATE), strength, org.entrain.onset.OnsetSource.MICROPHONE, flags));
        });
        int d = c.delaySamples();
        float[] padded = java.util.Arrays.copyOf(x, x.length + d);
        float[] out = new float[padded.length];
        float[] gate = new float[padded.length];
        int next = 0;
        int buf = 256;
        long latency = Math.round(LATENCY_MS / 1000 * RATE);
        for (int at = 0; at < padded.length; at += buf) {
            int len = Math.min(buf, padded.length - at);
            // Each cue is given when it sounds at the speaker (whole frames), before the input reaches it.
            while (next < cues.size() && mix.cueOnsetS()[next] * RATE - own[next] - latency < at + len) {
                CueEvent e = cues.get(next);
                c.addCue(Math.round(mix.cueOnsetS()[next] * RATE - own[next]) - latency, e.voice(), e.velocity());
                next++;
            }
            c.process(padded, at, len, out, gate, at);
            int from = Math.max(at, d);
            if (at + len > d) {
                det[0].process(out, gate, from, at + len - from);
            }
        }
        det[0].flush();
        // Output frame o (from the canceller's delay on) is input frame o - delay.
        Biquad hx = Biquad.highPass(DetectorSettings.taps().lowHz(), RATE);
        Biquad lx = Biquad.lowPass(DetectorSettings.taps().highHz(), RATE);
        Biquad hy = Biquad.highPass(DetectorSettings.taps().lowHz(), RATE);
        Biquad ly = Biquad.lowPass(DetectorSettings.taps().highHz(), RATE);
        double ex = 0;
        double ey = 0;
        int from = Math.round(3 * RATE);
        for (int i = 0; i < x.length; i++) {
            double vx = lx.step(hx.step(x[i]));
            double vy = ly.step(hy.step(out[i + d]));
            if (i >= from) {
                ex += vx * vx;
                ey += vy * vy;
            }
        }
        // Detector frames count from its first sample: the canceller's output at frame d.
        double[] t = onsets.stream().filter(Onset::isTap).mapToDouble(o -> o.timeNanos() / 1e9).toArray();
        if (Boolean.getBoolean("entrain.verbose")) {
            System.err.printf(Locale.ROOT, "  room %b: latency %.2f samples, not heard %b, room gain %.1f dB, depth %.1f%n", room,
                    c.latencySamples(), c.notHeard(), c.roomGainDb(), c.depthDb());
        }
        return new Run(t, 10 * Math.log10(ex / ey));
    }
}
