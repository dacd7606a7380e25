package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.TargetDataLine;
import org.entrain.clock.SystemNanoClock;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plays cues live through Gervill on the default audio line and records the default capture line
 * (in CI and on the build machine: a PulseAudio null sink and its monitor), then checks every
 * interval between cue onsets against the plan.
 */
@Tag("real-audio")
// Blocking capture reads: a separate thread lets the timeout end them.
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveSynthLoopbackTest {

    private static final float RATE = 44_100f;

    @Test
    void shouldPlayEveryCueIntervalToTheSampleThroughTheRealDevice() throws Exception {
        TempoMap map = TempoMap.builder(100).then(TempoChange.rampTo(RampShape.LINEAR, 140, Length.beats(12))).build();
        Pattern pattern = Pattern.builder().accents(1).build();
        Length end = Length.beats(20);
        List<CueEvent> plan = CuePlanner.plan(map, pattern, end);
        double planSeconds = plan.get(plan.size() - 1).timeSeconds();

        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        TargetDataLine capture = AudioSystem.getTargetDataLine(format);
        capture.open(format, 4 * 44_100 * 2); // 4 s: a loaded machine must not overrun the capture buffer
        capture.start();
        // PulseAudio may start delivering a capture stream late: wait for 0.5 s of it first.
        byte[] warmUp = new byte[2 * 22_050];
        for (int got = 0; got < warmUp.length; ) {
            got += capture.read(warmUp, got, warmUp.length - got);
        }
        try (SoftSynth synth = SoftSynth.openLive(SynthSettings.defaults().withLatencyMicros(60_000))) {
            long latency = SynthCueSink.estimatedOutputLatencyNanos(synth);
            SynthCueSink sink = SynthCueSink.live(synth, CueSounds.defaults(), SystemNanoClock.INSTANCE, latency,
                    SynthCueSink.recommendedMarginNanos(synth));
            CueEngine engine = CueEngine.builder().tempoMap(map).pattern(pattern).end(end).sink(sink)
                    .leadInNanos(1_000_000_000).build();
            engine.start();
            int frames = (int) ((planSeconds + 1.0 + 1.0 + latency / 1e9) * RATE) + (int) RATE;
            byte[] buf = new byte[2 * frames];
            int got = 0;
            while (got < buf.length) {
                got += capture.read(buf, got, Math.min(4410, buf.length - got));
            }
            assertThat(engine.awaitFinished(5, TimeUnit.SECONDS)).isTrue();
            capture.stop();
            capture.close();

            short[] pcm = new short[frames];
            int peak = 0;
            for (int i = 0; i < frames; i++) {
                pcm[i] = (short) ((buf[2 * i] & 0xff) | (buf[2 * i + 1] << 8));
                peak = Math.max(peak, Math.abs(pcm[i]));
            }
            assertThat(peak).as("the capture line hears the synth").isGreaterThan(1000);
            List<Integer> onsets = WavOnsets.find(pcm, peak / 10, peak / 30, 200);
            // Keep the capture for inspection.
            java.nio.file.Path keep = java.nio.file.Paths.get("target", "loopback-capture.wav");
            java.nio.file.Files.createDirectories(keep.getParent());
            try (javax.sound.sampled.AudioInputStream ais = new javax.sound.sampled.AudioInputStream(
                    new java.io.ByteArrayInputStream(buf), format, frames)) {
                AudioSystem.write(ais, javax.sound.sampled.AudioFileFormat.Type.WAVE, keep.toFile());
            }


            // Each planned interval between consecutive cues (all different in the ramp) must
            // appear between two detected onsets, to 0.25 ms (11 samples; a block is 100). Extra
            // onsets (other programs on the shared sink) and a rare underrun of the shared,
            // loaded machine's PulseAudio stream may spoil a few intervals, never most.
            int found = 0;
            double worstMs = 0;
            StringBuilder missed = new StringBuilder();
            for (int i = 0; i + 1 < plan.size(); i++) {
                double want = (plan.get(i + 1).timeNanos() - plan.get(i).timeNanos()) / 1e9 * RATE;
                double best = Double.MAX_VALUE;
                for (int a = 0; a + 1 < onsets.size(); a++) {
                    double err = onsets.get(a + 1) - onsets.get(a) - want;
                    best = Math.abs(err) < Math.abs(best) ? err : best;
                }
                double errMs = best / RATE * 1e3;
                if (Math.abs(errMs) <= 0.25) {
                    found++;
                    worstMs = Math.max(worstMs, Math.abs(errMs));
                } else {
                    missed.append(String.format(" %d->%d (%.2f ms)", i, i + 1, errMs));
                }
            }
            System.out.printf("live synth loopback: %d of %d cue intervals within 0.25 ms (worst %.3f ms); "
                            + "%d onsets detected, the first %.0f ms into the capture; %d cues late to Gervill; output latency "
                            + "estimate %.1f ms; missed:%s%n",
                    found, plan.size() - 1, worstMs, onsets.size(), onsets.get(0) / RATE * 1e3, sink.lateCues(),
                    latency / 1e6, missed);
            assertThat(found).as("intervals played to the sample; missed:" + missed)
                    .isGreaterThanOrEqualTo((int) Math.ceil(0.7 * (plan.size() - 1)));
        }
    }
}
