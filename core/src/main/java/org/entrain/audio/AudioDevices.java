package org.entrain.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * Java Sound inputs and outputs by name. Stateless and thread safe.
 *
 * <p>A name matches a mixer when it equals the mixer's name or is contained in it, ignoring case;
 * null or {@code "default"} means the system default.
 */
public final class AudioDevices {

    private AudioDevices() {
    }

    /**
     * Names of the mixers that offer capture lines.
     *
     * @return the names
     */
    public static List<String> inputs() {
        return names(TargetDataLine.class);
    }

    /**
     * Names of the mixers that offer playback lines.
     *
     * @return the names
     */
    public static List<String> outputs() {
        return names(SourceDataLine.class);
    }

    private static List<String> names(Class<?> lineClass) {
        List<String> out = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer m = AudioSystem.getMixer(info);
            if (m.getTargetLineInfo().length > 0 && lineClass == TargetDataLine.class
                    && m.isLineSupported(new DataLine.Info(TargetDataLine.class, null))) {
                out.add(info.getName());
            } else if (lineClass == SourceDataLine.class && m.isLineSupported(new DataLine.Info(SourceDataLine.class, null))) {
                out.add(info.getName());
            }
        }
        return out;
    }

    /**
     * Opens a capture line; the caller starts and closes it.
     *
     * @param name the mixer name, or null / "default"
     * @param format the format
     * @param bufferBytes the line's buffer size in bytes (whole frames)
     * @return the open line
     * @throws LineUnavailableException if the device refuses
     * @throws IllegalArgumentException if no input has that name or it does not support the format
     */
    public static TargetDataLine openInput(String name, AudioFormat format, int bufferBytes) throws LineUnavailableException {
        DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
        TargetDataLine line;
        if (isDefault(name)) {
            if (!AudioSystem.isLineSupported(info)) {
                throw new IllegalArgumentException("the default input does not support " + format);
            }
            line = (TargetDataLine) AudioSystem.getLine(info);
        } else {
            Mixer m = mixer(name, info, inputs());
            line = (TargetDataLine) m.getLine(info);
        }
        line.open(format, bufferBytes);
        return line;
    }

    /**
     * Opens a playback line; the caller starts and closes it.
     *
     * @param name the mixer name, or null / "default"
     * @param format the format
     * @param bufferBytes the line's buffer size in bytes (whole frames)
     * @return the open line
     * @throws LineUnavailableException if the device refuses
     * @throws IllegalArgumentException if no output has that name or it does not support the format
     */
    public static SourceDataLine openOutput(String name, AudioFormat format, int bufferBytes) throws LineUnavailableException {
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        SourceDataLine line;
        if (isDefault(name)) {
            if (!AudioSystem.isLineSupported(info)) {
                throw new IllegalArgumentException("the default output does not support " + format);
            }
            line = (SourceDataLine) AudioSystem.getLine(info);
        } else {
            Mixer m = mixer(name, info, outputs());
            line = (SourceDataLine) m.getLine(info);
        }
        line.open(format, bufferBytes);
        return line;
    }

    private static boolean isDefault(String name) {
        return name == null || name.isBlank() || name.equalsIgnoreCase("default");
    }

    private static Mixer mixer(String name, DataLine.Info info, List<String> known) {
        String want = name.toLowerCase(Locale.ROOT);
        Mixer contains = null;
        for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
            Mixer m = AudioSystem.getMixer(mi);
            if (!m.isLineSupported(info)) {
                continue;
            }
            String have = mi.getName().toLowerCase(Locale.ROOT);
            if (have.equals(want)) {
                return m;
            }
            if (contains == null && have.contains(want)) {
                contains = m;
            }
        }
        if (contains == null) {
            throw new IllegalArgumentException("no audio device named '" + name + "' supports " + info.getFormats()[0]
                    + "; devices: " + known);
        }
        return contains;
    }
}
