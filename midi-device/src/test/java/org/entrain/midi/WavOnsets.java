package org.entrain.midi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Test helper: reads a 16-bit mono WAV and finds onsets blindly (a jump out of silence). */
final class WavOnsets {

    private WavOnsets() {
    }

    static short[] read(Path wav) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            if (in.getFormat().getChannels() != 1 || in.getFormat().getSampleSizeInBits() != 16) {
                throw new IllegalStateException("expected 16-bit mono, got " + in.getFormat());
            }
            return OfflineRenderer.readMono(in, (int) in.getFrameLength());
        }
    }

    /**
     * Onsets: the first sample above {@code threshold} after {@code quietSamples} samples all
     * below {@code quiet}.
     */
    static List<Integer> find(short[] pcm, int threshold, int quiet, int quietSamples) {
        List<Integer> out = new ArrayList<>();
        int quietRun = quietSamples;
        for (int i = 0; i < pcm.length; i++) {
            int a = Math.abs(pcm[i]);
            if (a > threshold && quietRun >= quietSamples) {
                out.add(i);
            }
            quietRun = a < quiet ? quietRun + 1 : 0;
        }
        return out;
    }
}
