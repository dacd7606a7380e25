package org.entrain.audio;

import org.entrain.cancel.CueReferences;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live input with no calibration ({@link LiveAudioInput.Builder#cancelCues(CueReferences)}): the
 * input finds the output-to-input latency from the cues it hears. Real hits mixed with the
 * project's own rendered cue track (accent, beat, eighth-note sub), delivered as a device stream
 * on a clock drifting against the engine; every cue is given to {@link LiveAudioInput#addCue(long,
 * org.entrain.pattern.Voice, int)} at the engine time it sounds (as the session does), so the
 * latency is unknown to the input; rooms of RT60 0.3-0.5 s (the room path fitted live). More rooms:
 * {@code org.entrain.bench.onset.LiveCancellationDepth} ({@code benchmarks/README.md}).
 */
class LiveCueAcquisitionTest {

    private static final float RATE = 44_100f;
    private static final double PPM = 60;
    private static final long ORIGIN = -3_000_000_000L;

    private static RenderedCueReferences refs;
    private static List<CueEvent> cues;
    private static float[] track;
    private static int[] own;

    @TempDir
    static Path dir;

    @BeforeAll
    static void render() throws Exception {
        Path wav = dir.resolve("cues.wav");
        Pattern p = Pattern.builder().accents(1).subdivide(2).build();
        OfflineRenderer.Result r = OfflineRenderer.render(TempoMap.constant(100), p, Length.bars(9), CueSounds.defaults(),
                SynthSettings.defaults(), wav);
        refs = RenderedCueReferences.render(CueSounds.defaults(), SynthSettings.defaults(), RATE);
        cues = r.cues();
        track = AudioFileOnsets.readMono(wav, -1);
        Files.delete(wav);
        own = new int[cues.size()];
        for (int k = 0; k < own.length; k++) {
            own[k] = OnsetDetector.onsetOf(refs.sound(cues.get(k).voice(), cues.get(k).velocity()), DetectorSettings.taps(), RATE);
        }
    }

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

    private record Run(RealHitMixes.Mix mix, List<Onset> onsets, LiveAudioInput in) {
    }

    private static Run run(RealHitMixes.Spec spec) throws Exception {
        return run(spec, Integer.MAX_VALUE, 0);
    }

    /**
     * Runs a mix whose output latency grows by {@code jumpNanos} from cue {@code jumpAt} on (an
     * output underrun: every later cue sounds that much after the engine time it is given at).
     */
    private static Run run(RealHitMixes.Spec spec, int jumpAt, long jumpNanos) throws Exception {
        RealHitMixes.Mix mix = RealHitMixes.mix(spec, track, cues, own, RATE);
        DeviceStream device = new DeviceStream(mix.samples());
        AudioInputStream stream = new AudioInputStream(device, new AudioFormat(RATE, 16, 1, true, false), mix.samples().length);
        double[] arrival = new double[cues.size()];
        for (int k = 0; k < arrival.length; k++) {
            arrival[k] = mix.cueOnsetS()[k] * RATE - own[k];
        }
        long latency = Math.round(spec.latencyMs() * 1e6);
        int[] next = {0};
        List<Onset> onsets = Collections.synchronizedList(new ArrayList<>());
        LiveAudioInput[] self = new LiveAudioInput[1];
        LiveAudioInput in = LiveAudioInput.builder(new InputSpec(null, 1, 0, RATE, 256))
                .clock(() -> engineNanos(device.framesDelivered))
                .detect(DetectorSettings.taps(), onsets::add)
                .cancelCues(refs)
                .sampleTap((buf, len, first) -> {
                    // Each cue is given when it sounds at the speaker: the latency later it reaches the input.
                    while (next[0] < arrival.length && arrival[next[0]] - latency * RATE / 1e9 < first + len) {
                        CueEvent c = cues.get(next[0]);
                        long jump = next[0] >= jumpAt ? jumpNanos : 0;
                        self[0].addCue(engineNanos(arrival[next[0]++]) - latency - jump, c.voice(), c.velocity());
                    }
                })
                .openStream(stream);
        self[0] = in;
        in.start();
        in.stop();
        return new Run(mix, onsets, in);
    }

    private static void assertTapsFound(RealHitMixes.Spec spec) throws Exception {
        Run r = run(spec);
        long latency = Math.round(spec.latencyMs() * 1e6);
        // On the cues' time line: the latency found is taken off.
        long[] truth = new long[r.mix.tapOnsetS().length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = engineNanos(r.mix.tapOnsetS()[i] * RATE) - latency;
        }
        Scores s = Scores.match(truth, Scores.times(r.onsets.stream().filter(Onset::isTap).toList()), 50);
        assertThat(r.in.acousticLatencyNanos() / 1e6).as("latency found, ms").isCloseTo(spec.latencyMs(),
                org.assertj.core.data.Offset.offset(1.0));
        StringBuilder why = new StringBuilder();
        for (Onset o : r.onsets) {
            if (o.isTap()) {
                double best = Double.MAX_VALUE;
                for (long t : truth) {
                    best = Math.min(best, Math.abs(o.timeNanos() - t) / 1e6);
                }
                if (best > 2) {
                    why.append(String.format("%n extra at %.3f s (input), nearest tap %.1f ms", (o.timeNanos() + latency
                            - ORIGIN) / 1e9, best));
                }
            }
        }
        for (int i = 0; i < truth.length; i++) {
            StringBuilder near = new StringBuilder();
            boolean bad = true;
            for (Onset o : r.onsets) {
                double d = (o.timeNanos() - truth[i]) / 1e6;
                if (Math.abs(d) < 60) {
                    near.append(String.format(" %.2f/f%d", d, o.flags()));
                    bad &= !(o.isTap() && Math.abs(d) <= 1);
                }
            }
            if (bad) {
                why.append(String.format("%n tap %d at %.3f s (async %.1f ms):%s", i, r.mix.tapOnsetS()[i],
                        r.mix.tapAsyncMs()[i], near));
            }
        }
        assertThat(s.fMeasure()).as("%s depth %.1f%s", s, r.in.cancellationDepthDb(), why).isGreaterThanOrEqualTo(0.98);
        assertThat(s.unmatchedDetections).as("cues reported as taps").isEmpty();
        assertThat(Math.abs(s.medianErrorMs())).as("%s", s).isLessThanOrEqualTo(0.5);
        assertThat(s.p95AbsErrorMs()).as("%s%s", s, why).isLessThanOrEqualTo(2.0);
        assertThat(r.in.cancellationDepthDb()).isGreaterThan(15);
    }

    @Test
    @Timeout(120)
    void shouldFindThePulseAudioLoopsLatencyAndReportOnlyTheTaps() throws Exception {
        // 514 ms: the latency of CI's PulseAudio loop.
        assertTapsFound(new RealHitMixes.Spec("no calibration, 514 ms", RealHitMixes.TUNING_HITS, 61, 0.5, 514, 0, 0.3, 1,
                30, 6, Double.NaN, 0.15, false));
    }

    @Test
    @Timeout(120)
    void shouldFindAShortInvertedPathInSilence() throws Exception {
        assertTapsFound(new RealHitMixes.Spec("no calibration, 20 ms, inverted", RealHitMixes.TUNING_HITS, 62, 0.2, 20, 0,
                0.5, -1, Double.POSITIVE_INFINITY, 10, Double.NaN, 0.15, false));
    }

    @Test
    @Timeout(120)
    void shouldReportNoTapOnACueOnlyRecording() throws Exception {
        Run r = run(new RealHitMixes.Spec("cue only, no calibration, 300 ms", RealHitMixes.TUNING_HITS, 63, 1, 300, 0, 0.5,
                1, 30, 10, Double.NaN, 0, true));
        assertThat(r.onsets.stream().filter(Onset::isTap).toList()).as("taps on a cue-only recording").isEmpty();
        assertThat(r.in.acousticLatencyNanos() / 1e6).isCloseTo(300, org.assertj.core.data.Offset.offset(1.0));
    }

    /**
     * A latency beyond the first second searched (a real PulseAudio null-sink loop was 1.1-1.4 s
     * here): the window is searched again up to 3 s, and a lag one or two beats off (where the
     * beats fall on each other's sound but the accent finds none) is not taken.
     */
    @Test
    @Timeout(120)
    void shouldFindALatencyOfMoreThanASecondOnACueOnlyRecording() throws Exception {
        Run r = run(new RealHitMixes.Spec("cue only, no calibration, 1250 ms", RealHitMixes.TUNING_HITS, 64, 1, 1250, 0,
                0.5, 1, 30, 10, Double.NaN, 0, true));
        assertThat(r.onsets.stream().filter(Onset::isTap).toList()).as("taps on a cue-only recording").isEmpty();
        assertThat(r.in.acousticLatencyNanos() / 1e6).isCloseTo(1250, org.assertj.core.data.Offset.offset(1.0));
    }

    /**
     * The output's latency jumps mid-stream by more than the lag range (an underrun of a real
     * PulseAudio output moved every later cue by 19 ms at once; a larger one loses the lock): the
     * cues are found again, and none is reported as a tap meanwhile.
     */
    @Test
    @Timeout(120)
    void shouldFindTheCuesAgainWhenTheLatencyJumpsMidStream() throws Exception {
        Run r = run(new RealHitMixes.Spec("cue only, no calibration, 40 ms then 75 ms", RealHitMixes.TUNING_HITS, 65, 1, 40,
                0, 0.5, 1, 30, 10, Double.NaN, 0, true), cues.size() / 2, 35_000_000L);
        assertThat(r.onsets.stream().filter(Onset::isTap).toList()).as("taps on a cue-only recording").isEmpty();
        assertThat(r.in.acousticLatencyNanos() / 1e6).as("the latency after the jump, ms").isCloseTo(75,
                org.assertj.core.data.Offset.offset(1.0));
    }
}
