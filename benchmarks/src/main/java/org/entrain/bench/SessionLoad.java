package org.entrain.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.entrain.cancel.CueCanceller;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.OfflineRenderer;
import org.entrain.midi.SynthSettings;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.OnsetSource;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.session.SessionHeader;
import org.entrain.session.SessionLogWriter;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;

/**
 * The other threads of a live session, for the jitter suite's {@code load=session} row: in this
 * JVM, an audio thread that reads a looping recording in real time (5.8 ms buffers at 44.1 kHz),
 * cancels the cue sound and detects taps (the project's {@link CueCanceller} and
 * {@link OnsetDetector}), and writes each onset to a crash-safe session log
 * ({@link SessionLogWriter}, its own writer thread); a display thread that draws a
 * 1280x720 plot 60 times per second (Java2D into a {@link BufferedImage}, as a Swing repaint
 * would, allocating its text and shapes); and in another process, a CPU hog ({@link CpuHog})
 * that burns one of the two cores. The recording is the project's own offline rendering of
 * 16th notes at 120 BPM (OfflineRenderer, Gervill), with a tap-like click mixed in 30 ms after
 * every beat, so the detector has real onsets and the canceller real cues to remove.
 * Not thread safe: start and stop from one thread.
 */
final class SessionLoad {

    private static final int BUFFER = 256;

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile long sink;
    private volatile long onsets;
    private Process hog;
    private SessionLogWriter log;
    private Path dir;

    /**
     * Renders the recording, opens the session log, starts the threads and the hog process.
     *
     * @throws Exception if the synth, the log file or the process cannot be made
     */
    void start() throws Exception {
        dir = Files.createTempDirectory("entrain-session-load");
        Path wav = dir.resolve("cues.wav");
        OfflineRenderer.Result r = OfflineRenderer.render(TempoMap.constant(120), Pattern.builder().subdivide(4).build(),
                Length.bars(4), CueSounds.defaults(), SynthSettings.defaults(), wav);
        float[] audio = readMono(wav);
        double rate = r.sampleRate();
        long[] cueFrames = r.cues().stream().mapToLong(c -> Math.round(c.timeSeconds() * rate)).toArray();
        int loopFrames = (int) Math.round(8.0 * rate); // 4 bars at 120 BPM
        float[] loop = new float[loopFrames];
        System.arraycopy(audio, 0, loop, 0, Math.min(audio.length, loopFrames));
        for (CueEvent c : r.cues()) {
            if (c.sub() == 0) {
                int at = (int) Math.round((c.timeSeconds() + 0.030) * rate);
                for (int i = 0; i < 300 && at + i < loop.length; i++) {
                    loop[at + i] += (float) (0.4 * Math.exp(-i / 60.0) * ((i * 7919) % 13 - 6) / 6.0);
                }
            }
        }
        float[] template = CueCanceller.estimateTemplate(audio, cueFrames, 2048, 64);
        log = SessionLogWriter.open(dir.resolve("session.jsonl"),
                SessionHeader.of("bench", Map.of("load", "session")), SystemNanoClock.INSTANCE);
        running = true;
        threads.add(new Thread(() -> audio(loop, template, cueFrames, rate), "bench-session-audio"));
        threads.add(new Thread(this::display, "bench-session-display"));
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        hog = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CpuHog.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * A new session log for one engine (attach it, and make it the engine's listener), in the
     * same folder.
     *
     * @param name the file name
     * @return the running writer
     * @throws IOException if the file cannot be made
     */
    SessionLogWriter openLog(String name) throws IOException {
        return SessionLogWriter.open(dir.resolve(name), SessionHeader.of("bench", Map.of("load", "session")),
                SystemNanoClock.INSTANCE);
    }

    /**
     * Onsets detected so far (a sanity figure: the detector is working).
     *
     * @return the count
     */
    long onsets() {
        return onsets;
    }

    /**
     * Stops the threads and the hog, closes the log.
     *
     * @throws Exception if closing fails
     */
    void stop() throws Exception {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
        threads.clear();
        if (hog != null) {
            hog.getOutputStream().close();
            hog.destroy();
            hog.waitFor();
        }
        if (log != null) {
            log.close();
        }
    }

    private void audio(float[] loop, float[] template, long[] cueFrames, double rate) {
        CueCanceller canceller = new CueCanceller(template, 64, 256);
        OnsetDetector detector = new OnsetDetector(DetectorSettings.taps(), (float) rate, (frame, strength, flags) -> {
            onsets++;
            log.onOnset(new Onset(System.nanoTime(), strength, OnsetSource.MICROPHONE, flags));
        });
        float[] in = new float[BUFFER];
        float[] out = new float[BUFFER];
        long bufferNanos = Math.round(BUFFER * 1e9 / rate);
        long start = System.nanoTime();
        long frame = 0;
        int nextCue = 0;
        long loopBase = 0;
        while (running) {
            // Queue the cues of the coming buffers, as the session tells the canceller.
            while (loopBase + cueFrames[nextCue] < frame + 4L * BUFFER) {
                canceller.addCue(loopBase + cueFrames[nextCue]);
                if (++nextCue == cueFrames.length) {
                    nextCue = 0;
                    loopBase += loop.length;
                }
            }
            for (int i = 0; i < BUFFER; i++) {
                in[i] = loop[(int) ((frame + i) % loop.length)];
            }
            canceller.process(in, 0, BUFFER, out, 0);
            detector.process(out, 0, BUFFER);
            frame += BUFFER;
            long next = start + (frame / BUFFER) * bufferNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void display() {
        BufferedImage img = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_ARGB);
        double[] series = new double[600];
        long frame = 0;
        long start = System.nanoTime();
        long period = 16_666_667L;
        while (running) {
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLUE);
            g.setStroke(new BasicStroke(2f));
            series[(int) (frame % series.length)] = Math.sin(frame / 20.0) * 200;
            for (int i = 1; i < series.length; i++) {
                g.drawLine(40 + 2 * (i - 1), 360 + (int) series[i - 1], 40 + 2 * i, 360 + (int) series[i]);
            }
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "frame %d, onsets %d, %.1f BPM", frame, onsets, 120.0), 40, 40);
            g.dispose();
            sink += img.getRGB(100, 360);
            frame++;
            long wait = start + frame * period - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private static float[] readMono(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            int frames = (int) in.getFrameLength();
            short[] pcm = OfflineRenderer.readMono((InputStream) in, frames);
            float[] f = new float[pcm.length];
            for (int i = 0; i < pcm.length; i++) {
                f[i] = pcm[i] / 32768f;
            }
            return f;
        }
    }
}
