package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The line clock fit on real blocks of writes (PulseAudio on a loaded machine, see
 * {@code lineblocks/README.md}) and on a start-up transient alone.
 */
class LineClockFitTest {

    /** The output clock's rate on the machine the blocks come from: the capture reads' lower envelope. */
    private static final double TRUE_PPM = 310;

    /** The real traces in {@code lineblocks/}: loaded-1 to loaded-13. */
    private static final int TRACES = 13;

    @Test
    void shouldStayNearTheClockThroughALoadedMachinesUnderruns() throws IOException {
        // traces 3, 4 and 8 have underruns every few seconds from their start: a rate may never be
        // published there; 10 and 11 (three and two underruns) end at 235 and 244 ppm; the others
        // settle (main's rule before 2026-12-01 published -3252, -61026, -880, 839 and -20446 ppm
        // on 3, 4, 5, 6 and 8)
        boolean[] settles = {false, true, true, false, false, true, true, true, false, true, false, false, true, true};
        for (int i = 1; i <= TRACES; i++) {
            LineClockFit fit = new LineClockFit();
            double last = Double.NaN;
            for (double[] block : blocks(i)) {
                fit.add(block[0] / 1e9, block[1]);
                last = fit.ppm();
                assertThat(Double.isNaN(last) || Math.abs(last - TRUE_PPM) <= 250)
                        .as("trace %d at %.1f s: %.0f ppm", i, block[0] / 1e9, last).isTrue();
            }
            if (settles[i]) {
                assertThat(last).as("trace %d at the end, ppm", i).isCloseTo(TRUE_PPM, Offset.offset(50.0));
            }
        }
    }

    @Test
    void shouldPublishAFirstRateNearTheTracesFinalRate() throws IOException {
        // The first rate as it is (2026-12-02): 15-31 s after the first write on the ten traces that
        // publish one, 3-192 ppm from the trace's final rate; what holds it back is measured in
        // lineblocks/README.md. A faster first rate must keep within these bounds, and beat the
        // nominal clock: its error times the time it is published is what cue placement carries
        // until the rate is refined (192 ppm at 15 s on trace 7: 2.9 ms; no rate: 324 ppm, 4.9 ms).
        boolean[] publishes = {false, true, true, false, false, true, true, true, false, true, true, true, true, true};
        for (int i = 1; i <= TRACES; i++) {
            LineClockFit fit = new LineClockFit();
            double first = Double.NaN;
            double firstAt = Double.NaN;
            double[][] blocks = blocks(i);
            for (int k = 0; k < blocks.length; k++) {
                fit.add(blocks[k][0] / 1e9, blocks[k][1]);
                if (Double.isNaN(first) && !Double.isNaN(fit.ppm())) {
                    first = fit.ppm();
                    // the block's nominal end (blocks of 2 s from 1 s after the first write): when it was published
                    firstAt = 1 + 2.0 * (k + 1);
                }
            }
            if (publishes[i]) {
                assertThat(first).as("trace %d publishes a rate", i).isNotNaN();
                assertThat(firstAt).as("trace %d: first rate at, s", i).isLessThanOrEqualTo(31.0);
            }
            if (!Double.isNaN(first)) {
                // 3, 4 and 8 may publish one some day, if a right one
                double error = Math.abs(first - fit.ppm());
                assertThat(error).as("trace %d: first rate %.0f against the final %.0f, ppm", i, first, fit.ppm())
                        .isLessThanOrEqualTo(200.0);
                // following it places cues better than the nominal clock would
                assertThat(error).as("trace %d: the first rate's error against the final rate, ppm", i).isLessThan(Math.abs(fit.ppm()));
            }
        }
    }

    @Test
    void shouldNotTakeAStartUpTransientAloneForAClock() {
        // 3300 ppm fast, exactly, block after block: no sound card's clock is that far off
        LineClockFit fit = new LineClockFit();
        for (int k = 0; k < 30; k++) {
            double x = 3 + 2.01 * k;
            fit.add(x, -3300e3 * x);
        }
        assertThat(fit.ppm()).isNaN();
        assertThat(fit.steps()).isZero();
    }

    private static double[][] blocks(int trace) throws IOException {
        String name = "lineblocks/loaded-" + trace + ".txt";
        try (InputStream in = LineClockFitTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(l -> l.trim().split("\\s+"))
                    .map(p -> new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])})
                    .toArray(double[][]::new);
        }
    }
}
