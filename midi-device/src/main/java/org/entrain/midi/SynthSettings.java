package org.entrain.midi;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How the software synthesizer (Gervill) is opened. Immutable.
 *
 * @param sampleRate output sample rate, 8000..192000 Hz
 * @param controlRate control blocks per second, 10..2000 (Gervill's default is 147: 300-sample blocks
 *        at 44.1 kHz; the default here, 441, gives 100-sample blocks). Everything but NOTE_ON is quantized to a block
 * @param latencyMicros the output line's buffer, 1 ms..1 s (Gervill's {@code "latency"})
 * @param reverb whether Gervill's reverb is on
 * @param chorus whether Gervill's chorus is on
 * @param autoGainControl whether Gervill's limiter is on (it delays the output by one control block)
 * @param jitterCorrection whether Gervill's jitter corrector runs (live line only)
 * @param interpolation Gervill's resampler: {@code linear}, {@code cubic}, {@code sinc}, {@code lanczos}
 * @param soundbank an SF2 or DLS file, or null for the generated {@link PercussionBank}
 */
public record SynthSettings(double sampleRate, double controlRate, long latencyMicros, boolean reverb, boolean chorus,
                            boolean autoGainControl, boolean jitterCorrection, String interpolation, Path soundbank) {

    /**
     * Validates.
     *
     * @param sampleRate see the record component
     * @param controlRate see the record component
     * @param latencyMicros see the record component
     * @param reverb see the record component
     * @param chorus see the record component
     * @param autoGainControl see the record component
     * @param jitterCorrection see the record component
     * @param interpolation see the record component
     * @param soundbank see the record component
     * @throws IllegalArgumentException naming the value and its allowed range
     */
    public SynthSettings {
        if (!(sampleRate >= 8000 && sampleRate <= 192_000)) {
            throw new IllegalArgumentException("sample rate must be between 8000 and 192000 Hz, was " + sampleRate);
        }
        if (!(controlRate >= 10 && controlRate <= 2000)) {
            throw new IllegalArgumentException("control rate must be between 10 and 2000 per second, was " + controlRate);
        }
        if (latencyMicros < 1000 || latencyMicros > 1_000_000) {
            throw new IllegalArgumentException("synth latency must be between 1000 and 1000000 us, was " + latencyMicros);
        }
        if (!java.util.List.of("linear", "linear1", "linear2", "cubic", "sinc", "lanczos").contains(interpolation)) {
            throw new IllegalArgumentException("interpolation '" + interpolation + "' is not one of linear, linear1, linear2, cubic, sinc, lanczos");
        }
    }

    /**
     * The defaults: 44.1 kHz, control rate 441, 80 ms line latency (a 40 ms line underran on a
     * loaded PulseAudio machine, moving every later cue by up to 40 ms), reverb, chorus and AGC off,
     * jitter correction off (see {@link #withJitterCorrection}), linear interpolation, the generated
     * soundbank.
     *
     * @return the defaults
     */
    public static SynthSettings defaults() {
        return new SynthSettings(44_100, 441, 80_000, false, false, false, false, "linear", null);
    }

    /**
     * A copy with another line latency.
     *
     * @param micros 1 ms..1 s
     * @return the new settings
     */
    public SynthSettings withLatencyMicros(long micros) {
        return new SynthSettings(sampleRate, controlRate, micros, reverb, chorus, autoGainControl, jitterCorrection,
                interpolation, soundbank);
    }

    /**
     * A copy with another control rate.
     *
     * @param rate 10..2000 per second
     * @return the new settings
     */
    public SynthSettings withControlRate(double rate) {
        return new SynthSettings(sampleRate, rate, latencyMicros, reverb, chorus, autoGainControl, jitterCorrection,
                interpolation, soundbank);
    }

    /**
     * A copy with reverb on or off.
     *
     * @param on whether reverb is on
     * @return the new settings
     */
    public SynthSettings withReverb(boolean on) {
        return new SynthSettings(sampleRate, controlRate, latencyMicros, on, chorus, autoGainControl, jitterCorrection,
                interpolation, soundbank);
    }

    /**
     * A copy with the limiter (automatic gain control) on or off.
     *
     * @param on whether the limiter is on
     * @return the new settings
     */
    public SynthSettings withAutoGainControl(boolean on) {
        return new SynthSettings(sampleRate, controlRate, latencyMicros, reverb, chorus, on, jitterCorrection,
                interpolation, soundbank);
    }

    /**
     * A copy with another soundbank.
     *
     * @param file an SF2 or DLS file, or null for the generated bank
     * @return the new settings
     */
    public SynthSettings withSoundbank(Path file) {
        return new SynthSettings(sampleRate, controlRate, latencyMicros, reverb, chorus, autoGainControl, jitterCorrection,
                interpolation, file);
    }

    /**
     * A copy with Gervill's jitter corrector on or off. Off by default: on a PulseAudio line its
     * render clock ran 0.5-1.9 s ahead of the line within seconds and kept growing, and cues sounded
     * tens to hundreds of ms off their deadlines, differently in every run ({@code SynthChainLatency}
     * in the benchmarks).
     *
     * @param on whether the corrector runs (live line only)
     * @return the new settings
     */
    public SynthSettings withJitterCorrection(boolean on) {
        return new SynthSettings(sampleRate, controlRate, latencyMicros, reverb, chorus, autoGainControl, on,
                interpolation, soundbank);
    }

    /**
     * Samples per control block (Gervill: {@code (int) (sampleRate / controlRate)}).
     *
     * @return samples
     */
    public int blockSamples() {
        return (int) (sampleRate / controlRate);
    }

    /**
     * The info map for {@code AudioSynthesizer.open(line, info)} / {@code openStream(format, info)}.
     *
     * @return a new map
     */
    Map<String, Object> info() {
        Map<String, Object> m = new HashMap<>();
        m.put("sample rate", (float) sampleRate);
        m.put("control rate", (float) controlRate);
        m.put("latency", latencyMicros);
        m.put("reverb", reverb);
        m.put("chorus", chorus);
        m.put("auto gain control", autoGainControl);
        m.put("jitter correction", jitterCorrection);
        m.put("interpolation", interpolation);
        m.put("load default soundbank", false);
        m.put("max polyphony", 64);
        return m;
    }
}
