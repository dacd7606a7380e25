package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.entrain.onset.TestSignals;
import org.entrain.pattern.Voice;
import org.entrain.schedule.CueCsv;
import org.entrain.schedule.CueEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return EntrainCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Writes 16-bit stereo: {@code left} in channel 1, {@code right} in channel 2. */
    private static void writeWav(Path file, float[] left, float[] right, float rate) throws IOException {
        byte[] b = new byte[left.length * 4];
        for (int i = 0; i < left.length; i++) {
            int l = Math.round(Math.max(-1, Math.min(1, left[i])) * 32767);
            int r = Math.round(Math.max(-1, Math.min(1, right[i])) * 32767);
            b[4 * i] = (byte) l;
            b[4 * i + 1] = (byte) (l >> 8);
            b[4 * i + 2] = (byte) r;
            b[4 * i + 3] = (byte) (r >> 8);
        }
        AudioFormat f = new AudioFormat(rate, 16, 2, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(b), f, left.length), AudioFileFormat.Type.WAVE, file.toFile());
    }

    private static List<double[]> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(DetectCommand.HEADER);
        List<double[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            assertThat(f[1]).matches("\\d+\\.\\d{6}");
            rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        return rows;
    }

    private static int matched(long[] truthFrames, float rate, List<double[]> rows, double windowS) {
        int m = 0;
        for (long t : truthFrames) {
            double ts = t / (double) rate;
            for (double[] r : rows) {
                if (Math.abs(r[1] - ts) <= windowS) {
                    m++;
                    break;
                }
            }
        }
        return m;
    }

    @Test
    void shouldDetectTapsInTheChosenChannelOfAStereoWav() throws IOException {
        TestSignals.Mix mix = TestSignals.mix(new TestSignals.Spec(10, 48_000f, 20,
                List.of(TestSignals.Hit.KNOCK, TestSignals.Hit.CLAP), 200, 30, 3, 0, -6, 0, false, 5));
        Path wav = dir.resolve("taps.wav");
        writeWav(wav, mix.samples(), new float[mix.samples().length], 48_000f);
        Path csv = dir.resolve("onsets.csv");

        int code = run("detect", "--audio", wav.toString(), "--csv", csv.toString(), "--channel", "1");

        assertThat(code).as(err.toString()).isZero();
        List<double[]> rows = readCsv(csv);
        assertThat(rows).hasSize(20);
        assertThat(matched(mix.hitFrames(), 48_000f, rows, 0.001)).isEqualTo(20);
        assertThat(run("detect", "--audio", wav.toString(), "--csv", csv.toString(), "--channel", "2")).isZero();
        assertThat(readCsv(csv)).isEmpty();
    }

    @Test
    void shouldKeepTheBleedingCueOutWhenGivenTheCueCsv() throws IOException {
        float rate = 44_100f;
        TestSignals.Mix mix = TestSignals.mix(new TestSignals.Spec(20, rate, 30,
                List.of(TestSignals.Hit.CLICK, TestSignals.Hit.KNOCK), 200, 20, 3, 120, 0, 0.3, false, 9));
        Path wav = dir.resolve("session.wav");
        writeWav(wav, mix.samples(), mix.samples(), rate);
        Path cueWav = dir.resolve("cue.wav");
        float[] cue = TestSignals.cueSound(rate);
        writeWav(cueWav, cue, cue, rate);
        Path cues = dir.resolve("cues.csv");
        long first = mix.cueFrames()[0];
        List<CueEvent> events = new ArrayList<>();
        for (int i = 0; i < mix.cueFrames().length; i++) {
            long nanos = Math.round((mix.cueFrames()[i] - first) * 1e9 / rate);
            events.add(new CueEvent(i, i / 4, i % 4, 0, -1, i, nanos, 120, Voice.BEAT, 100));
        }
        try (Writer w = Files.newBufferedWriter(cues, StandardCharsets.UTF_8)) {
            CueCsv.write(events, w);
        }
        Path plain = dir.resolve("plain.csv");
        Path cancelled = dir.resolve("cancelled.csv");
        String offset = String.valueOf(first / (double) rate);

        assertThat(run("detect", "--audio", wav.toString(), "--csv", plain.toString())).isZero();
        assertThat(run("detect", "--audio", wav.toString(), "--csv", cancelled.toString(), "--cues", cues.toString(),
                "--cue-offset", offset, "--cue-sound", cueWav.toString())).as(err.toString()).isZero();
        Path estimated = dir.resolve("estimated.csv");
        assertThat(run("detect", "--audio", wav.toString(), "--csv", estimated.toString(), "--cues", cues.toString(),
                "--cue-offset", offset)).as(err.toString()).isZero();

        assertThat(readCsv(plain).size()).as("without cues the 0 dB cue shows up").isGreaterThan(30);
        for (Path p : List.of(cancelled, estimated)) {
            List<double[]> rows = readCsv(p);
            assertThat(rows).as(p.toString()).hasSize(30);
            assertThat(matched(mix.hitFrames(), rate, rows, 0.002)).as(p.toString()).isEqualTo(30);
        }
    }

    @Test
    void shouldExitTwoNamingAMissingFile() {
        int code = run("detect", "--audio", dir.resolve("nope.wav").toString(), "--csv", dir.resolve("x.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("entrain: ").contains("nope.wav");
    }

    @Test
    void shouldExitTwoOnAnUnknownPreset() throws IOException {
        Path wav = dir.resolve("short.wav");
        writeWav(wav, new float[4800], new float[4800], 48_000f);
        int code = run("detect", "--audio", wav.toString(), "--preset", "claps");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("taps or steps").contains("claps").doesNotContain("Exception");
    }

    @Test
    void shouldExitTwoWhenAnInputHasNoDuration() {
        int code = run("detect", "--input", "default", "--csv", dir.resolve("x.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--seconds");
    }

    @Test
    void shouldExitTwoOnABadBand() throws IOException {
        Path wav = dir.resolve("short.wav");
        writeWav(wav, new float[4800], new float[4800], 48_000f);
        assertThat(run("detect", "--audio", wav.toString(), "--band", "900-100")).isEqualTo(2);
        assertThat(err.toString()).contains("highHz > lowHz");
    }

    @Test
    void shouldCorrectTimesWithACalibrationFile() throws IOException {
        TestSignals.Mix mix = TestSignals.mix(new TestSignals.Spec(5, 44_100f, 8, List.of(TestSignals.Hit.CLICK), 300, 40, 0, 0, -6, 0, false, 3));
        Path wav = dir.resolve("c.wav");
        writeWav(wav, mix.samples(), mix.samples(), 44_100f);
        Path cal = dir.resolve("cal.txt");
        Files.writeString(cal, "# test\nlatency_ns=20000000,spread_ns=0,drift_ppm=0,markers=5,reference_ns=0\n");
        Path csv = dir.resolve("o.csv");
        assertThat(run("detect", "--audio", wav.toString(), "--csv", csv.toString(), "--calibration", cal.toString())).isZero();
        List<double[]> rows = readCsv(csv);
        assertThat(rows).hasSize(mix.hitFrames().length).hasSize(8);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)[1]).isCloseTo(mix.hitFrames()[i] / 44_100.0 - 0.020, org.assertj.core.data.Offset.offset(0.001));
        }
    }

    @Test
    void shouldRejectABadCalibrateOption() {
        assertThat(run("calibrate", "--rate", "22050")).isEqualTo(2);
        assertThat(err.toString()).contains("44100 or 48000");
    }
}
