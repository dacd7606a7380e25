package org.entrain.midi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Soundbank;
import org.entrain.cancel.CueReferences;
import org.entrain.pattern.Voice;
import org.entrain.schedule.Cue;
import org.entrain.schedule.MutableCue;

/**
 * The exact one-shot of every voice at every velocity, rendered offline through the same synth
 * settings, sound bank and stream path as {@link OfflineRenderer#render} and the live synth: the
 * cancellation reference for a microphone that hears the cues. Thread safe: each (voice,
 * velocity) is rendered once, on first use (a few ms with the generated bank), and cached.
 *
 * <p>Sample 0 of each sound is the cue's scheduled time, as in a rendered WAV: the synth's constant
 * offset measured on the accent sound ({@link OfflineRenderer#measureOffsetSamples}) is cut, the
 * same cut {@code render} makes, so a voice whose attack differs from the accent's keeps that
 * difference. Each note is sent by the same {@link OfflineCueSink} as a render (a melodic sound gets
 * its note-off after 100 ms), so velocity scaling and program changes match. The tail is kept
 * until it falls below 1e-4 of the sound's peak (-80 dB), at most {@link #MAX_SECONDS}.
 */
public final class RenderedCueReferences implements CueReferences {

    /** The longest one-shot kept, seconds. */
    public static final double MAX_SECONDS = 2.0;

    private final CueSounds sounds;
    private final SynthSettings settings;
    private final Soundbank bank;
    private final int offsetSamples;
    private final ConcurrentHashMap<Integer, float[]> cache = new ConcurrentHashMap<>();

    private RenderedCueReferences(CueSounds sounds, SynthSettings settings, Soundbank bank, int offsetSamples) {
        this.sounds = sounds;
        this.settings = settings;
        this.bank = bank;
        this.offsetSamples = offsetSamples;
    }

    /**
     * Prepares the references of a sound set (loads the sound bank once and measures the synth's
     * constant offset; the sounds themselves are rendered on first use).
     *
     * @param sounds which sound each voice plays
     * @param settings the synth settings of {@code render}/{@code play} (their sample rate is replaced)
     * @param sampleRate the rate of the references: the microphone's, 8000..192000 Hz (44.1 or 48 kHz typically)
     * @return the references
     * @throws IllegalArgumentException if a value is out of range or the accent sound is silent in the bank
     * @throws UncheckedIOException if the sound bank cannot be read
     * @throws IllegalStateException if the software synth cannot be opened
     */
    public static RenderedCueReferences render(CueSounds sounds, SynthSettings settings, float sampleRate) {
        if (sounds == null || settings == null) {
            throw new IllegalArgumentException("cue sounds and synth settings must not be null");
        }
        SynthSettings s = new SynthSettings(sampleRate, settings.controlRate(), settings.latencyMicros(),
                settings.reverb(), settings.chorus(), settings.autoGainControl(), settings.jitterCorrection(),
                settings.interpolation(), settings.soundbank());
        try {
            Soundbank bank = SoftSynth.loadBank(s);
            int offset = OfflineRenderer.measureOffsetSamples(s, sounds.of(Voice.ACCENT));
            if (offset < 0) {
                throw new IllegalArgumentException("the accent sound (channel " + sounds.of(Voice.ACCENT).channel()
                        + " note " + sounds.of(Voice.ACCENT).note() + ") is silent in soundbank "
                        + (s.soundbank() == null ? "(generated)" : s.soundbank()) + ": choose a sound it has with --sounds");
            }
            return new RenderedCueReferences(sounds, s, bank, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MidiUnavailableException e) {
            throw new IllegalStateException("the software synth cannot be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public float sampleRate() {
        return (float) settings.sampleRate();
    }

    /**
     * The one-shot of a voice; rendered on the first call for a (voice, velocity), cached after.
     *
     * @param voice the voice
     * @param velocity the cue's velocity, 1..127 (the sound's velocity scale is applied as in a render)
     * @return the samples, full scale = 1 (shared: do not modify)
     * @throws IllegalArgumentException if the velocity is out of range
     */
    @Override
    public float[] sound(Voice voice, int velocity) {
        if (voice == null) {
            throw new IllegalArgumentException("voice must not be null");
        }
        if (velocity < 1 || velocity > 127) {
            throw new IllegalArgumentException("velocity must be between 1 and 127, was " + velocity);
        }
        return cache.computeIfAbsent(voice.ordinal() * 128 + velocity, k -> renderOne(voice, velocity));
    }

    /**
     * The synth's constant offset cut from the start of every sound.
     *
     * @return samples
     */
    public int offsetSamples() {
        return offsetSamples;
    }

    /**
     * The sounds these references play.
     *
     * @return the sound set
     */
    public CueSounds sounds() {
        return sounds;
    }

    private float[] renderOne(Voice voice, int velocity) {
        int max = (int) Math.ceil(MAX_SECONDS * settings.sampleRate());
        short[] pcm;
        try (SoftSynth synth = SoftSynth.openStream(settings, 1, bank)) {
            OfflineCueSink sink = OfflineCueSink.of(synth.receiver(), sounds, 0);
            sink.onCue(new MutableCue().set(0, 0, 0, 0, Cue.MAIN_GRID, 0, 0, 0, 120, voice, velocity));
            pcm = OfflineRenderer.readMono(synth.stream(), offsetSamples + max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MidiUnavailableException e) {
            throw new IllegalStateException("the software synth cannot be opened: " + e.getMessage(), e);
        }
        int peak = 0;
        for (int i = offsetSamples; i < pcm.length; i++) {
            peak = Math.max(peak, Math.abs(pcm[i]));
        }
        int end = offsetSamples;
        for (int i = pcm.length - 1; i >= offsetSamples; i--) {
            if (Math.abs(pcm[i]) > peak * 1e-4) {
                end = i + 1;
                break;
            }
        }
        float[] out = new float[Math.max(1, end - offsetSamples)];
        for (int i = 0; i < out.length && offsetSamples + i < end; i++) {
            out[i] = pcm[offsetSamples + i] / 32768f;
        }
        return out;
    }
}
