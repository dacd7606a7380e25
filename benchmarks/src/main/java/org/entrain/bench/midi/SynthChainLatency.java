package org.entrain.bench.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.TargetDataLine;
import org.entrain.clock.AudioClockMap;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.RenderedCueReferences;
import org.entrain.midi.SoftSynth;
import org.entrain.midi.SynthCueSink;
import org.entrain.midi.SynthSettings;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.OnsetDetector;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.entrain.pattern.Voice;

/**
 * End-to-end latency of the live software-synth chain, measured: the engine plays cues through
 * Gervill on the default output line while the default capture line (on Linux with PulseAudio: a
 * null sink's monitor, or a real loopback cable) is read in 256-frame buffers; each buffer's read
 * time maps capture frames to {@code System.nanoTime} ({@link AudioClockMap}, as the live input
 * does); every cue's onset is found in the capture ({@link OnsetDetector}, tap preset) and its
 * latency is its onset's time minus the cue's deadline minus the onset's offset in the rendered
 * voice. Printed per synth configuration (line buffer, jitter correction): median, first and
 * last, min and max, and the number of jumps of more than 5 ms from one cue to the next (an
 * output underrun moves every later cue). Through a null sink the figure is the software chain's
 * (synth, Java Sound, the sound server, the capture), not a sound card's.
 *
 * <p>Run: {@code java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED -cp
 * benchmarks/target/benchmarks.jar org.entrain.bench.midi.SynthChainLatency [seconds]
 * [lineMs:on|off ...]}; defaults 20 s and {@code 40:on 40:off 80:off 100:on}. With
 * {@code -Dentrain.series=true} every cue's latency and the onsets' spacing in capture frames are
 * printed too; {@code -Dentrain.trace=FILE} writes every read (frames so far, nanoTime) to FILE.
 */
public final class SynthChainLatency {

    private static final float RATE = 44_100f;
    private static final int READ_FRAMES = 256;
    private static final java.io.PrintStream TRACE = trace();

    private static java.io.PrintStream trace() {
        String f = System.getProperty("entrain.trace");
        try {
            return f == null ? null : new java.io.PrintStream(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SynthChainLatency() {
    }

    /**
     * Runs the measurement.
     *
     * @param args seconds of cues, then configurations {@code lineMs:on|off}
     * @throws Exception if a line cannot be opened
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> configs = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("40:on", "40:off", "80:off", "100:on");
        System.out.printf("synth chain latency, %d s of cues at 120 bpm per configuration, capture %s%n", seconds,
                AudioSystem.getTargetDataLine(new AudioFormat(RATE, 16, 1, true, false)).getLineInfo());
        for (String c : configs) {
            String[] p = c.split(":");
            long lineMicros = Long.parseLong(p[0]) * 1000L;
            boolean jitterCorrection = p[1].equals("on");
            run(seconds, SynthSettings.defaults().withLatencyMicros(lineMicros).withJitterCorrection(jitterCorrection));
        }
    }

    private static void run(int seconds, SynthSettings settings) throws Exception {
        TempoMap map = TempoMap.constant(120);
        Pattern pattern = Pattern.builder().accents(1).build();
        Length end = Length.beats(2L * seconds);
        List<CueEvent> plan = CuePlanner.plan(map, pattern, end);
        RenderedCueReferences refs = RenderedCueReferences.render(CueSounds.defaults(), settings, RATE);
        DetectorSettings det = DetectorSettings.taps();
        int voiceOnset = OnsetDetector.onsetOf(refs.sound(Voice.ACCENT, plan.get(0).velocity()), det, RATE);

        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        TargetDataLine capture = AudioSystem.getTargetDataLine(format);
        // As LiveAudioInput opens it: a line buffer of four reads (a larger one makes PulseAudio
        // deliver the capture in bursts of a quarter of it, and the clock map cannot follow).
        capture.open(format, 4 * READ_FRAMES * 2);
        AudioClockMap clockMap = AudioClockMap.forBuffers(RATE, READ_FRAMES);
        int total = (int) ((seconds + 6) * RATE);
        float[] pcm = new float[total];
        // The engine time of each read's first frame, as the map placed it right after that read
        // (as LiveAudioInput maps onsets, live); mapping every onset afterwards with the final fit
        // would tilt the whole run by the fit's last slope (the monitor's reads change latency when
        // the playback stream stops: measured 510 ppm at the end against 310 over the run).
        long[] readNanos = new long[total / READ_FRAMES + 1];
        int[] filled = {0};
        capture.start();
        Thread reader = new Thread(() -> {
            byte[] b = new byte[2 * READ_FRAMES];
            while (filled[0] + READ_FRAMES <= total) {
                int got = 0;
                while (got < b.length) {
                    got += capture.read(b, got, b.length - got);
                }
                long now = System.nanoTime();
                if (TRACE != null) {
                    TRACE.println((filled[0] + READ_FRAMES) + " " + now);
                }
                for (int i = 0; i < READ_FRAMES; i++) {
                    pcm[filled[0] + i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8)) / 32768f;
                }
                int start = filled[0];
                filled[0] += READ_FRAMES;
                synchronized (clockMap) {
                    clockMap.update(filled[0], now);
                    readNanos[start / READ_FRAMES] = clockMap.nanosAt(start);
                }
            }
        }, "capture");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(1000);
        long origin;
        long lateCues;
        double sinkDriftPpm;
        try (SoftSynth synth = SoftSynth.openLive(settings)) {
            SynthCueSink sink = SynthCueSink.live(synth, CueSounds.defaults(), SystemNanoClock.INSTANCE,
                    SynthCueSink.estimatedOutputLatencyNanos(synth), SynthCueSink.recommendedMarginNanos(synth));
            CueEngine engine = CueEngine.builder().tempoMap(map).pattern(pattern).end(end).sink(sink)
                    .leadInNanos(1_000_000_000L).build();
            engine.start();
            if (Boolean.getBoolean("entrain.series")) {
                // the rates as the run goes: the line's measured one and the one the sink follows
                StringBuilder rates = new StringBuilder("  rates each second (line ppm/sink ppm):");
                for (int i = 0; i < seconds + 2 && !engine.awaitFinished(1, TimeUnit.SECONDS); i++) {
                    rates.append(String.format(" %.0f/%.0f", synth.outputDriftPpm(), sink.driftPpm()));
                }
                System.out.println(rates);
            }
            if (!engine.awaitFinished(seconds + 10L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the engine did not finish");
            }
            origin = engine.originNanos();
            lateCues = sink.lateCues();
            sinkDriftPpm = sink.driftPpm();
            Thread.sleep(100);
        }
        reader.join(TimeUnit.SECONDS.toMillis(seconds + 10L));
        capture.stop();
        capture.close();

        List<Long> onsetNanos = new ArrayList<>();
        List<Long> onsetFrames = new ArrayList<>();
        OnsetDetector d = new OnsetDetector(det, RATE, (frame, strength, flags) -> {
            onsetFrames.add(frame);
            long f = Math.max(0, frame - voiceOnset);
            onsetNanos.add(readNanos[(int) (f / READ_FRAMES)] + Math.round((f % READ_FRAMES) * 1e9 / RATE));
        });
        d.process(pcm, 0, filled[0]);
        // The first onset is the first cue (the capture started a second before it); each later cue
        // is matched within 100 ms of where the previous latency puts it.
        double[] lat = new double[plan.size()];
        long[] at = new long[plan.size()];
        int matched = 0;
        int jumps = 0;
        double prev = Double.NaN;
        int o = 0;
        for (CueEvent c : plan) {
            long deadline = origin + c.timeNanos();
            long want = Double.isNaN(prev) ? Long.MIN_VALUE : deadline + Math.round(prev);
            while (o < onsetNanos.size() && !Double.isNaN(prev) && onsetNanos.get(o) < want - 100_000_000L) {
                o++;
            }
            if (o >= onsetNanos.size() || (!Double.isNaN(prev) && onsetNanos.get(o) > want + 100_000_000L)) {
                continue;
            }
            double l = onsetNanos.get(o++) - deadline;
            if (!Double.isNaN(prev) && Math.abs(l - prev) > 5e6) {
                jumps++;
            }
            at[matched] = c.timeNanos();
            lat[matched++] = l;
            prev = l;
        }
        double[] m = Arrays.copyOf(lat, matched);
        if (Boolean.getBoolean("entrain.series")) {
            StringBuilder sb = new StringBuilder("  per cue (ms):");
            for (double v : m) {
                sb.append(String.format(" %.1f", v / 1e6));
            }
            System.out.println(sb);
            StringBuilder fb = new StringBuilder("  onset spacing (frames):");
            for (int i = 1; i < onsetFrames.size(); i++) {
                fb.append(' ').append(onsetFrames.get(i) - onsetFrames.get(i - 1));
            }
            System.out.println(fb + "; map rate " + clockMap.fittedRate() + " drift ppm " + clockMap.driftPpm() + " drops " + clockMap.dropCount() + " frames " + clockMap.droppedFrames());
        }
        double[] sorted = m.clone();
        Arrays.sort(sorted);
        // From 10 s on: the spread around the median, and the trend (least squares, ppm of run time).
        int from = 0;
        while (from < matched && at[from] < 10_000_000_000L) {
            from++;
        }
        double[] late = Arrays.copyOfRange(m, from, matched);
        Arrays.sort(late);
        double lateMedian = late.length == 0 ? Double.NaN : late[late.length / 2];
        double spread = 0;
        org.entrain.clock.LinearFit trend = new org.entrain.clock.LinearFit();
        for (int i = from; i < matched; i++) {
            spread = Math.max(spread, Math.abs(m[i] - lateMedian));
            trend.add(at[i] / 1e9, m[i] / 1e3);
        }
        System.out.printf("line %3d ms, jitter correction %-3s: %d of %d cues found; latency median %.1f ms, first %.1f,"
                        + " last %.1f, min %.1f, max %.1f ms; %d jumps > 5 ms; %d cues late to the synth;"
                        + " from 10 s: median %.2f ms, all within +-%.2f ms of it, trend %.0f ppm; sink drift %.0f ppm%n",
                settings.latencyMicros() / 1000, settings.jitterCorrection() ? "on" : "off", matched, plan.size(),
                matched == 0 ? Double.NaN : sorted[matched / 2] / 1e6, matched == 0 ? Double.NaN : m[0] / 1e6,
                matched == 0 ? Double.NaN : m[matched - 1] / 1e6, matched == 0 ? Double.NaN : sorted[0] / 1e6,
                matched == 0 ? Double.NaN : sorted[matched - 1] / 1e6, jumps, lateCues, lateMedian / 1e6, spread / 1e6,
                trend.hasSlope() ? trend.slope() : Double.NaN, sinkDriftPpm);
    }
}
