package org.entrain.audio;

import org.entrain.calibration.LineMarkerPlayer;
import org.entrain.cancel.CancellationSettings;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.RealHitMixes;
import org.entrain.onset.Scores;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.OfflineRenderer;
import org.entrain.midi.RenderedCueReferences;
import org.entrain.midi.SynthSettings;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mix of the rendered cue track and real hits played through the real audio output and captured
 * from the real input (CI: PulseAudio's null sink and its monitor), then detected with the cues
 * kept apart: the alignment is found in the capture, the loop's latency is unknown to the test.
 */
@Tag("real-audio")
class RealHitLoopbackRealAudioTest {

    private static final float RATE = 44_100f;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldFindThePlayedTapsAndNoCueInTheCapturedLoop() throws Exception {
        Path wav = dir.resolve("cues.wav");
        OfflineRenderer.Result r = OfflineRenderer.render(TempoMap.constant(100), Pattern.builder().accents(1).subdivide(2).build(),
                Length.bars(7), CueSounds.defaults(), SynthSettings.defaults(), wav);
        RenderedCueReferences refs = RenderedCueReferences.render(CueSounds.defaults(), SynthSettings.defaults(), RATE);
        List<CueEvent> cues = r.cues();
        int[] own = new int[cues.size()];
        for (int k = 0; k < own.length; k++) {
            own[k] = OnsetDetector.onsetOf(refs.sound(cues.get(k).voice(), cues.get(k).velocity()), DetectorSettings.taps(), RATE);
        }
        RealHitMixes.Mix mix = RealHitMixes.mix(new RealHitMixes.Spec("loop", RealHitMixes.TUNING_HITS, 61, 0.3, 0, 0, 0.3,
                1, 40, 6, Double.NaN, 0.15, false), AudioFileOnsets.readMono(wav, -1), cues, own, RATE);
        Files.delete(wav);

        List<float[]> chunks = new ArrayList<>();
        LiveAudioInput in = LiveAudioInput.builder(InputSpec.defaultInput()).clock(SystemNanoClock.INSTANCE)
                .sampleTap((buf, len, first) -> chunks.add(Arrays.copyOf(buf, len))).open();
        in.start();
        try {
            while (in.framesRead() < RATE / 5) {
                LockSupport.parkNanos(5_000_000);
            }
            LongUnaryOperator out = new LineMarkerPlayer(null, SystemNanoClock.INSTANCE).play(mix.samples(), RATE);
            long endFrame = in.frameAt(out.applyAsLong(mix.samples().length)) + (long) RATE;
            while (in.framesRead() < endFrame) {
                LockSupport.parkNanos(5_000_000);
            }
        } finally {
            in.stop();
        }
        float[] rec = new float[chunks.stream().mapToInt(c -> c.length).sum()];
        int p = 0;
        for (float[] c : chunks) {
            System.arraycopy(c, 0, rec, p, c.length);
            p += c.length;
        }
        DetectionReport rep = AudioFileOnsets.detect(rec, RATE, DetectorSettings.taps(), cues, refs,
                CancellationSettings.defaults(), 0);

        assertThat(rep.cuesHeard()).isTrue();
        // On the schedule's time line a tap sits at its cue's time plus its asynchrony.
        long[] truth = new long[mix.tapOnsetS().length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = cues.get(mix.tapCue()[i]).timeNanos() + Math.round(mix.tapAsyncMs()[i] * 1e6);
        }
        long[] found = rep.taps().stream().mapToLong(o -> rep.toScheduleNanos(o.timeNanos())).toArray();
        Scores s = Scores.match(truth, found, 50);
        System.out.println("real-hit loop: latency " + rep.latencyNanos() / 1e6 + " ms, drift " + rep.driftPpm()
                + " ppm, depth " + rep.depthDb() + " dB, " + s + ", drops " + in.dropCount());
        assertThat(s.fMeasure()).as("%s", s).isGreaterThanOrEqualTo(0.95);
        assertThat(s.unmatchedDetections).as("cues reported as taps").isEmpty();
        assertThat(Math.abs(s.medianErrorMs())).as("%s", s).isLessThanOrEqualTo(0.5);
    }
}
