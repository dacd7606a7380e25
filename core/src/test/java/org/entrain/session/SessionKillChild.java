package org.entrain.session;

import java.nio.file.Path;
import java.util.Map;
import org.entrain.clock.NanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetListener;
import org.entrain.onset.OnsetSource;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;

/**
 * A child JVM running a real-time session with a generated audio input (a click every 250 ms, an
 * onset each), for {@link SessionKillTest}: prints the recording's frame count as it grows.
 */
final class SessionKillChild {

    private SessionKillChild() {
    }

    /** An input that makes audio in real time on its own thread. */
    static final class Generated implements TapInput {
        volatile boolean running;
        volatile long frames;
        Thread thread;

        @Override
        public String describe() {
            return "generated clicks";
        }

        @Override
        public float audioSampleRate() {
            return 8000f;
        }

        @Override
        public void start(NanoClock clock, OnsetListener onsets, AudioSink audio) {
            running = true;
            long t0 = clock.nanoTime();
            thread = new Thread(() -> {
                float[] buf = new float[80];
                while (running) {
                    long due = t0 + frames * 125_000L;
                    if (clock.nanoTime() - due < 0) {
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            return;
                        }
                        continue;
                    }
                    for (int i = 0; i < buf.length; i++) {
                        long f = frames + i;
                        buf[i] = f % 2000 < 40 ? 0.5f * (float) Math.sin(f * 0.7) : 0f;
                    }
                    if (frames % 2000 == 0) {
                        onsets.onOnset(new Onset(t0 + frames * 125_000L, 0.5, OnsetSource.FILE, 0));
                    }
                    audio.samples(buf, buf.length, frames);
                    frames += buf.length;
                }
            }, "generated-audio");
            thread.start();
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public Map<String, String> facts() {
            return Map.of("input device", "generated");
        }
    }

    public static void main(String[] args) throws Exception {
        Generated in = new Generated();
        Session s = Session.builder().folder(Path.of(args[0])).tempo(240).countIn(0)
                .output("nothing", new CueSink() {
                    @Override
                    public void onCue(Cue cue) {
                    }
                })
                .input(in).build();
        s.start();
        while (true) {
            Thread.sleep(100);
            System.out.println("frames " + in.frames);
            System.out.flush();
        }
    }
}
