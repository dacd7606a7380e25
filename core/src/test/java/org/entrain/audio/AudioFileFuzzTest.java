package org.entrain.audio;

import org.entrain.onset.DetectorSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.entrain.fuzz.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Fuzzes the recording reader ({@link AudioFileOnsets#readMono}, {@link AudioFileOnsets#sampleRate}
 * and, on fewer cases, the whole {@link AudioFileOnsets#detect}) with real files written by Java
 * Sound (WAV 8-bit unsigned, 16-bit, 24-bit stereo, 32-bit float; AIFF 16-bit; AU) mutated at the
 * byte level: truncated, wrong headers, huge or zero declared sizes, channel counts and rates,
 * zero-length files and files of other types. Only the documented {@link IOException} and
 * {@link IllegalArgumentException} may escape, with a one-line message.
 */
class AudioFileFuzzTest {

    @TempDir
    Path dir;

    private static byte[] file(AudioFormat format, AudioFileFormat.Type type, int frames) throws IOException {
        byte[] pcm = new byte[frames * format.getFrameSize()];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (31 * i + (i / 97) * 13);
        }
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(in, type, out);
            return out.toByteArray();
        }
    }

    static List<byte[]> bases() throws IOException {
        List<byte[]> b = new ArrayList<>();
        b.add(file(new AudioFormat(8000, 16, 1, true, false), AudioFileFormat.Type.WAVE, 400));
        b.add(file(new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, 8000, 8, 1, 1, 8000, false), AudioFileFormat.Type.WAVE, 400));
        b.add(file(new AudioFormat(44_100, 24, 2, true, false), AudioFileFormat.Type.WAVE, 200));
        b.add(file(new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 8000, 32, 1, 4, 8000, false), AudioFileFormat.Type.WAVE, 200));
        b.add(file(new AudioFormat(8000, 16, 1, true, true), AudioFileFormat.Type.AIFF, 400));
        b.add(file(new AudioFormat(8000, 16, 1, true, true), AudioFileFormat.Type.AU, 400));
        b.add("index,time_s,strength\n0,0.5,1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.add(new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 2, 0x0d, 0x20, 'M', 'T', 'r', 'k', 0, 0, 0, 4, 0, (byte) 0xFF, 0x2F, 0});
        b.add(new byte[0]);
        return b;
    }

    private String read(Path f, byte[] bytes, int channel, boolean detect) {
        try {
            Files.write(f, bytes);
            float[] mono = AudioFileOnsets.readMono(f, channel);
            assertThat(mono).isNotNull();
            if (detect && AudioFileOnsets.sampleRate(f) >= 4000 && AudioFileOnsets.sampleRate(f) <= 192_000) {
                assertThat(AudioFileOnsets.detect(f, channel, DetectorSettings.preset("taps"), null)).doesNotContainNull();
            }
            return "read";
        } catch (IllegalArgumentException | IOException e) {
            assertThat(Fuzz.messageProblem(e.getMessage())).as("message of " + e).isNull();
            return "rejected";
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldReadOrRejectMutatedRecordingsWithOneLine() throws IOException {
        List<byte[]> bases = bases();
        Gen<byte[]> files = Generate.pick(bases).flatMap(b -> Fuzz.mutated(b, 64));
        Path f = dir.resolve("fuzz.wav");
        Fuzz.check("recordings (WAV/AIFF/AU), mutated, read", files.zip(Generate.pick(List.of(-1, -1, 0, 1)), (b, c) -> new Object[] {b, c}),
                x -> read(f, (byte[]) x[0], (Integer) x[1], false));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldDetectInOrRejectMutatedRecordings() throws IOException {
        List<byte[]> bases = bases().subList(0, 4);
        Path f = dir.resolve("fuzz-detect.wav");
        Fuzz.qt(Math.max(1, Fuzz.EXAMPLES / 10)).forAll(Generate.pick(bases).flatMap(b -> Fuzz.mutated(b, 64)), integers().between(-1, 1))
                .checkAssert((b, c) -> read(f, b, c, true));
    }
}
