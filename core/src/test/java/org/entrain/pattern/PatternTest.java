package org.entrain.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PatternTest {

    @Test
    void shouldAccentBeatOneByDefault() {
        Pattern p = Pattern.defaults();
        assertThat(p.voiceOf(0, 0)).isEqualTo(Voice.ACCENT);
        assertThat(p.voiceOf(1, 0)).isEqualTo(Voice.BEAT);
        assertThat(p.velocityOf(0, 0, 0, 0)).isEqualTo(Pattern.DEFAULT_ACCENT_VELOCITY);
        assertThat(p.velocityOf(0, 1, 0, 1)).isEqualTo(Pattern.DEFAULT_BEAT_VELOCITY);
    }

    @Test
    void shouldGiveSubdivisionsTheirOwnVoiceAndVelocity() {
        Pattern p = Pattern.builder().subdivide(3).velocities(110, 80, 40).build();
        assertThat(p.voiceOf(0, 1)).isEqualTo(Voice.SUB);
        assertThat(p.velocityOf(0, 0, 2, 0)).isEqualTo(40);
        assertThat(p.velocityOf(0, 0, 0, 0)).isEqualTo(110);
    }

    @Test
    void shouldUseExplicitBeatLevels() {
        Pattern p = Pattern.builder().meter(Meter.of(3, 4)).beatLevels(127, 50, 70).build();
        assertThat(p.velocityOf(5, 1, 0, 16)).isEqualTo(50);
        assertThat(p.velocityOf(5, 2, 0, 17)).isEqualTo(70);
    }

    @Test
    void shouldMuteGapBars() {
        Pattern p = Pattern.builder().gapBars(3, 1).build();
        assertThat(p.velocityOf(2, 0, 0, 8)).isPositive();
        assertThat(p.velocityOf(3, 0, 0, 12)).isZero();
        assertThat(p.velocityOf(4, 0, 0, 16)).isPositive();
        assertThat(p.velocityOf(7, 2, 0, 30)).isZero();
        assertThat(p.layerVelocityOf(0, 7, 0.5)).isZero();
    }

    @Test
    void shouldDropEveryKthBeatWithItsSubdivisions() {
        Pattern p = Pattern.builder().subdivide(2).dropEvery(3).build();
        assertThat(p.velocityOf(0, 2, 0, 2)).isZero();
        assertThat(p.velocityOf(0, 2, 1, 2)).isZero();
        assertThat(p.velocityOf(1, 1, 0, 5)).isZero();
        assertThat(p.velocityOf(1, 0, 0, 4)).isPositive();
    }

    @Test
    void shouldDropRandomBeatsReproduciblyAtTheGivenRate() {
        Pattern a = Pattern.builder().randomDrop(0.25, 42).build();
        Pattern b = Pattern.builder().randomDrop(0.25, 42).build();
        Pattern c = Pattern.builder().randomDrop(0.25, 43).build();
        int dropped = 0;
        int differ = 0;
        for (long n = 0; n < 100_000; n++) {
            int va = a.velocityOf(n / 4, (int) (n % 4), 0, n);
            assertThat(b.velocityOf(n / 4, (int) (n % 4), 0, n)).isEqualTo(va);
            if (va == 0) {
                dropped++;
            }
            if ((va == 0) != (c.velocityOf(n / 4, (int) (n % 4), 0, n) == 0)) {
                differ++;
            }
        }
        assertThat(dropped / 100_000.0).isBetween(0.24, 0.26);
        assertThat(differ).isGreaterThan(10_000);
    }

    @Test
    void shouldFadeVolumeLinearlyToTheEndFactor() {
        Pattern p = Pattern.builder().velocities(100, 100, 100).fadeVolume(4, 4, 0.5).build();
        assertThat(p.velocityOf(3, 3, 0, 15)).isEqualTo(100);
        assertThat(p.velocityOf(6, 0, 0, 24)).isEqualTo(75);
        assertThat(p.velocityOf(8, 0, 0, 32)).isEqualTo(50);
        assertThat(p.velocityOf(100, 0, 0, 400)).isEqualTo(50);
        assertThat(p.silentFrom(100)).isFalse();
    }

    @Test
    void shouldFadeOutToSilence() {
        Pattern p = Pattern.builder().fadeVolume(0, 2, 0).build();
        assertThat(p.velocityOf(2, 0, 0, 8)).isZero();
        assertThat(p.silentFrom(2)).isTrue();
        assertThat(p.silentFrom(1)).isFalse();
    }

    @Test
    void shouldRejectBadValuesNamingThemAndTheRange() {
        assertThatThrownBy(() -> Meter.of(0, 4)).hasMessageContaining("between 1 and 64").hasMessageContaining("0");
        assertThatThrownBy(() -> Meter.of(4, 3)).hasMessageContaining("power of two").hasMessageContaining("3");
        assertThatThrownBy(() -> Meter.parse("four/4")).hasMessageContaining("four/4");
        assertThatThrownBy(() -> Pattern.builder().subdivide(9)).hasMessageContaining("between 1 and 8").hasMessageContaining("9");
        assertThatThrownBy(() -> Pattern.builder().meter(Meter.of(3, 4)).accents(4).build())
                .hasMessageContaining("accent beat 4").hasMessageContaining("1..3");
        assertThatThrownBy(() -> Pattern.builder().meter(Meter.of(3, 4)).beatLevels(100, 100).build())
                .hasMessageContaining("2 velocities");
        assertThatThrownBy(() -> Pattern.builder().velocities(0, 90, 60)).hasMessageContaining("between 1 and 127");
        assertThatThrownBy(() -> Pattern.builder().dropEvery(1)).hasMessageContaining("k >= 2");
        assertThatThrownBy(() -> Pattern.builder().randomDrop(1.0, 1)).hasMessageContaining("below 1");
        assertThatThrownBy(() -> Pattern.builder().fadeVolume(0, 4, 1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Layer(0, 80)).hasMessageContaining("between 1 and 32");
        assertThatThrownBy(() -> Pattern.builder().subdivide(2).subdivide(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subdivide");
    }

    @Test
    void shouldParseMeters() {
        assertThat(Meter.parse("6/8")).isEqualTo(Meter.of(6, 8));
        assertThat(Meter.parse(" 3 / 4 ")).isEqualTo(Meter.of(3, 4));
        assertThat(Meter.of(6, 8).quartersPerBeat()).isEqualTo(0.5);
    }
}
