package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.entrain.pattern.Meter;
import org.entrain.pattern.Pattern;
import org.entrain.pattern.Voice;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class OfflineRendererTest {

    @TempDir
    Path dir;

    static Stream<Arguments> plans() {
        Pattern accents = Pattern.builder().accents(1, 3).subdivide(2).build();
        return Stream.of(
                Arguments.of("constant 120, sub 2, accents 1 and 3", TempoMap.constant(120), accents, Length.bars(8)),
                Arguments.of("linear ramp 60 -> 120", ramp(RampShape.LINEAR, 60, 120, Length.seconds(20)),
                        Pattern.builder().subdivide(2).build(), Length.bars(16)),
                Arguments.of("linear-beats ramp 110 -> 70", ramp(RampShape.LINEAR_BEATS, 110, 70, Length.bars(6)),
                        Pattern.builder().subdivide(2).build(), Length.bars(12)),
                Arguments.of("exp ramp 50 -> 117", ramp(RampShape.EXPONENTIAL, 50, 117, Length.seconds(25)),
                        Pattern.builder().subdivide(2).accents(1, 2).build(), Length.bars(16)),
                Arguments.of("steps +7% every bar, 3/4, triplets",
                        TempoMap.builder(61).beatsPerBar(3).then(TempoChange.steps(7, Length.bars(1), 97)).build(),
                        Pattern.builder().meter(Meter.of(3, 4)).subdivide(3).build(), Length.bars(10)));
    }

    private static TempoMap ramp(RampShape shape, double from, double to, Length over) {
        return TempoMap.builder(from).then(TempoChange.rampTo(shape, to, over)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void shouldPlaceEveryCueOnsetWithinOneSampleOfItsCsvTime(String name, TempoMap map, Pattern pattern, Length end)
            throws Exception {
        Path wav = dir.resolve("r.wav");
        OfflineRenderer.Result r = OfflineRenderer.render(map, pattern, end, CueSounds.defaults(),
                SynthSettings.defaults(), wav);
        short[] pcm = WavOnsets.read(wav);
        List<Integer> onsets = WavOnsets.find(pcm, 200, 50, 200);

        assertThat(r.cues()).isNotEmpty();
        assertThat(onsets).hasSameSizeAs(r.cues());
        double worst = 0;
        for (int i = 0; i < onsets.size(); i++) {
            double expected = r.cues().get(i).timeNanos() / 1e9 * 44_100;
            worst = Math.max(worst, Math.abs(onsets.get(i) - expected));
            assertThat((double) onsets.get(i)).as("cue %d of %s", i, name).isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(pcm.length).isEqualTo((int) r.frames());
        assertThat(worst).isLessThanOrEqualTo(1.0);
    }

    @Test
    void shouldRenderTheSameBytesEveryRun() throws Exception {
        TempoMap map = ramp(RampShape.LINEAR, 90, 130, Length.seconds(8));
        Pattern p = Pattern.builder().subdivide(3).build();
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        OfflineRenderer.render(map, p, Length.seconds(10), CueSounds.defaults(), SynthSettings.defaults(), a);
        OfflineRenderer.render(map, p, Length.seconds(10), CueSounds.defaults(), SynthSettings.defaults(), b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.size(a)).isGreaterThan(44 + 2 * 44_100 * 10L);
    }

    @Test
    void shouldMeasureOneControlBlockPlusInterpolationPadAsTheOffset() throws Exception {
        SynthSettings s = SynthSettings.defaults();
        int plain = OfflineRenderer.measureOffsetSamples(s, CueSounds.defaults().of(Voice.BEAT));
        int agc = OfflineRenderer.measureOffsetSamples(s.withAutoGainControl(true), CueSounds.defaults().of(Voice.BEAT));
        int slow = OfflineRenderer.measureOffsetSamples(s.withControlRate(147), CueSounds.defaults().of(Voice.BEAT));
        assertThat(plain).isEqualTo(s.blockSamples() + 2);
        assertThat(agc).isEqualTo(2 * s.blockSamples() + 2);
        assertThat(slow).isEqualTo(300 + 2);
    }

    @Test
    void shouldKeepSampleAccuracyWithTheLimiterOnAndSlowControlRate() throws Exception {
        Path wav = dir.resolve("agc.wav");
        SynthSettings s = SynthSettings.defaults().withAutoGainControl(true).withControlRate(147);
        OfflineRenderer.Result r = OfflineRenderer.render(ramp(RampShape.LINEAR, 70, 115, Length.seconds(12)),
                Pattern.builder().subdivide(2).build(), Length.seconds(14), CueSounds.defaults(), s, wav);
        List<Integer> onsets = WavOnsets.find(WavOnsets.read(wav), 200, 50, 200);
        assertThat(onsets).hasSameSizeAs(r.cues());
        for (int i = 0; i < onsets.size(); i++) {
            assertThat((double) onsets.get(i)).isCloseTo(r.cues().get(i).timeNanos() / 1e9 * 44_100,
                    org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void shouldRenderWithAUserSoundbankAndRejectASilentSound() throws Exception {
        Path sf2 = dir.resolve("kit.sf2");
        PercussionBank.save(sf2);
        SynthSettings s = SynthSettings.defaults().withSoundbank(sf2);
        Path wav = dir.resolve("user.wav");
        OfflineRenderer.Result r = OfflineRenderer.render(TempoMap.constant(100), Pattern.defaults(), Length.bars(2),
                CueSounds.defaults(), s, wav);
        assertThat(WavOnsets.find(WavOnsets.read(wav), 200, 50, 200)).hasSameSizeAs(r.cues());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OfflineRenderer.render(TempoMap.constant(100),
                        Pattern.defaults(), Length.bars(1), CueSounds.defaults().with(Voice.ACCENT, CueSound.percussion(49)),
                        s, dir.resolve("silent.wav")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("note 49").hasMessageContaining("silent");
    }

    @Test
    void shouldRejectAPlanWithoutEnd() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OfflineRenderer.render(TempoMap.constant(100),
                Pattern.defaults(), null, CueSounds.defaults(), SynthSettings.defaults(), dir.resolve("x.wav")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end");
    }

}
