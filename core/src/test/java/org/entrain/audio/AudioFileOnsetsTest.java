package org.entrain.audio;

import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetSource;
import org.entrain.onset.TestSignals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioFileOnsetsTest {

    @TempDir
    Path dir;

    private static final TestSignals.Mix MIX = TestSignals.mix(new TestSignals.Spec(6, 48_000f, 12,
            List.of(TestSignals.Hit.CLICK, TestSignals.Hit.KNOCK, TestSignals.Hit.CLAP), 200, 30, 3, 0, -6, 0, false, 21));

    /** Encodes {@code x} into channel {@code channel} of an interleaved PCM buffer (other channels: -x / 2). */
    private static byte[] encode(float[] x, AudioFormat f, int channel) {
        int bytes = f.getSampleSizeInBits() / 8;
        byte[] out = new byte[x.length * f.getFrameSize()];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < f.getChannels(); c++) {
                double v = c == channel ? x[i] : -x[i] / 2;
                long raw;
                if (f.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT)) {
                    raw = Float.floatToIntBits((float) v) & 0xffffffffL;
                } else {
                    double full = Math.pow(2, 8 * bytes - 1);
                    long s = Math.round(Math.max(-1, Math.min(1, v)) * (full - 1));
                    raw = f.getEncoding().equals(AudioFormat.Encoding.PCM_UNSIGNED) ? s + (long) full : s;
                }
                int p = i * f.getFrameSize() + c * bytes;
                for (int k = 0; k < bytes; k++) {
                    int shift = 8 * (f.isBigEndian() ? bytes - 1 - k : k);
                    out[p + k] = (byte) (raw >> shift);
                }
            }
        }
        return out;
    }

    private Path write(AudioFormat f, AudioFileFormat.Type type, int channel, String name) throws IOException {
        Path p = dir.resolve(name);
        byte[] b = encode(MIX.samples(), f, channel);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(b), f, MIX.samples().length), type, p.toFile());
        return p;
    }

    @Test
    void shouldReadEveryPcmLayoutAsTheSameSignal() throws IOException {
        Object[][] cases = {
                {new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, 48_000f, 8, 1, 1, 48_000f, false), AudioFileFormat.Type.WAVE, 0, 1e-2},
                {new AudioFormat(48_000f, 16, 2, true, false), AudioFileFormat.Type.WAVE, 1, 1e-4},
                {new AudioFormat(48_000f, 24, 4, true, false), AudioFileFormat.Type.WAVE, 2, 1e-6},
                {new AudioFormat(48_000f, 16, 1, true, true), AudioFileFormat.Type.AIFF, 0, 1e-4},
                {new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 48_000f, 32, 2, 8, 48_000f, false), AudioFileFormat.Type.WAVE, 0, 1e-6},
        };
        List<Onset> reference = AudioFileOnsets.detect(MIX.samples(), 48_000f, DetectorSettings.taps(), null);
        assertThat(reference).hasSize(12);
        int k = 0;
        for (Object[] c : cases) {
            AudioFormat f = (AudioFormat) c[0];
            int channel = (int) c[2];
            Path p = write(f, (AudioFileFormat.Type) c[1], channel, "f" + k++ + "." + ((AudioFileFormat.Type) c[1]).getExtension());
            float[] read = AudioFileOnsets.readMono(p, channel);
            assertThat(read).as("%s", f).hasSize(MIX.samples().length);
            double maxErr = 0;
            for (int i = 0; i < read.length; i++) {
                maxErr = Math.max(maxErr, Math.abs(read[i] - MIX.samples()[i]));
            }
            assertThat(maxErr).as("%s", f).isLessThan((double) c[3]);
            List<Onset> fromFile = AudioFileOnsets.detect(p, channel, DetectorSettings.taps(), null);
            assertThat(fromFile).as("%s", f).hasSameSizeAs(reference);
            for (int i = 0; i < reference.size(); i++) {
                assertThat(Math.abs(fromFile.get(i).timeNanos() - reference.get(i).timeNanos())).as("%s", f)
                        .isLessThanOrEqualTo(f.getSampleSizeInBits() == 8 ? 200_000L : 21_000L);
                assertThat(fromFile.get(i).source()).isEqualTo(OnsetSource.FILE);
            }
        }
    }

    @Test
    void shouldMixAllChannelsWhenNoneIsChosen() throws IOException {
        Path p = write(new AudioFormat(48_000f, 16, 2, true, false), AudioFileFormat.Type.WAVE, 0, "mix.wav");
        float[] mixed = AudioFileOnsets.readMono(p, -1);
        assertThat(mixed[MIX.samples().length / 2]).isCloseTo(MIX.samples()[MIX.samples().length / 2] / 4,
                org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void shouldNameAMissingOrUnreadableFile() throws IOException {
        Path missing = dir.resolve("missing.wav");
        assertThatThrownBy(() -> AudioFileOnsets.detect(missing, -1, DetectorSettings.taps(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.wav");
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "not audio");
        assertThatThrownBy(() -> AudioFileOnsets.detect(text, -1, DetectorSettings.taps(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes.wav");
    }

    @Test
    void shouldRejectAChannelTheFileDoesNotHave() throws IOException {
        Path p = write(new AudioFormat(48_000f, 16, 2, true, false), AudioFileFormat.Type.WAVE, 0, "two.wav");
        assertThatThrownBy(() -> AudioFileOnsets.detect(p, 2, DetectorSettings.taps(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1");
    }
}
