package org.entrain.midi;

import com.sun.media.sound.ModelPatch;
import com.sun.media.sound.SF2Instrument;
import com.sun.media.sound.SF2InstrumentRegion;
import com.sun.media.sound.SF2Layer;
import com.sun.media.sound.SF2LayerRegion;
import com.sun.media.sound.SF2Region;
import com.sun.media.sound.SF2Sample;
import com.sun.media.sound.SF2Soundbank;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;

/**
 * The project's own small soundbank, generated in code: short one-shot percussion sounds for
 * cues, each starting at full level on its first sample (so its onset is sharp and can be located
 * to the sample), and one melodic tone. Deterministic: the same bytes on every run and JDK (noise
 * comes from a fixed-seed linear congruential generator, not {@link java.util.Random}). Stateless
 * and thread safe.
 *
 * <p>Percussion (bank 128, preset 0, channel 10): 33 metronome click, 34 metronome bell, 37 side
 * stick, 42 closed hi-hat, 56 cowbell, 75 claves, 76 high wood block, 77 low wood block. Melodic
 * (bank 0): program 115 "Woodblock", a damped tone with its root at note 72.
 */
public final class PercussionBank {

    /** The sample rate of every generated sample, Hz. */
    public static final int SAMPLE_RATE = 44_100;

    /** The melodic program the bank holds. */
    public static final int MELODIC_PROGRAM = 115;

    private static final int ROOT_KEY = 72;

    private PercussionBank() {
    }

    /**
     * Builds the soundbank (a few ms).
     *
     * @return a new soundbank
     */
    public static Soundbank create() {
        SF2Soundbank sf2 = new SF2Soundbank();
        sf2.setName("Entrain cue sounds");
        sf2.setVendor("Entrain");
        sf2.setDescription("Generated one-shot cue sounds (GPL-3.0-or-later)");

        SF2Instrument kit = new SF2Instrument(sf2);
        kit.setName("Entrain Cue Kit");
        kit.setPatch(new ModelPatch(0, 0, true));
        sf2.addInstrument(kit);
        drum(sf2, kit, CueSounds.METRONOME_CLICK, "Metronome Click", tone(new double[] {3000}, new double[] {1}, 0.006, 0.04));
        drum(sf2, kit, CueSounds.METRONOME_BELL, "Metronome Bell",
                tone(new double[] {1760, 4400}, new double[] {1, 0.4}, 0.08, 0.3));
        drum(sf2, kit, CueSounds.SIDE_STICK, "Side Stick", mix(tone(new double[] {420, 1250}, new double[] {1, 0.6}, 0.012, 0.08),
                noise(0.008, 0.08, 11), 0.5));
        drum(sf2, kit, CueSounds.CLOSED_HI_HAT, "Closed Hi-Hat", noise(0.012, 0.1, 7));
        drum(sf2, kit, CueSounds.COWBELL, "Cowbell", tone(new double[] {540, 800}, new double[] {1, 0.8}, 0.06, 0.3));
        drum(sf2, kit, CueSounds.CLAVES, "Claves", tone(new double[] {2500}, new double[] {1}, 0.025, 0.15));
        drum(sf2, kit, CueSounds.HIGH_WOOD_BLOCK, "High Wood Block",
                tone(new double[] {1000, 2410}, new double[] {1, 0.35}, 0.03, 0.15));
        drum(sf2, kit, CueSounds.LOW_WOOD_BLOCK, "Low Wood Block",
                tone(new double[] {700, 1690}, new double[] {1, 0.35}, 0.035, 0.15));

        double f0 = 440.0 * Math.pow(2, (ROOT_KEY - 69) / 12.0);
        SF2Sample s = sample(sf2, "Woodblock tone", tone(new double[] {f0, 2.76 * f0}, new double[] {1, 0.3}, 0.08, 0.4));
        s.setOriginalPitch(ROOT_KEY);
        SF2Layer layer = layer(sf2, "Woodblock", s);
        SF2Instrument ins = new SF2Instrument(sf2);
        ins.setName("Woodblock");
        ins.setPatch(new ModelPatch(0, MELODIC_PROGRAM, false));
        sf2.addInstrument(ins);
        SF2InstrumentRegion region = new SF2InstrumentRegion();
        region.setLayer(layer);
        ins.getRegions().add(region);
        return sf2;
    }

    /**
     * Saves the generated soundbank as an SF2 file.
     *
     * @param path where to write
     * @throws IOException if writing fails
     */
    public static void save(Path path) throws IOException {
        ((SF2Soundbank) create()).save(path.toFile());
    }

    /**
     * Loads a soundbank file (SF2 or DLS).
     *
     * @param path the file
     * @return the soundbank
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file if it is not a soundbank
     */
    public static Soundbank load(Path path) throws IOException {
        File f = path.toFile();
        if (!f.isFile()) {
            throw new IllegalArgumentException("soundbank " + path + " does not exist or is not a file");
        }
        try {
            return MidiSystem.getSoundbank(f);
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException("soundbank " + path + " is not an SF2 or DLS file: " + e.getMessage());
        }
    }

    private static void drum(SF2Soundbank sf2, SF2Instrument kit, int key, String name, float[] data) {
        SF2Sample sample = sample(sf2, name, data);
        // Root key = the key that plays it: the sample sounds at its recorded pitch, sample for sample.
        sample.setOriginalPitch(key);
        SF2Layer layer = layer(sf2, name, sample);
        SF2InstrumentRegion region = new SF2InstrumentRegion();
        region.setLayer(layer);
        region.putBytes(SF2Region.GENERATOR_KEYRANGE, new byte[] {(byte) key, (byte) key});
        kit.getRegions().add(region);
    }

    private static SF2Layer layer(SF2Soundbank sf2, String name, SF2Sample sample) {
        SF2LayerRegion region = new SF2LayerRegion();
        region.setSample(sample);
        // Let a note sound out after a note-off: a 0.5 s release (-1200 timecents), longer than any sample.
        region.putInteger(SF2Region.GENERATOR_RELEASEVOLENV, 1200 * -1);
        SF2Layer layer = new SF2Layer(sf2);
        layer.setName(name);
        layer.getRegions().add(region);
        sf2.addResource(layer);
        return layer;
    }

    private static SF2Sample sample(SF2Soundbank sf2, String name, float[] data) {
        byte[] bytes = new byte[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            int v = (int) Math.round(Math.max(-1.0, Math.min(1.0, data[i])) * 32767.0);
            bytes[2 * i] = (byte) v;
            bytes[2 * i + 1] = (byte) (v >> 8);
        }
        SF2Sample s = new SF2Sample(sf2);
        s.setName(name);
        s.setData(bytes);
        s.setSampleRate(SAMPLE_RATE);
        s.setOriginalPitch(60);
        s.setStartLoop(0);
        s.setEndLoop(0);
        sf2.addResource(s);
        return s;
    }

    /** Damped partials in cosine phase: full level on sample 0. */
    private static float[] tone(double[] freqs, double[] gains, double tauSeconds, double lengthSeconds) {
        int n = (int) Math.round(lengthSeconds * SAMPLE_RATE);
        float[] out = new float[n];
        double norm = 0;
        for (double g : gains) {
            norm += g;
        }
        for (int i = 0; i < n; i++) {
            double t = (double) i / SAMPLE_RATE;
            double v = 0;
            for (int k = 0; k < freqs.length; k++) {
                v += gains[k] * Math.cos(2 * Math.PI * freqs[k] * t);
            }
            out[i] = (float) (0.9 * v / norm * Math.exp(-t / tauSeconds) * tail(i, n));
        }
        return out;
    }

    /** High-passed noise from a fixed-seed LCG, starting at full level. */
    private static float[] noise(double tauSeconds, double lengthSeconds, long seed) {
        int n = (int) Math.round(lengthSeconds * SAMPLE_RATE);
        float[] out = new float[n];
        long state = seed;
        double prev = 0;
        for (int i = 0; i < n; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            double r = ((state >>> 11) * 0x1.0p-53) * 2 - 1;
            double hp = r - prev;
            prev = r;
            double t = (double) i / SAMPLE_RATE;
            out[i] = (float) (0.45 * hp * Math.exp(-t / tauSeconds) * tail(i, n));
        }
        out[0] = 0.9f;
        return out;
    }

    private static float[] mix(float[] a, float[] b, double bGain) {
        float[] out = a.clone();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            out[i] = (float) (out[i] * (1 - bGain) + b[i] * bGain);
        }
        out[0] = a[0];
        return out;
    }

    /** A short fade over the last 64 samples so the sample ends without a click. */
    private static double tail(int i, int n) {
        int left = n - 1 - i;
        return left >= 64 ? 1.0 : left / 64.0;
    }
}
