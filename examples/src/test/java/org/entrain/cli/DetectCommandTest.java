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
import org.entrain.csv.CueCsv;
import org.entrain.onset.RealHitMixes;
import org.entrain.onset.TestSignals;
import org.entrain.pattern.Voice;
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

    /**
     * Renders a cue track with {@code entrain render} (1 count-in bar + 12, the default kit at 100
     * bpm) and mixes real recorded hits into it through a room: the recording a laptop's
     * microphone makes with the cues on its speakers.
     */
    static RealHitMixes.Mix renderAndMix(Path dir, RealHitMixes.Spec spec, java.util.function.Function<String[], Integer> run,
                                         Path cueWav, Path cueCsv, Path mixWav) throws IOException {
        assertThat(run.apply(new String[] {"render", "--bpm", "100", "--bars", "13", "--wav", cueWav.toString(),
            "--cues", cueCsv.toString()})).isZero();
        List<CueEvent> cues;
        try (java.io.Reader r = Files.newBufferedReader(cueCsv, StandardCharsets.UTF_8)) {
            cues = CueCsv.read(r, cueCsv.toString());
        }
        org.entrain.midi.RenderedCueReferences refs = org.entrain.midi.RenderedCueReferences.render(
                org.entrain.midi.CueSounds.defaults(), org.entrain.midi.SynthSettings.defaults(), 44_100f);
        int[] on = new int[cues.size()];
        for (int k = 0; k < on.length; k++) {
            on[k] = org.entrain.onset.OnsetDetector.onsetOf(refs.sound(cues.get(k).voice(), cues.get(k).velocity()),
                    org.entrain.onset.DetectorSettings.taps(), 44_100f);
        }
        float[] track = org.entrain.audio.AudioFileOnsets.readMono(cueWav, -1);
        RealHitMixes.Mix mix = RealHitMixes.mix(spec, track, cues, on, 44_100f);
        writeWav(mixWav, mix.samples(), mix.samples(), 44_100f);
        return mix;
    }

    @Test
    void shouldFindNoTapInARecordingOfTheCuesAlone() throws IOException {
        Path cueWav = dir.resolve("cue.wav");
        Path cueCsv = dir.resolve("cue.csv");
        assertThat(run("render", "--bpm", "100", "--bars", "25", "--wav", cueWav.toString(), "--cues", cueCsv.toString())).isZero();
        Path csv = dir.resolve("c.csv");

        assertThat(run("detect", "--audio", cueWav.toString(), "--cues", cueCsv.toString(), "--csv", csv.toString()))
                .as(err.toString()).isZero();

        assertThat(readCsv(csv)).isEmpty();
        assertThat(err.toString()).contains("cues found in the recording").doesNotContain("warning");
    }

    @Test
    void shouldKeepTheCuesOutOfARecordingOfRealHitsAndPutTapsOnTheCueTimeLine() throws IOException {
        RealHitMixes.Spec spec = new RealHitMixes.Spec("room", RealHitMixes.TUNING_HITS, 31, 1.2, 70, 60, 0.4, 1, 30, 8,
                Double.NaN, 0.15, false);
        Path cueCsv = dir.resolve("cue.csv");
        Path mixWav = dir.resolve("mix.wav");
        RealHitMixes.Mix mix = renderAndMix(dir, spec, this::run, dir.resolve("cue.wav"), cueCsv, mixWav);
        Path plain = dir.resolve("plain.csv");
        Path cancelled = dir.resolve("cancelled.csv");
        List<CueEvent> cues;
        try (java.io.Reader r = Files.newBufferedReader(cueCsv, StandardCharsets.UTF_8)) {
            cues = CueCsv.read(r, cueCsv.toString());
        }

        assertThat(run("detect", "--audio", mixWav.toString(), "--csv", plain.toString())).isZero();
        assertThat(run("detect", "--audio", mixWav.toString(), "--csv", cancelled.toString(), "--cues", cueCsv.toString()))
                .as(err.toString()).isZero();

        assertThat(readCsv(plain).size()).as("without the cues, cues are taken for taps").isGreaterThan(mix.tapOnsetS().length);
        List<double[]> rows = readCsv(cancelled);
        assertThat(rows).hasSize(mix.tapOnsetS().length);
        // On the cue file's time line, a tap sits at its cue's time plus its asynchrony.
        for (int t = 0; t < mix.tapOnsetS().length; t++) {
            double expected = cues.get(mix.tapCue()[t]).timeNanos() / 1e9 + mix.tapAsyncMs()[t] / 1000;
            double best = Double.MAX_VALUE;
            for (double[] r : rows) {
                best = Math.min(best, Math.abs(r[1] - expected));
            }
            assertThat(best * 1000).as("tap %d error ms", t).isLessThan(2.0);
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
        assertThat(err.toString()).contains("--band must be LOW-HIGH").doesNotContain("highHz");
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
