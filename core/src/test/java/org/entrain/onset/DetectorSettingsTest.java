package org.entrain.onset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectorSettingsTest {

    @Test
    void shouldGiveStepsALowerBandAndALongerInterval() {
        DetectorSettings taps = DetectorSettings.preset("taps");
        DetectorSettings steps = DetectorSettings.preset("STEPS");
        assertThat(steps.highHz()).isLessThan(taps.highHz());
        assertThat(steps.minIntervalMs()).isGreaterThan(taps.minIntervalMs());
        assertThat(taps.hopSamples()).isBetween(64, 128);
        assertThat(steps.hopSamples()).isBetween(64, 128);
    }

    @Test
    void shouldTuneOneValueAtATime() {
        DetectorSettings s = DetectorSettings.taps().withThresholdDb(12).withMinIntervalMs(120).withBand(60, 900).withHopSamples(128);
        assertThat(s).isEqualTo(new DetectorSettings(60, 900, 128, 12, 120, 10, 30, 0.1, 4.5, 0.3, 2));
    }

    @Test
    void shouldRejectValuesNamingThemAndTheRange() {
        assertThatThrownBy(() -> DetectorSettings.preset("claps")).hasMessageContaining("taps or steps").hasMessageContaining("claps");
        assertThatThrownBy(() -> DetectorSettings.taps().withThresholdDb(0)).hasMessageContaining("thresholdDb").hasMessageContaining("1.0 and 60.0");
        assertThatThrownBy(() -> DetectorSettings.taps().withHopSamples(8)).hasMessageContaining("hopSamples");
        assertThatThrownBy(() -> DetectorSettings.taps().withBand(500, 100)).hasMessageContaining("highHz > lowHz");
        assertThatThrownBy(() -> DetectorSettings.taps().withMinIntervalMs(Double.NaN)).hasMessageContaining("minIntervalMs");
    }
}
