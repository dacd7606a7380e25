package org.entrain.cancel;

import org.entrain.audio.AudioFileOnsets;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.Scores;
import org.entrain.onset.TestSignals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CueCancellerTest {

    private static final float RATE = 44_100f;

    @Test
    void shouldKeepATapThatCoincidesWithALoudCueAndReportNoCue() {
        SplittableRandom rng = new SplittableRandom(11);
        float[] cue = TestSignals.cueSound(RATE);
        int n = (int) (12 * RATE);
        float[] x = new float[n];
        long[] cues = new long[20];
        for (int i = 0; i < cues.length; i++) {
            cues[i] = Math.round((0.3 + 0.55 * i) * RATE);
            for (int k = 0; k < cue.length; k++) {
                x[(int) cues[i] + k] += 0.5f * cue[k];
            }
        }
        long[] taps = new long[5];
        int[] offsetsMicros = {0, 500, -1000, 3000, 20_000};
        for (int i = 0; i < taps.length; i++) {
            taps[i] = cues[3 * i + 1] + Math.round(offsetsMicros[i] * 1e-6 * RATE);
            float[] w = TestSignals.hit(TestSignals.Hit.values()[i % 3], RATE, rng);
            for (int k = 0; k < w.length; k++) {
                x[(int) taps[i] + k] += 0.3f * w[k];
            }
        }
        for (int i = 0; i < n; i++) {
            x[i] += (float) (0.003 * rng.nextGaussian());
        }
        // The cue is expected 1.2 ms away from where it is: the lag search finds it.
        long[] expected = new long[cues.length];
        for (int i = 0; i < cues.length; i++) {
            expected[i] = Math.round((cues[i] + 53) * 1e9 / RATE);
        }
        List<Onset> plain = AudioFileOnsets.detect(x, RATE, DetectorSettings.taps(), null);
        List<Onset> cancelled = AudioFileOnsets.detect(x, RATE, DetectorSettings.taps(), CueBleed.of(expected, cue));

        assertThat(plain.size()).isGreaterThan(taps.length);
        Scores s = Scores.match(Scores.nanos(taps, RATE), Scores.times(cancelled), 50);
        assertThat(s.matched).isEqualTo(taps.length);
        assertThat(s.unmatchedDetections).isEmpty();
        assertThat(s.p95AbsErrorMs()).isLessThanOrEqualTo(0.5);
    }

    @Test
    void shouldEstimateTheCueWithoutTheTapsThatCoincideWithIt() {
        SplittableRandom rng = new SplittableRandom(12);
        float[] cue = TestSignals.cueSound(RATE);
        float[] x = new float[(int) (20 * RATE)];
        long[] cues = new long[30];
        for (int i = 0; i < cues.length; i++) {
            cues[i] = Math.round((0.2 + 0.6 * i) * RATE);
            for (int k = 0; k < cue.length; k++) {
                x[(int) cues[i] + k] += 0.4f * cue[k];
            }
            if (i % 3 == 0) {
                float[] w = TestSignals.hit(TestSignals.Hit.CLICK, RATE, rng);
                for (int k = 0; k < w.length; k++) {
                    x[(int) cues[i] + 10 + k] += 0.5f * w[k];
                }
            }
        }
        float[] t = CueCanceller.estimateTemplate(x, cues, cue.length, 20);
        double err = 0;
        double ref = 0;
        for (int k = 0; k < cue.length; k++) {
            err += Math.pow(t[k] - 0.4 * cue[k], 2);
            ref += Math.pow(0.4 * cue[k], 2);
        }
        assertThat(10 * Math.log10(err / ref)).as("template error, dB").isLessThan(-30);
    }

    @Test
    void shouldPassSamplesThroughDelayedWhenThereIsNoCue() {
        float[] template = new float[64];
        template[0] = 1;
        CueCanceller c = new CueCanceller(template, 4, 1);
        float[] in = new float[200];
        in[3] = 0.25f;
        float[] out = new float[200];
        c.process(in, 0, 100, out, 0);
        c.process(in, 100, 100, out, 100);
        assertThat(c.delaySamples()).isEqualTo(64 + 8 + 24 + 2);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).as("sample %d", i).isEqualTo(i == 3 + c.delaySamples() ? 0.25f : 0f);
        }
    }

    @Test
    void shouldRejectASilentTemplate() {
        assertThatThrownBy(() -> new CueCanceller(new float[64], 0, 1)).hasMessageContaining("silent");
    }
}
