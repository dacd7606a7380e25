package org.entrain.onset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.entrain.dsp.Biquad;
import org.entrain.dsp.Fft;
import org.entrain.schedule.CueEvent;

/**
 * Test recordings made from real recorded drum hits (test resources {@code org/entrain/onset/hits},
 * licences beside them) and the project's own rendered cue track, passed through what the world
 * does to them: a speaker latency, clock drift, a room (early reflections and an exponential
 * diffuse tail with a given RT60), either polarity, a noise floor (or digital silence), the cue
 * louder than the taps, taps early or late, missing taps, a recording that starts before the first
 * cue, 16-bit quantisation. Truth: where each hit is placed, its onset defined on the hit itself
 * by the detector's definition ({@link OnsetDetector#onsetOf}). Stateless; deterministic per seed.
 *
 * <p>The cue track is rendered by the caller (core cannot render: {@code midi-device} can), with
 * the cue schedule it produced.
 */
public final class RealHitMixes {

    /** Hits used while tuning. */
    public static final List<String> TUNING_HITS = List.of("colombo-stick-rim-9", "colombo-snare-shot2",
            "colombo-tom-hi-1", "audiophob-25671-garage-snare", "audiophob-101450-tomh");
    /** Hits kept out of tuning. */
    public static final List<String> HELD_OUT_HITS = List.of("colombo-tom-mid-1", "audiophob-99930-noise-tom0");
    /**
     * Sounds made with the hands and feet, used while tuning: a hand clap, a finger snap, tabla
     * strokes, two real footsteps (a heel impact from Kenney's CC0 walking loop, a footstep on a
     * hard floor by Erdie, CC BY 3.0) and a knuckle knock on a wooden door (CC0).
     */
    public static final List<String> HAND_AND_FOOT_HITS = List.of("audiophob-29800-clap", "sonicpi-109400-snap",
            "sonicpi-130429-tabla-te1", "sonicpi-130427-tabla-re", "sonicpi-130406-tabla-ghe1",
            "kenney-fps-walking-heel1", "minetest-41579-hard-footstep1", "antum-256513-door-knock1");
    /**
     * Sounds made with the hands and feet kept out of tuning: a finger snap, a tabla stroke, a
     * footstep from another of Kenney's walking loops, another step of Erdie's, another knock of
     * the same door, and two hand hits on a cajon at two strike locations (Karoryfer's Gogodze Phu
     * Vol I, CC0), which came after the detector was tuned.
     */
    public static final List<String> HAND_AND_FOOT_HELD_OUT_HITS = List.of("sonicpi-158615-snap2",
            "sonicpi-130407-tabla-dhec", "kenney-platformer-walking-step1", "minetest-41579-hard-footstep3",
            "antum-256513-door-knock3", "karoryfer-cajon-sl1-vl3-rr1", "karoryfer-cajon-sl2-vl4-rr1");

    /**
     * What kind of sound a hit is, for reports.
     *
     * @param name the hit's file name without {@code .wav}
     * @return e.g. "hand clap", "finger snap", "hand drum (tabla)", "hand drum (cajon)", "footstep",
     *     "knock on wood"
     */
    public static String classOf(String name) {
        if (name.contains("knock")) {
            return "knock on wood";
        }
        if (name.contains("cajon")) {
            return "hand drum (cajon)";
        }
        if (name.contains("footstep") || name.contains("walking")) {
            return "footstep";
        }
        if (name.contains("clap")) {
            return "hand clap";
        }
        if (name.contains("snap")) {
            return "finger snap";
        }
        if (name.contains("tabla")) {
            return "hand drum (tabla)";
        }
        if (name.contains("stick")) {
            return "stick on a rim";
        }
        return name.contains("snare") ? "snare" : "tom";
    }

    private RealHitMixes() {
    }

    /**
     * One mix's conditions.
     *
     * @param name a label
     * @param hits which hits the client plays (names in the resources), chosen at random per tap
     * @param seed the random seed
     * @param leadSeconds how long the recording runs before the first cue arrives, s
     * @param latencyMs the speaker's output latency, ms
     * @param driftPpm the recording clock against the schedule, ppm
     * @param rt60 the room's reverberation time, s (0: dry, direct path only)
     * @param polarity +1 or -1 (the speaker path's sign)
     * @param snrDb the noise floor: in the tap band, the taps' RMS over their first 50 ms against the noise RMS, dB
     *        (infinite: digital silence)
     * @param cueLouderDb how much louder the cues' peak is than the taps' peak at the microphone, dB
     * @param asyncMs every tap this far from its cue (NaN: uniform in -60..+60 ms per tap)
     * @param missing the fraction of beats with no tap
     * @param cueOnly no taps at all
     */
    public record Spec(String name, List<String> hits, long seed, double leadSeconds, double latencyMs,
                       double driftPpm, double rt60, int polarity, double snrDb, double cueLouderDb,
                       double asyncMs, double missing, boolean cueOnly) {
    }

    /**
     * A mix.
     *
     * @param samples the recording, mono, 16-bit quantised, full scale = 1
     * @param rate Hz
     * @param tapOnsetS where each tap's onset is, s from the recording's first sample (the truth)
     * @param cueOnsetS where each cue's onset is at the microphone (its direct path), s
     * @param tapAsyncMs each tap's asynchrony, tap onset minus its cue's onset, ms
     * @param tapCue the index of each tap's cue
     * @param tapHit which hit each tap is (its file name without {@code .wav})
     */
    public record Mix(float[] samples, float rate, double[] tapOnsetS, double[] cueOnsetS, double[] tapAsyncMs,
                      int[] tapCue, String[] tapHit) {
    }

    /**
     * The mixes every figure is measured on (cue track: 4/4 at 100 bpm, 1 listen-only count-in bar,
     * eighth-note subdivision, a 3-per-bar layer; tracks alternate between two kits): 8 tuning
     * mixes, 4 held out (held-out hits or seed, named "held-out"), a cue-only recording and a
     * client always 40 ms late.
     *
     * @return the specs
     */
    public static List<Spec> standardSpecs() {
        List<Spec> s = new ArrayList<>();
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        List<String> t = TUNING_HITS;
        List<String> h = HELD_OUT_HITS;
        s.add(new Spec("dry, silence, cue 0 dB", t, 1, 0, 0, 0, 0, 1, inf, 0, nan, 0.15, false));
        s.add(new Spec("RT60 0.2, 40 dB SNR, cue +5 dB, 20 ms, +100 ppm", t, 2, 0.5, 20, 100, 0.2, 1, 40, 5, nan, 0.15, false));
        s.add(new Spec("RT60 0.5, 30 dB, cue +10 dB, 60 ms, -100 ppm, inverted", t, 3, 2, 60, -100, 0.5, -1, 30, 10, nan, 0.15, false));
        s.add(new Spec("RT60 0.8, 20 dB, cue +10 dB, 150 ms, +37 ppm", t, 4, 3, 150, 37, 0.8, 1, 20, 10, nan, 0.15, false));
        s.add(new Spec("dry, 20 dB, cue +10 dB, 150 ms, -100 ppm, taps 60 ms early", t, 5, 1, 150, -100, 0, 1, 20, 10, -60, 0.15, false));
        s.add(new Spec("RT60 0.5, silence, cue +5 dB, 90 ms, taps 60 ms late", t, 6, 0.2, 90, 50, 0.5, -1, inf, 5, 60, 0.15, false));
        s.add(new Spec("RT60 0.3, 30 dB, cue +10 dB, 10 ms, taps on the beat", t, 7, 1.5, 10, -20, 0.3, 1, 30, 10, 0, 0.15, false));
        s.add(new Spec("RT60 0.8, 40 dB, cue 0 dB, 120 ms, +100 ppm", t, 8, 2.5, 120, 100, 0.8, -1, 40, 0, nan, 0.15, false));
        s.add(new Spec("held-out: tom-mid/noise-tom, RT60 0.6, 25 dB, cue +10 dB, 80 ms", h, 101, 1, 80, -60, 0.6, 1, 25, 10, nan, 0.15, false));
        s.add(new Spec("held-out: tom-mid/noise-tom, dry, silence, cue +8 dB, 0 ms", h, 102, 0, 0, 80, 0, -1, inf, 8, nan, 0.15, false));
        s.add(new Spec("held-out: tuning hits, seed 103, RT60 0.7, 20 dB, cue +10 dB, 140 ms", t, 103, 2, 140, -90, 0.7, 1, 20, 10, nan, 0.15, false));
        s.add(new Spec("held-out: tom-mid/noise-tom, RT60 0.4, 35 dB, cue +3 dB, 30 ms, -40 ms", h, 104, 0.7, 30, 15, 0.4, -1, 35, 3, -40, 0.15, false));
        s.add(new Spec("cue only, RT60 0.5, 30 dB, 60 ms", t, 201, 1, 60, 40, 0.5, 1, 30, 10, nan, 0, true));
        s.add(new Spec("client 40 ms late, RT60 0.4, 30 dB, cue +6 dB, 50 ms", t, 202, 1, 50, -30, 0.4, 1, 30, 6, 40, 0, false));
        s.addAll(handAndFootSpecs());
        return s;
    }

    /**
     * The mixes of hand and foot sounds ({@link #HAND_AND_FOOT_HITS}: clap, snap, tabla,
     * footsteps, a knock), appended to {@link #standardSpecs()} so the earlier mixes keep their
     * kits: 4 tuning mixes named "hands/feet: ..." and 2 held out, named "held-out: hands/feet ..."
     * (the held-out sounds, {@link #HAND_AND_FOOT_HELD_OUT_HITS}, or a held-out seed).
     *
     * @return the specs
     */
    public static List<Spec> handAndFootSpecs() {
        List<Spec> s = new ArrayList<>();
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        List<String> t = HAND_AND_FOOT_HITS;
        List<String> h = HAND_AND_FOOT_HELD_OUT_HITS;
        s.add(new Spec("hands/feet: dry, silence, cue +5 dB, 30 ms", t, 301, 0.5, 30, 20, 0, 1, inf, 5, nan, 0.15, false));
        s.add(new Spec("hands/feet: RT60 0.4, 30 dB, cue +10 dB, 90 ms, -80 ppm, inverted", t, 302, 1.5, 90, -80, 0.4, -1, 30, 10, nan, 0.15, false));
        s.add(new Spec("hands/feet: RT60 0.8, 20 dB, cue +8 dB, 150 ms, +100 ppm, taps 60 ms late", t, 303, 2, 150, 100, 0.8, 1, 20, 8, 60, 0.15, false));
        s.add(new Spec("hands/feet: RT60 0.2, 40 dB, cue 0 dB, 0 ms, taps 60 ms early", t, 304, 0, 0, -30, 0.2, 1, 40, 0, -60, 0.15, false));
        s.add(new Spec("held-out: hands/feet held-out sounds, RT60 0.5, 25 dB, cue +10 dB, 60 ms", h, 305, 1, 60, 50, 0.5, -1, 25, 10, nan, 0.15, false));
        s.add(new Spec("held-out: hands/feet tuning sounds, seed 306, RT60 0.6, 30 dB, cue +6 dB, 110 ms", t, 306, 2.5, 110, -100, 0.6, 1, 30, 6, nan, 0.15, false));
        return s;
    }

    /**
     * Loads a hit.
     *
     * @param name the file name without {@code .wav}
     * @return the samples, full scale = 1
     */
    public static float[] hit(String name) {
        String path = "/org/entrain/onset/hits/" + name + ".wav";
        try (InputStream raw = RealHitMixes.class.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalArgumentException("no hit " + path);
            }
            try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
                byte[] b = in.readAllBytes();
                float[] out = new float[b.length / 2];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8)) / 32768f;
                }
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes a mix.
     *
     * @param spec the conditions
     * @param cueTrack the rendered cue track (cue {@code k} starts at {@code cues.get(k).timeNanos()})
     * @param cues the cue schedule of the track
     * @param refOnsetSamples for each cue, its reference's own onset (detector definition), samples from its sample 0
     * @param rate the track's rate, Hz
     * @return the mix
     */
    public static Mix mix(Spec spec, float[] cueTrack, List<CueEvent> cues, int[] refOnsetSamples, float rate) {
        Random rng = new Random(spec.seed());
        DetectorSettings taps = DetectorSettings.taps();
        double shift = (spec.leadSeconds() + spec.latencyMs() / 1000) * rate;
        double stretch = 1 + spec.driftPpm() * 1e-6;
        int length = (int) Math.ceil((cueTrack.length + shift) * stretch) + rate2(rate);
        // Speaker: delay and drift by windowed-sinc interpolation (16 taps each side).
        float[] speaker = new float[length];
        for (int i = 0; i < length; i++) {
            double u = i / stretch - shift;
            int m = (int) Math.floor(u);
            if (m + 16 < 0 || m - 15 >= cueTrack.length) {
                continue;
            }
            double acc = 0;
            // sin(pi (u - j)) alternates in sign from one j to the next.
            double s0 = Math.sin(Math.PI * (u - (m - 15)));
            for (int j = m - 15; j <= m + 16; j++, s0 = -s0) {
                if (j < 0 || j >= cueTrack.length) {
                    continue;
                }
                double d = u - j;
                double sinc = Math.abs(d) < 1e-9 ? 1 : s0 / (Math.PI * d);
                double w = 0.5 * (1 + Math.cos(Math.PI * d / 16.5));
                acc += cueTrack[j] * sinc * w;
            }
            speaker[i] = (float) acc;
        }
        float[] room = spec.rt60() > 0 ? roomResponse(spec.rt60(), 0, rate, rng) : new float[] {1};
        float[] cueMic = convolveLong(speaker, room, length);
        // Taps: the client's own hit, with the room's tail 10 dB below its direct sound.
        List<float[]> hitSounds = new ArrayList<>();
        List<Integer> hitOnsets = new ArrayList<>();
        for (String h : spec.hits()) {
            float[] dry = hit(h);
            hitOnsets.add(OnsetDetector.onsetOf(dry, taps, rate));
            hitSounds.add(spec.rt60() > 0 ? Fft.convolve(dry, roomResponse(spec.rt60(), 10, rate, rng)) : dry);
        }
        double tapPeak = 0.25;
        float[] tapsMic = new float[length];
        List<Double> truth = new ArrayList<>();
        List<Double> asyncs = new ArrayList<>();
        List<Integer> tapCue = new ArrayList<>();
        List<String> tapHit = new ArrayList<>();
        double[] cueOnsetS = new double[cues.size()];
        for (int k = 0; k < cues.size(); k++) {
            double arrival = (cues.get(k).timeNanos() / 1e9 * rate + shift) * stretch;
            cueOnsetS[k] = (arrival + refOnsetSamples[k]) / rate;
        }
        long firstBar = cues.get(0).bar();
        for (int k = 0; k < cues.size() && !spec.cueOnly(); k++) {
            CueEvent c = cues.get(k);
            if (c.bar() == firstBar || c.sub() != 0 || c.layer() != org.entrain.schedule.Cue.MAIN_GRID
                    || rng.nextDouble() < spec.missing()) {
                continue;
            }
            int which = rng.nextInt(hitSounds.size());
            double async = Double.isNaN(spec.asyncMs()) ? -60 + 120 * rng.nextDouble() : spec.asyncMs();
            double onset = cueOnsetS[k] * rate + async / 1000 * rate;
            int place = (int) Math.round(onset) - hitOnsets.get(which);
            float[] s = hitSounds.get(which);
            double gain = tapPeak * Math.pow(10, (rng.nextDouble() * 6 - 3) / 20) / peak(hit(spec.hits().get(which)));
            for (int i = 0; i < s.length; i++) {
                if (place + i >= 0 && place + i < length) {
                    tapsMic[place + i] += (float) (gain * s[i]);
                }
            }
            double onsetS = (place + hitOnsets.get(which)) / (double) rate;
            truth.add(onsetS);
            asyncs.add((onsetS - cueOnsetS[k]) * 1000);
            tapCue.add(k);
            tapHit.add(spec.hits().get(which));
        }
        double cueGain = spec.polarity() * tapPeak * Math.pow(10, spec.cueLouderDb() / 20) / Math.max(1e-9, peak(cueMic));
        float[] out = new float[length];
        double noiseRms = 0;
        float[] noise = null;
        if (Double.isFinite(spec.snrDb())) {
            noise = pinkish(length, rng);
            double bandRms = bandRms(noise, taps, rate);
            // The taps' level: the in-band RMS of their first 50 ms, mean over the hits, scaled like the taps.
            double tapRms = 0;
            for (String h : spec.hits()) {
                float[] dry = hit(h);
                tapRms += bandRms(java.util.Arrays.copyOf(dry, Math.round(0.05f * rate)), taps, rate) * tapPeak / peak(dry);
            }
            tapRms /= spec.hits().size();
            noiseRms = tapRms * Math.pow(10, -spec.snrDb() / 20) / bandRms;
        }
        for (int i = 0; i < length; i++) {
            double v = cueGain * cueMic[i] + tapsMic[i] + (noise == null ? 0 : noiseRms * noise[i]);
            v = Math.max(-1, Math.min(32767 / 32768.0, v));
            out[i] = (float) (Math.round(v * 32768) / 32768.0);
        }
        return new Mix(out, rate, truth.stream().mapToDouble(Double::doubleValue).toArray(), cueOnsetS,
                asyncs.stream().mapToDouble(Double::doubleValue).toArray(), tapCue.stream().mapToInt(Integer::intValue).toArray(),
                tapHit.toArray(new String[0]));
    }

    private static int rate2(float rate) {
        return (int) (0.5 * rate);
    }

    /**
     * A room impulse response: direct path 1 at sample 0, six early reflections (2..20 ms, +-0.3),
     * a Gaussian diffuse tail from 5 ms decaying 60 dB in {@code rt60}, with energy {@code drrDb}
     * below the direct path's.
     *
     * @param rt60 the reverberation time, s
     * @param drrDb the diffuse tail's energy below the direct path's, dB
     * @param rate Hz
     * @param rng the random source (a mix draws the cue's room, then each hit's, from its seed's)
     * @return the impulse response
     */
    public static float[] roomResponse(double rt60, double drrDb, float rate, Random rng) {
        int n = (int) Math.ceil(Math.min(1.2 * rt60, 1.0) * rate);
        float[] h = new float[n];
        h[0] = 1;
        for (int i = 0; i < 6; i++) {
            int at = (int) ((0.002 + 0.018 * rng.nextDouble()) * rate);
            h[Math.min(n - 1, at)] += (float) ((rng.nextBoolean() ? 1 : -1) * (0.1 + 0.2 * rng.nextDouble()));
        }
        int start = (int) (0.005 * rate);
        double e = 0;
        double[] tail = new double[n];
        for (int i = start; i < n; i++) {
            double t = (i - start) / (double) rate;
            tail[i] = rng.nextGaussian() * Math.exp(-6.908 * t / rt60);
            e += tail[i] * tail[i];
        }
        double g = Math.sqrt(Math.pow(10, -drrDb / 10) / e);
        for (int i = start; i < n; i++) {
            h[i] += (float) (g * tail[i]);
        }
        return h;
    }

    private static float[] convolveLong(float[] x, float[] h, int length) {
        if (h.length == 1) {
            float[] o = new float[length];
            for (int i = 0; i < Math.min(length, x.length); i++) {
                o[i] = x[i] * h[0];
            }
            return o;
        }
        float[] full = Fft.convolve(x, h);
        return java.util.Arrays.copyOf(full, length);
    }

    private static float[] pinkish(int n, Random rng) {
        float[] o = new float[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double w = rng.nextGaussian();
            // Paul Kellet's economy pink filter.
            b0 = 0.99765 * b0 + w * 0.0990460;
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            o[i] = (float) (b0 + b1 + b2 + w * 0.1848);
        }
        return o;
    }

    private static double peak(float[] x) {
        double p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    private static double bandRms(float[] x, DetectorSettings s, float rate) {
        Biquad h = Biquad.highPass(s.lowHz(), rate);
        Biquad l = Biquad.lowPass(s.highHz(), rate);
        double e = 0;
        for (float v : x) {
            double b = l.step(h.step(v));
            e += b * b;
        }
        return Math.sqrt(e / x.length);
    }

}
