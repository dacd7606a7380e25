package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.entrain.pattern.Pattern;
import org.entrain.pattern.Voice;
import org.entrain.schedule.CueEvent;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderedCueReferencesTest {

    @TempDir
    Path dir;

    @Test
    void shouldMatchEveryCueOfARenderedWavSampleForSample() throws Exception {
        // 60 BPM: cues 1 s apart, longer than any default one-shot, so each cue stands alone.
        Path wav = dir.resolve("r.wav");
        Pattern pattern = Pattern.builder().accents(1).build();
        OfflineRenderer.Result r = OfflineRenderer.render(TempoMap.constant(60), pattern, Length.bars(2),
                CueSounds.defaults(), SynthSettings.defaults(), wav);
        short[] pcm = WavOnsets.read(wav);
        RenderedCueReferences refs = RenderedCueReferences.render(CueSounds.defaults(), SynthSettings.defaults(), 44_100);
        assertThat(refs.sampleRate()).isEqualTo(44_100f);
        int checked = 0;
        for (CueEvent c : r.cues()) {
            float[] s = refs.sound(c.voice(), c.velocity());
            int at = (int) Math.round(c.timeNanos() / 1e9 * 44_100);
            double worst = 0;
            double peak = 0;
            for (int i = 0; i < s.length && at + i < pcm.length; i++) {
                worst = Math.max(worst, Math.abs(pcm[at + i] / 32768.0 - s[i]));
                peak = Math.max(peak, Math.abs(s[i]));
            }
            assertThat(peak).as("cue %d peak", c.index()).isGreaterThan(0.05);
            assertThat(worst).as("cue %d (%s) difference from the render", c.index(), c.voice()).isLessThan(1.5 / 32768);
            checked++;
        }
        assertThat(checked).isEqualTo(8);
    }

    @Test
    void shouldRenderTheTwoDefaultVoicesAsDifferentSoundsAtAnyRate() {
        RenderedCueReferences refs = RenderedCueReferences.render(CueSounds.defaults(), SynthSettings.defaults(), 48_000);
        float[] accent = refs.sound(Voice.ACCENT, 100);
        float[] beat = refs.sound(Voice.BEAT, 100);
        assertThat(refs.sound(Voice.ACCENT, 100)).isSameAs(accent);
        // The generated wood blocks last 150 ms; the tail is trimmed at -80 dB.
        assertThat(accent.length).isBetween(4_800, 12_000);
        double dot = 0;
        double ea = 0;
        double eb = 0;
        for (int i = 0; i < Math.min(accent.length, beat.length); i++) {
            dot += accent[i] * beat[i];
            ea += accent[i] * accent[i];
            eb += beat[i] * beat[i];
        }
        assertThat(Math.abs(dot) / Math.sqrt(ea * eb)).isLessThan(0.2);
        // Velocity changes the level.
        double e40 = 0;
        for (float v : refs.sound(Voice.ACCENT, 40)) {
            e40 += v * v;
        }
        assertThat(e40).isLessThan(ea);
    }

    @Test
    void shouldRejectAVelocityOutOfRange() {
        RenderedCueReferences refs = RenderedCueReferences.render(CueSounds.defaults(), SynthSettings.defaults(), 44_100);
        assertThatThrownBy(() -> refs.sound(Voice.BEAT, 0)).hasMessageContaining("velocity must be between 1 and 127, was 0");
    }
}
