package org.entrain.audio;

import be.tarsos.dsp.AudioDispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.entrain.cancel.CancellationSettings;
import org.entrain.cancel.CueBleed;
import org.entrain.cancel.CueCancellation;
import org.entrain.cancel.CueCanceller;
import org.entrain.cancel.CueReferences;
import org.entrain.dsp.Biquad;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.OnsetSource;

/**
 * Onset detection over recordings (WAV or anything Java Sound reads, any PCM width, rate and
 * channel count) and sample arrays, through the same TarsosDSP pipeline as a live input, so a
 * recording analyses exactly like a session. Stateless and thread safe.
 *
 * <p>Times are nanoseconds from the first sample of the recording.
 */
public final class AudioFileOnsets {

    /** The dispatcher buffer, in frames: the same as a live input's default. */
    static final int BUFFER_FRAMES = 256;

    private AudioFileOnsets() {
    }

    /**
     * Detects onsets in a file.
     *
     * @param file the recording
     * @param channel the channel from 0, or -1 for the mean of all channels
     * @param settings the detector's tuning
     * @param bleed the cue schedule to cancel, or null
     * @return the onsets in time order, source {@link OnsetSource#FILE}
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is missing, not audio Java Sound reads, or a value is out of range
     */
    public static List<Onset> detect(Path file, int channel, DetectorSettings settings, CueBleed bleed) throws IOException {
        if (bleed != null && bleed.template() == null) {
            float rate = sampleRate(file);
            return detect(readMono(file, channel), rate, settings, bleed);
        }
        try (AudioInputStream in = open(file)) {
            MonoStream mono = mono(in, channel, file);
            return run(mono, mono.getFormat().getSampleRate(), settings, bleed, null);
        }
    }

    /**
     * Detects onsets in mono samples.
     *
     * @param samples the audio, full scale = 1
     * @param sampleRate in Hz
     * @param settings the detector's tuning
     * @param bleed the cue schedule to cancel, or null
     * @return the onsets in time order, source {@link OnsetSource#FILE}
     */
    public static List<Onset> detect(float[] samples, float sampleRate, DetectorSettings settings, CueBleed bleed) {
        return run(new MonoStream(samples, sampleRate), sampleRate, settings, bleed, samples);
    }

    /**
     * Detects onsets in a recording made while the cues played, keeping the cues' own sound apart
     * with their exact references ({@link CueCancellation}): the alignment is found in the
     * recording, the cues are subtracted, and the detector gates on what is expected to be left of
     * them. With headphones (the cues are not heard) the recording is analysed as it is.
     *
     * @param samples the recording, mono, full scale = 1
     * @param rate its sample rate, Hz
     * @param settings the detector's tuning
     * @param cues the cue schedule the recording was made with
     * @param refs the exact sound of each voice, at {@code rate}
     * @param cancellation the alignment and gating settings
     * @param unheardOffsetNanos where the schedule's time 0 lies in the recording if the cues are not heard
     *        (headphones: the calibrated latency plus any known start offset), ns
     * @return onsets (taps and flagged cue residue), cue onsets and cancellation figures
     */
    public static DetectionReport detect(float[] samples, float rate, DetectorSettings settings,
                                         List<org.entrain.schedule.CueEvent> cues, CueReferences refs,
                                         CancellationSettings cancellation, long unheardOffsetNanos) {
        CueCancellation.Result c = CueCancellation.cancel(samples, rate, cues, refs, settings, cancellation);
        float[] gate = c.gate();
        List<Onset> onsets = detectArrays(c.residual(), gate, rate, settings);
        double[] frames = c.cueFrames();
        long[] cueNanos = new long[frames.length];
        long[] schedule = new long[frames.length];
        java.util.Map<Integer, Integer> refOnset = new java.util.HashMap<>();
        for (int k = 0; k < frames.length; k++) {
            org.entrain.schedule.CueEvent e = cues.get(k);
            schedule[k] = e.timeNanos();
            if (c.heard()) {
                int own = refOnset.computeIfAbsent(e.voice().ordinal() * 128 + e.velocity(),
                        key -> OnsetDetector.onsetOf(refs.sound(e.voice(), e.velocity()), settings, rate));
                cueNanos[k] = Math.round((frames[k] + own) / rate * 1e9);
            } else {
                cueNanos[k] = unheardOffsetNanos + e.timeNanos();
            }
        }
        for (int k = 1; k < cueNanos.length; k++) {
            // Coincident cues (a layer on a beat) may round out of order by their own onsets.
            cueNanos[k] = Math.max(cueNanos[k], cueNanos[k - 1]);
        }
        double cueOnly = c.heard() ? cueOnlyDepth(samples, c.residual(), rate, frames, onsets, settings, c.noiseFloor()) : Double.NaN;
        String warning = null;
        if (c.heard()) {
            double worst = Double.isNaN(cueOnly) ? c.depthDb() : Math.min(c.depthDb(), cueOnly);
            if (!(worst >= cancellation.minUsefulDepthDb())) {
                warning = String.format(java.util.Locale.ROOT,
                        "the cue is being removed by only %.1f dB (useful: %.0f dB or more): use headphones or lower the "
                                + "cue volume; onsets that cannot be told from the cue are flagged cue-residue",
                        worst, cancellation.minUsefulDepthDb());
            }
        }
        return new DetectionReport(onsets, cueNanos, schedule, c.heard(), c.latencyNanos(), c.driftPpm(), c.cuesAligned(),
                c.depthDb(), cueOnly, warning);
    }

    /** Runs the detector over arrays in 256-frame buffers, as a live input feeds it. */
    static List<Onset> detectArrays(float[] samples, float[] gate, float rate, DetectorSettings settings) {
        List<Onset> out = new ArrayList<>();
        double nanosPerFrame = 1e9 / rate;
        OnsetDetector d = new OnsetDetector(settings, rate,
                (frame, strength, flags) -> out.add(new Onset(Math.round(frame * nanosPerFrame), strength, OnsetSource.FILE, flags)));
        for (int i = 0; i < samples.length; i += BUFFER_FRAMES) {
            d.process(samples, gate, i, Math.min(BUFFER_FRAMES, samples.length - i));
        }
        d.flush();
        return out;
    }

    private static double cueOnlyDepth(float[] y, float[] r, float rate, double[] frames, List<Onset> onsets,
                                       DetectorSettings band, double noiseFloor) {
        int w = Math.round(0.15f * rate);
        // A tap's own sound (and its room tail) lasts ~0.4 s: cues that close after a tap are not cue-only.
        long before = Math.round(0.45 * 1e9);
        long after = Math.round(0.2 * 1e9);
        double ey = 0;
        double er = 0;
        int oi = 0;
        int warm = 256;
        for (double f : frames) {
            long t = Math.round(f / rate * 1e9);
            while (oi < onsets.size() && onsets.get(oi).timeNanos() < t - before) {
                oi++;
            }
            boolean clear = true;
            for (int j = oi; j < onsets.size() && onsets.get(j).timeNanos() <= t + after; j++) {
                if (onsets.get(j).isTap()) {
                    clear = false;
                    break;
                }
            }
            int s = (int) Math.floor(f);
            if (!clear || s < 0 || s + w > y.length) {
                continue;
            }
            // Only the cue's window is filtered (the filters settle over the 256 samples before it).
            Biquad hy = Biquad.highPass(band.lowHz(), rate);
            Biquad ly = Biquad.lowPass(band.highHz(), rate);
            Biquad hr = Biquad.highPass(band.lowHz(), rate);
            Biquad lr = Biquad.lowPass(band.highHz(), rate);
            for (int i = Math.max(0, s - warm); i < s + w; i++) {
                double by = ly.step(hy.step(y[i]));
                double br = lr.step(hr.step(r[i]));
                if (i >= s) {
                    ey += by * by;
                    er += br * br;
                }
            }
        }
        if (!(ey > 0)) {
            return Double.NaN;
        }
        double noise = noiseFloor * w * clearCount(frames, onsets, rate, w, y.length, before, after);
        return 10 * Math.log10(ey / Math.max(er - noise, ey * 1e-7));
    }

    private static int clearCount(double[] frames, List<Onset> onsets, float rate, int w, int length, long before, long after) {
        int count = 0;
        for (double f : frames) {
            long t = Math.round(f / rate * 1e9);
            boolean clear = true;
            for (Onset o : onsets) {
                long d = o.timeNanos() - t;
                if (o.isTap() && d >= -before && d <= after) {
                    clear = false;
                    break;
                }
            }
            int s = (int) Math.floor(f);
            if (clear && s >= 0 && s + w <= length) {
                count++;
            }
        }
        return count;
    }

    private static List<Onset> run(MonoStream stream, float rate, DetectorSettings settings, CueBleed bleed,
                                   float[] samples) {
        if (bleed == null) {
            return run(stream, rate, settings, null, null, 0);
        }
        long[] frames = toFrames(bleed.cueNanos(), rate);
        int maxLag = (int) Math.round(bleed.maxLagMs() / 1000 * rate);
        float[] template = bleed.template();
        if (template == null) {
            int length = (int) Math.round(bleed.templateMs() / 1000 * rate);
            template = CueCanceller.estimateTemplate(samples, frames, length, maxLag);
            if (template != null) {
                // A client who taps consistently ahead of the beat leaves the tail of every tap in
                // the window of the cue after it, and the median keeps it. Estimate again from the
                // cues with no onset in the 250 ms before them or inside their window.
                List<Onset> first = run(new MonoStream(samples, rate), rate, settings, template, frames, maxLag);
                long[] clean = cuesClearOfOnsets(frames, first, rate, length);
                if (clean.length >= Math.max(3, frames.length / 20)) {
                    float[] refined = CueCanceller.estimateTemplate(samples, clean, length, maxLag);
                    if (refined != null) {
                        template = refined;
                    }
                }
            }
        }
        return run(stream, rate, settings, template, frames, maxLag);
    }

    /** The cues with no onset from 250 ms before them to the end of their window (3 ms around the cue allowed). */
    static long[] cuesClearOfOnsets(long[] cueFrames, List<Onset> onsets, float rate, int length) {
        long[] onsetFrames = new long[onsets.size()];
        for (int i = 0; i < onsetFrames.length; i++) {
            onsetFrames[i] = Math.round(onsets.get(i).timeNanos() / 1e9 * rate);
        }
        long before = Math.round(0.250 * rate);
        long near = Math.round(0.003 * rate);
        long[] clean = new long[cueFrames.length];
        int n = 0;
        for (long cue : cueFrames) {
            boolean clear = true;
            for (long o : onsetFrames) {
                long d = o - cue;
                if (d >= -before && d <= length && Math.abs(d) > near) {
                    clear = false;
                    break;
                }
            }
            if (clear) {
                clean[n++] = cue;
            }
        }
        return java.util.Arrays.copyOf(clean, n);
    }

    private static List<Onset> run(MonoStream stream, float rate, DetectorSettings settings, float[] template,
                                   long[] frames, int maxLag) {
        CueCanceller canceller = null;
        if (template != null) {
            canceller = new CueCanceller(template, maxLag, Math.max(1, frames.length));
            for (long f : frames) {
                canceller.addCue(f);
            }
        }
        List<Onset> out = new ArrayList<>();
        double nanosPerFrame = 1e9 / rate;
        OnsetPipeline pipeline = new OnsetPipeline(settings, rate, canceller,
                f -> Math.round(f * nanosPerFrame), OnsetSource.FILE, out::add, null);
        AudioDispatcher d = new AudioDispatcher(stream, BUFFER_FRAMES, 0);
        d.addAudioProcessor(pipeline);
        d.run();
        return out;
    }

    static long[] toFrames(long[] nanos, float rate) {
        long[] f = new long[nanos.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.round(nanos[i] / 1e9 * rate);
        }
        return f;
    }

    /**
     * Reads a recording as mono samples.
     *
     * @param file the recording
     * @param channel the channel from 0, or -1 for the mean of all channels
     * @return the samples, full scale = 1
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is missing or not audio Java Sound reads
     */
    public static float[] readMono(Path file, int channel) throws IOException {
        try (AudioInputStream in = open(file)) {
            MonoStream mono = mono(in, channel, file);
            byte[] buf = new byte[4 * 4096];
            float[] out = new float[1 << 16];
            int n = 0;
            int r;
            while ((r = mono.read(buf, 0, buf.length)) > 0) {
                for (int p = 0; p + 3 < r; p += 4) {
                    int s = (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16 | buf[p + 3] << 24;
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, 2 * n);
                    }
                    out[n++] = (float) (s / (double) Integer.MAX_VALUE);
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }
    }

    /**
     * The channel count of a recording.
     *
     * @param file the recording
     * @return 1 or more
     * @throws IOException if the file cannot be read
     */
    public static int channels(Path file) throws IOException {
        try (AudioInputStream in = open(file)) {
            return in.getFormat().getChannels();
        }
    }

    /**
     * The sample rate of a recording.
     *
     * @param file the recording
     * @return in Hz
     * @throws IOException if the file cannot be read
     */
    public static float sampleRate(Path file) throws IOException {
        try (AudioInputStream in = open(file)) {
            return in.getFormat().getSampleRate();
        }
    }

    private static MonoStream mono(AudioInputStream in, int channel, Path file) {
        try {
            return new MonoStream(in, channel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("audio file " + file + ": " + e.getMessage());
        }
    }

    private static AudioInputStream open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("audio file " + file + " does not exist");
        }
        try {
            return AudioSystem.getAudioInputStream(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException("audio file " + file + " is not audio Java Sound can read (WAV, AIFF, AU)");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("audio file " + file + " does not exist");
        }
    }
}
