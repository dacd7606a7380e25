package org.entrain.midi;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.ShortMessage;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.entrain.pattern.Pattern;
import org.entrain.pattern.Voice;
import org.entrain.schedule.Cue;
import org.entrain.schedule.MutableCue;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;

/**
 * Renders a plan to a WAV file (16-bit mono PCM) through the software synth's stream path
 * ({@code AudioSynthesizer.openStream}): as fast as the CPU allows, without a sound card, the same
 * bytes on every run. Stateless and thread safe; each render opens its own synth.
 *
 * <p>Each cue's note-on is timestamped at the cue's plan time to the microsecond; Gervill places
 * it to the sample. The synth's constant offset (the note starts one control block after its
 * timestamp, plus the sound's attack, plus one more block with the limiter on) is measured by
 * rendering one probe note ({@link #measureOffsetSamples}) and cut from the start of the file, so
 * a cue's CSV {@code time_s} is where its sound begins in the WAV.
 */
public final class OfflineRenderer {

    /** Audio kept after the last cue so its sound can ring out, seconds. */
    public static final double TAIL_SECONDS = 1.0;

    private OfflineRenderer() {
    }

    /**
     * What a render produced.
     *
     * @param cues the cues rendered, in time order; {@code timeNanos} is where each sound begins in the WAV
     * @param frames samples written
     * @param offsetSamples the synth's constant offset removed from the start
     * @param sampleRate the sample rate, Hz
     */
    public record Result(List<CueEvent> cues, long frames, int offsetSamples, double sampleRate) {
        /**
         * Validates and copies.
         *
         * @param cues see the record component
         * @param frames see the record component
         * @param offsetSamples see the record component
         * @param sampleRate see the record component
         * @throws IllegalArgumentException if a value is out of range
         */
        public Result {
            if (frames < 0 || offsetSamples < 0 || !(sampleRate > 0)) {
                throw new IllegalArgumentException("frames, offset and sample rate must be >= 0, were "
                        + frames + ", " + offsetSamples + ", " + sampleRate);
            }
            cues = List.copyOf(cues);
        }
    }

    /**
     * Renders a plan to a WAV file.
     *
     * @param map the tempo map
     * @param pattern the pattern
     * @param end where the plan ends
     * @param sounds the voice sounds
     * @param settings the synth settings (latency and jitter correction do not apply offline)
     * @param wav the file to write
     * @return the cues and figures
     * @throws IOException if writing fails
     * @throws MidiUnavailableException if Gervill cannot be opened
     */
    public static Result render(TempoMap map, Pattern pattern, Length end, CueSounds sounds, SynthSettings settings,
                                Path wav) throws IOException, MidiUnavailableException {
        if (end == null) {
            throw new IllegalArgumentException("a render needs an end (bars, beats or a duration)");
        }
        CueSound probe = sounds.of(Voice.ACCENT);
        int offset = measureOffsetSamples(settings, probe);
        if (offset < 0) {
            throw new IllegalArgumentException("the accent sound (channel " + probe.channel() + " note " + probe.note()
                    + ") is silent in soundbank " + (settings.soundbank() == null ? "(generated)" : settings.soundbank())
                    + ": choose a sound it has with --sounds");
        }
        List<CueEvent> cues = new ArrayList<>();
        try (SoftSynth synth = SoftSynth.openStream(settings, 1)) {
            OfflineCueSink sink = OfflineCueSink.of(synth.receiver(), sounds, 0);
            CuePlanner planner = new CuePlanner(map, pattern, end);
            MutableCue cue = new MutableCue();
            long last = 0;
            while (planner.next(cue)) {
                sink.onCue(cue);
                cues.add(cue.toEvent());
                last = cue.timeNanos();
            }
            sink.onEnd();
            long frames = (long) Math.ceil((last / 1e9 + TAIL_SECONDS) * settings.sampleRate());
            AudioInputStream in = synth.stream();
            skipFully(in, (long) offset * in.getFormat().getFrameSize());
            try (AudioInputStream limited = new AudioInputStream(in, in.getFormat(), frames)) {
                File f = wav.toFile();
                AudioSystem.write(limited, AudioFileFormat.Type.WAVE, f);
            }
            return new Result(cues, frames, offset, settings.sampleRate());
        }
    }

    /**
     * Measures the synth's constant offset: renders one note timestamped at 0 and finds the first
     * sample whose level exceeds 1% of the note's peak.
     *
     * @param settings the synth settings
     * @param sound the probe sound
     * @return samples from the timestamp to where the sound begins, or -1 if the sound is silent
     * @throws MidiUnavailableException if Gervill cannot be opened
     * @throws IOException if rendering fails
     */
    public static int measureOffsetSamples(SynthSettings settings, CueSound sound) throws MidiUnavailableException, IOException {
        try (SoftSynth synth = SoftSynth.openStream(settings, 1)) {
            Cue probe = new MutableCue().set(0, 0, 0, 0, Cue.MAIN_GRID, 0, 0, 0, 120, Voice.ACCENT, 127);
            CueMessages m = new CueMessages(CueSounds.defaults().with(Voice.ACCENT, sound));
            m.sendProgramChanges(synth.receiver());
            ShortMessage on = m.noteOn(probe);
            synth.receiver().send(on, 0);
            int n = (int) (settings.sampleRate() * 0.1) + 4 * settings.blockSamples();
            short[] pcm = readMono(synth.stream(), n);
            return firstAbove(pcm, 0, pcm.length, 0.01);
        }
    }

    /**
     * The first sample, from {@code from}, whose magnitude exceeds {@code fraction} of the peak
     * magnitude in {@code [from, to)}.
     *
     * @param pcm the samples
     * @param from first index
     * @param to end index (exclusive)
     * @param fraction 0..1
     * @return the index, or -1 if the range is silent
     */
    public static int firstAbove(short[] pcm, int from, int to, double fraction) {
        int peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(pcm[i]));
        }
        if (peak == 0) {
            return -1;
        }
        double thr = peak * fraction;
        for (int i = from; i < to; i++) {
            if (Math.abs(pcm[i]) > thr) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads {@code n} 16-bit little-endian mono samples.
     *
     * @param in the stream
     * @param n how many samples
     * @return the samples (zeros past the end of the stream)
     * @throws IOException if reading fails
     */
    public static short[] readMono(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(2 * n);
        short[] out = new short[n];
        for (int i = 0; i < b.length / 2; i++) {
            out[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
        }
        return out;
    }

    private static void skipFully(InputStream in, long bytes) throws IOException {
        byte[] buf = new byte[4096];
        long left = bytes;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("the synth stream ended early");
            }
            left -= r;
        }
    }
}
