package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.entrain.onset.Calibration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** The live forms of {@code entrain detect} and {@code entrain calibrate} on the default devices. */
@Tag("real-audio")
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DetectCommandRealAudioTest {

    @TempDir
    Path dir;

    @Test
    void shouldListenForTheGivenTimeAndWriteTheCsv() throws Exception {
        Path csv = dir.resolve("live.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(new String[] {"detect", "--input", "default", "--seconds", "1", "--csv", csv.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("index,time_s,strength,flags");
        // The count it prints is the file's: one row per onset after the header.
        assertThat(out.toString()).contains((lines.size() - 1) + " onsets written to " + csv);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            assertThat(Integer.parseInt(f[0])).isEqualTo(i - 1);
            assertThat(Double.parseDouble(f[1])).as("within the 1 s listened, plus one read").isBetween(0.0, 1.1);
        }
    }

    @Test
    void shouldCalibrateAndStoreTheResult() throws Exception {
        Path cal = dir.resolve("cal.txt");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(new String[] {"calibrate", "--markers", "3", "--out", cal.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("latency").contains("marker 3");
        Calibration c = DetectCommand.readCalibration(cal);
        assertThat(c.markers()).isEqualTo(3);
        assertThat(Math.abs(c.latencyNanos())).isLessThan(1_000_000_000L);
    }
}
