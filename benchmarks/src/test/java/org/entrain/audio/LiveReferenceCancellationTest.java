package org.entrain.audio;

import org.entrain.cancel.CueReferences;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.RealHitMixes;
import org.entrain.onset.Scores;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import org.entrain.midi.CueSounds;
import org.entrain.midi.OfflineRenderer;
import org.entrain.midi.RenderedCueReferences;
import org.entrain.midi.SynthSettings;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live input with the engine's own references ({@link LiveAudioInput.Builder#cancelCues(CueReferences,
 * Calibration)}): real hits mixed with a rendered cue track, fed as a device stream on a clock
 * drifting 100 ppm against the engine, every cue given to {@link LiveAudioInput#addCue(long,
 * org.entrain.pattern.Voice, int)} ahead of time as the session's dispatcher does.
 */
class LiveReferenceCancellationTest {

    private static final float RATE = 44_100f;
    private static final double PPM = 100;
    private static final long ORIGIN = -3_000_000_000L;

    @TempDir
    Path dir;

    private static long engineNanos(double frame) {
        return ORIGIN + Math.round(frame * 1e9 / (RATE * (1 + PPM * 1e-6)));
    }

    private static final class DeviceStream extends InputStream {
        final byte[] bytes;
        volatile long framesDelivered;
        int pos;

        DeviceStream(float[] mono) {
            bytes = new byte[mono.length * 2];
            for (int i = 0; i < mono.length; i++) {
                int r = Math.round(Math.max(-1f, Math.min(1f, mono[i])) * 32767);
                bytes[2 * i] = (byte) r;
                bytes[2 * i + 1] = (byte) (r >> 8);
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            framesDelivered = pos / 2;
            return n;
        }
    }

    @Test
    @Timeout(120)
    void shouldCancelEveryVoiceLiveAndReportOnlyTheTaps() throws Exception {
        Path wav = dir.resolve("cues.wav");
        Pattern p = Pattern.builder().accents(1).subdivide(2).build();
        OfflineRenderer.Result r = OfflineRenderer.render(TempoMap.constant(100), p, Length.bars(13), CueSounds.defaults(),
                SynthSettings.defaults(), wav);
        RenderedCueReferences refs = RenderedCueReferences.render(CueSounds.defaults(), SynthSettings.defaults(), RATE);
        List<CueEvent> cues = r.cues();
        int[] own = new int[cues.size()];
        for (int k = 0; k < own.length; k++) {
            own[k] = OnsetDetector.onsetOf(refs.sound(cues.get(k).voice(), cues.get(k).velocity()), DetectorSettings.taps(), RATE);
        }
        long latencyMs = 60;
        RealHitMixes.Mix mix = RealHitMixes.mix(new RealHitMixes.Spec("live", RealHitMixes.TUNING_HITS, 51, 0.5,
                latencyMs, 0, 0, -1, 30, 6, Double.NaN, 0.15, false), AudioFileOnsets.readMono(wav, -1), cues, own, RATE);
        Files.delete(wav);
        DeviceStream device = new DeviceStream(mix.samples());
        AudioInputStream stream = new AudioInputStream(device, new AudioFormat(RATE, 16, 1, true, false), mix.samples().length);
        // The calibration is 3 ms off: the canceller finds the rest.
        long latency = (latencyMs + 3) * 1_000_000L;
        Calibration cal = new Calibration(latency, 0, 0, 1, 0);
        double[] arrival = new double[cues.size()];
        for (int k = 0; k < arrival.length; k++) {
            arrival[k] = mix.cueOnsetS()[k] * RATE - own[k];
        }
        int[] next = {0};
        List<Onset> onsets = Collections.synchronizedList(new ArrayList<>());
        LiveAudioInput[] self = new LiveAudioInput[1];
        LiveAudioInput in = LiveAudioInput.builder(new InputSpec(null, 1, 0, RATE, 256))
                .clock(() -> engineNanos(device.framesDelivered))
                .detect(DetectorSettings.taps(), onsets::add)
                .cancelCues(refs, cal)
                .sampleTap((buf, len, first) -> {
                    while (next[0] < arrival.length && arrival[next[0]] < first + len + 0.2 * RATE) {
                        CueEvent c = cues.get(next[0]);
                        // Sent latencyMs before it reaches the input (the calibration says 3 ms more).
                        self[0].addCue(engineNanos(arrival[next[0]++]) - latencyMs * 1_000_000L, c.voice(), c.velocity());
                    }
                })
                .openStream(stream);
        self[0] = in;
        in.start();
        in.stop();

        long[] truth = new long[mix.tapOnsetS().length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = engineNanos(mix.tapOnsetS()[i] * RATE);
        }
        Scores s = Scores.match(truth, Scores.times(onsets.stream().filter(Onset::isTap).toList()), 50);
        StringBuilder why = new StringBuilder();
        for (int i = 0; i < truth.length; i++) {
            boolean hit = false;
            StringBuilder near = new StringBuilder();
            for (Onset o : onsets) {
                double d = (o.timeNanos() - truth[i]) / 1e6;
                if (Math.abs(d) < 60) {
                    near.append(String.format(" %.1f/f%d", d, o.flags()));
                    hit |= Math.abs(d) < 2 && o.isTap();
                }
            }
            if (!hit) {
                why.append(String.format("%ntap %d async %.1f:%s", i, mix.tapAsyncMs()[i], near));
            }
        }
        assertThat(s.fMeasure()).as("%s depth %.1f%s", s, in.cancellationDepthDb(), why).isGreaterThanOrEqualTo(0.98);
        assertThat(s.unmatchedDetections).as("cues reported as taps").isEmpty();
        assertThat(Math.abs(s.medianErrorMs())).as("%s", s).isLessThanOrEqualTo(0.5);
        assertThat(s.p95AbsErrorMs()).as("%s", s).isLessThanOrEqualTo(2.0);
        assertThat(in.cancellationDepthDb()).isGreaterThan(15);
    }
}
