package org.entrain.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.entrain.cancel.CancellationSettings;
import org.entrain.cancel.CueReferences;
import org.entrain.cancel.StreamingCueCanceller;
import org.entrain.clock.NanoClock;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.OnsetListener;
import org.entrain.onset.OnsetSource;
import org.entrain.pattern.Voice;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;
import org.entrain.session.TapInput;

/**
 * The demo's room: a speaker that plays the cues (the software synth's own rendered one-shots, with
 * a little room echo), a simulated client whose taps are real recorded drum hits, a noise floor,
 * and a microphone that hears all of it: the audio goes through the same cue cancellation and
 * onset detector as a live microphone and is recorded. Thread safe: the speaker sink is called by
 * the dispatcher, {@link #advanceTo} by the session's virtual-time driver (or the room's own
 * thread when live); both lock the room.
 */
final class SimulatedRoom implements TapInput {

    /** The speaker gets cues this early (so the client knows the next cue before it taps). */
    static final long SPEAKER_ADVANCE_NANOS = 400_000_000L;
    private static final int BLOCK = 256;
    private static final String[] HITS = {"colombo-stick-rim-9.wav", "colombo-snare-shot2.wav",
            "audiophob-101450-tomh.wav", "audiophob-25671-snare.wav"};

    private final float rate;
    private final CueReferences refs;
    private final SimulatedClient client;
    private final float[][] hits;
    private final SplittableRandom random;
    private final double bleedGain;
    private final double noise;
    private final long speakerDelayNanos;
    private final DetectorSettings settings;
    private float[] audio = new float[1 << 20];
    private long frame0Nanos = Long.MIN_VALUE;
    private long processed;
    private final List<Long> newTaps = new ArrayList<>();
    private final List<Long> tapTimes = new ArrayList<>();
    private StreamingCueCanceller canceller;
    private final float[] gate = new float[BLOCK];
    private OnsetDetector detector;
    private long skip;
    private OnsetListener onsets;
    private AudioSink sink;
    private final float[] block = new float[BLOCK];
    private final float[] work = new float[BLOCK];
    private int cuesHeard;
    private boolean live;
    private volatile boolean running;
    private Thread thread;
    private javax.sound.sampled.SourceDataLine line;
    private final byte[] pcm = new byte[BLOCK * 2];

    SimulatedRoom(float sampleRate, CueReferences refs, SimulatedClient client, long seed, DetectorSettings settings) {
        this.rate = sampleRate;
        this.refs = refs;
        this.client = client;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.bleedGain = 0.3;
        this.noise = 0.004;
        this.speakerDelayNanos = 3_000_000L; // 1 m from speaker to microphone
        this.settings = settings;
        this.hits = new float[HITS.length][];
        for (int i = 0; i < HITS.length; i++) {
            hits[i] = load(HITS[i]);
        }
    }

    private static float[] load(String name) {
        try (InputStream in = SimulatedRoom.class.getResourceAsStream("hits/" + name)) {
            if (in == null) {
                throw new IllegalStateException("demo hit " + name + " missing from the jar");
            }
            AudioInputStream a = AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(in));
            byte[] b = a.readAllBytes();
            float[] s = new float[b.length / 2];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8)) / 32768f;
            }
            return s;
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new IllegalStateException("demo hit " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The loudspeaker: an output sink of the session. */
    CueSink speaker() {
        return new CueSink() {
            @Override
            public long advanceNanos() {
                return SPEAKER_ADVANCE_NANOS;
            }

            @Override
            public void onCue(Cue cue) {
                speak(cue.deadlineNanos(), cue.voice(), cue.velocity(), cue.sub() == 0 && cue.layer() == Cue.MAIN_GRID);
            }

            @Override
            public String toString() {
                return "demo loudspeaker";
            }
        };
    }

    private synchronized void speak(long deadline, Voice voice, int velocity, boolean beatCue) {
        if (frame0Nanos == Long.MIN_VALUE) {
            return;
        }
        float[] s = refs.sound(voice, velocity);
        long at = frameAt(deadline + speakerDelayNanos);
        mix(s, at, bleedGain);
        mix(s, at + Math.round(0.007 * rate), bleedGain * 0.1); // a wall
        mix(s, at + Math.round(0.019 * rate), bleedGain * 0.04);
        if (beatCue) {
            client.heardCue(deadline);
            cuesHeard++;
        }
    }

    private long frameAt(long nanos) {
        return Math.round((nanos - frame0Nanos) * (double) rate / 1e9);
    }

    private void mix(float[] s, long at, double gain) {
        if (at < processed) {
            return; // too late for audio already heard
        }
        ensure(at + s.length);
        for (int i = 0; i < s.length; i++) {
            audio[(int) (at + i)] += (float) (s[i] * gain);
        }
    }

    private void ensure(long frames) {
        if (frames > audio.length) {
            int n = audio.length;
            while (n < frames) {
                n *= 2;
            }
            audio = Arrays.copyOf(audio, n);
        }
    }

    @Override
    public String describe() {
        return "simulated room (speaker bleed " + bleedGain + ", real drum hits, noise " + noise + ")";
    }

    @Override
    public float audioSampleRate() {
        return rate;
    }

    /** Live: the room runs on its own thread in real time and plays its sound on the default output. */
    void live() {
        this.live = true;
    }

    @Override
    public void start(NanoClock clock, OnsetListener listener, AudioSink audioSink) throws IOException {
        init(clock, listener, audioSink);
        if (live) {
            try {
                javax.sound.sampled.AudioFormat f = new javax.sound.sampled.AudioFormat(rate, 16, 1, true, false);
                line = AudioSystem.getSourceDataLine(f);
                line.open(f, BLOCK * 2 * 16);
                line.start();
            } catch (javax.sound.sampled.LineUnavailableException | IllegalArgumentException e) {
                throw new IOException("no audio output for --live: " + e.getMessage(), e);
            }
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    advanceTo(clock.nanoTime());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "entrain-demo-room");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private synchronized void init(NanoClock clock, OnsetListener listener, AudioSink audioSink) {
        this.onsets = listener;
        this.sink = audioSink;
        this.frame0Nanos = clock.nanoTime();
        // The live canceller as a microphone input builds it with a calibration: every voice's
        // exact reference, the room path fitted on the first cues, the gate for the detector.
        canceller = new StreamingCueCanceller(refs, settings, Math.round(0.020f * rate), Math.round(0.55f * rate), 1024,
                CancellationSettings.defaults().marginDb(), -1, Math.round(0.3f * rate));
        skip = canceller.delaySamples();
        detector = new OnsetDetector(settings, rate, (frame, strength, flags) -> {
            if ((flags & Onset.CUE_RESIDUE) == 0) {
                canceller.onsetAt(frame);
            }
            onsets.onOnset(new Onset(frame0Nanos + Math.round(frame * 1e9 / rate), strength, OnsetSource.FILE, flags));
        });
    }

    @Override
    public synchronized void cue(long soundNanos, Voice voice, int velocity) {
        if (canceller == null) {
            return;
        }
        canceller.addCue(frameAt(soundNanos + speakerDelayNanos), voice, velocity); // the calibrated latency
    }

    @Override
    public synchronized void advanceTo(long nanos) {
        if (detector == null) {
            return;
        }
        newTaps.clear();
        client.tapsUntil(nanos + 100_000_000L, newTaps);
        for (long t : newTaps) {
            float[] h = hits[random.nextInt(hits.length)];
            double gain = 0.5 + 0.4 * random.nextDouble();
            mix(h, frameAt(t + 1_000_000L), gain); // 30 cm from the microphone
            tapTimes.add(t);
        }
        long target = frameAt(nanos);
        ensure(target + BLOCK);
        while (processed + BLOCK <= target) {
            int base = (int) processed;
            for (int i = 0; i < BLOCK; i++) {
                block[i] = (float) (audio[base + i] + noise * gaussian());
            }
            sink.samples(block, BLOCK, processed);
            if (line != null) {
                for (int i = 0; i < BLOCK; i++) {
                    int v = Math.round(Math.max(-1f, Math.min(1f, block[i])) * 32767f);
                    pcm[2 * i] = (byte) v;
                    pcm[2 * i + 1] = (byte) (v >> 8);
                }
                // Never blocks: the output is for the listener, the microphone's time line is the
                // clock's. A blocking write paced the room by the line, and after an underrun
                // (the canceller's acquisition takes 0.3 s on this thread) PulseAudio held it for
                // 1.7 s: the session's watchdog then saw the input stop, and 3 cues went unmeasured.
                int n = Math.min(pcm.length, line.available() & ~1);
                if (n > 0) {
                    line.write(pcm, 0, n);
                }
            }
            canceller.process(block, 0, BLOCK, work, gate, 0);
            int from = 0;
            if (skip > 0) {
                from = (int) Math.min(BLOCK, skip);
                skip -= from;
            }
            detector.process(work, gate, from, BLOCK - from);
            processed += BLOCK;
        }
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (line != null) {
            line.drain();
            line.close();
        }
        flush();
    }

    private synchronized void flush() {
        if (detector == null) {
            return;
        }
        float[] zeros = new float[canceller.delaySamples()];
        float[] g = new float[zeros.length];
        canceller.process(zeros, 0, zeros.length, zeros, g, 0);
        detector.process(zeros, g, 0, zeros.length);
        detector.flush();
        detector = null;
    }

    /** The true tap times (the hits' starts), engine nanos. */
    synchronized List<Long> trueTaps() {
        return List.copyOf(tapTimes);
    }

    @Override
    public Map<String, String> facts() {
        return Map.of("input device", describe(), "calibration", "3 ms speaker-to-microphone (simulated, known)");
    }
}
