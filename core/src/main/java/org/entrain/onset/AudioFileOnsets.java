package org.entrain.onset;

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

    private static List<Onset> run(MonoStream stream, float rate, DetectorSettings settings, CueBleed bleed,
                                   float[] samples) {
        if (bleed == null) {
            return run(stream, rate, settings, null, null, 0);
        }
        long[] frames = toFrames(bleed.cueNanos(), rate);
        int maxLag = (int) Math.round(bleed.maxLagMillis() / 1000 * rate);
        float[] template = bleed.template();
        if (template == null) {
            int length = (int) Math.round(bleed.templateMillis() / 1000 * rate);
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
