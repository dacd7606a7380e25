package org.entrain.audio;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import org.entrain.cancel.CueCanceller;
import org.entrain.cancel.StreamingCueCanceller;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.OnsetListener;
import org.entrain.onset.OnsetSource;

/**
 * The TarsosDSP processor shared by files and live inputs: copies each buffer (TarsosDSP's
 * processors may share and overwrite it), optionally cancels the cue, detects, maps frames to
 * engine time and reports. Not thread safe: runs on the dispatcher's thread.
 */
final class OnsetPipeline implements AudioProcessor {

    /** Maps an input frame (0 = first sample read) to engine nanos. */
    @FunctionalInterface
    interface FrameClock {
        long nanosAt(long frame);
    }

    /** Sees every buffer before detection (clock updates, recording). */
    @FunctionalInterface
    interface BufferObserver {
        void onBuffer(float[] samples, int length, long firstFrame);
    }

    private final OnsetDetector detector;
    private final CueCanceller canceller;
    private final StreamingCueCanceller streaming;
    private final boolean onCueTimeLine;
    private final float sampleRate;
    private final int delay;
    private final FrameClock clock;
    private final OnsetSource source;
    private final OnsetListener listener;
    private final BufferObserver observer;
    private float[] work = new float[0];
    private float[] gate = new float[0];
    private long frames;
    private long toSkip;

    OnsetPipeline(DetectorSettings settings, float sampleRate, CueCanceller canceller, FrameClock clock,
                  OnsetSource source, OnsetListener listener, BufferObserver observer) {
        this(settings, sampleRate, canceller, null, clock, source, listener, observer);
    }

    OnsetPipeline(DetectorSettings settings, float sampleRate, CueCanceller canceller, StreamingCueCanceller streaming,
                  FrameClock clock, OnsetSource source, OnsetListener listener, BufferObserver observer) {
        this(settings, sampleRate, canceller, streaming, false, clock, source, listener, observer);
    }

    /**
     * A pipeline; with {@code onCueTimeLine}, onset times have the streaming canceller's found
     * latency taken off (the cues heard in the input are the markers).
     */
    OnsetPipeline(DetectorSettings settings, float sampleRate, CueCanceller canceller, StreamingCueCanceller streaming,
                  boolean onCueTimeLine, FrameClock clock, OnsetSource source, OnsetListener listener,
                  BufferObserver observer) {
        this.onCueTimeLine = onCueTimeLine;
        this.sampleRate = sampleRate;
        this.canceller = canceller;
        this.streaming = streaming;
        this.delay = canceller != null ? canceller.delaySamples() : streaming != null ? streaming.delaySamples() : 0;
        this.toSkip = delay;
        this.clock = clock;
        this.source = source;
        this.listener = listener;
        this.observer = observer;
        this.detector = settings == null ? null : new OnsetDetector(settings, sampleRate, this::detected);
    }

    private void detected(long frame, double strength, int flags) {
        // The detector never sees the canceller's leading zeros, so its frames are input frames.
        long nanos = clock.nanosAt(Math.max(0, frame));
        if (streaming != null) {
            if (streaming.unaligned(frame)) {
                // The cues are not yet found in the input (or sounded before they were): an onset
                // there cannot be told from a cue.
                flags |= Onset.CUE_RESIDUE;
            }
            if ((flags & Onset.CUE_RESIDUE) == 0) {
                streaming.onsetAt(frame);
            }
            if (onCueTimeLine) {
                double lat = streaming.latencySamples();
                if (!Double.isNaN(lat)) {
                    nanos -= Math.round(lat * 1e9 / sampleRate);
                }
            }
        }
        listener.onOnset(new Onset(nanos, strength, source, flags));
    }

    @Override
    public boolean process(AudioEvent event) {
        float[] buf = event.getFloatBuffer();
        int len = buf.length;
        if (work.length < len) {
            work = new float[len];
        }
        System.arraycopy(buf, 0, work, 0, len);
        if (observer != null) {
            observer.onBuffer(work, len, frames);
        }
        frames += len;
        feed(work, len);
        return true;
    }

    private void feed(float[] samples, int len) {
        int from = 0;
        float[] g = null;
        if (canceller != null) {
            canceller.process(samples, 0, len, samples, 0);
        } else if (streaming != null) {
            if (gate.length < len) {
                gate = new float[len];
            }
            g = gate;
            streaming.process(samples, 0, len, samples, g, 0);
        }
        if (delay > 0 && toSkip > 0) {
            from = (int) Math.min(len, toSkip);
            toSkip -= from;
        }
        if (detector != null) {
            detector.process(samples, g, from, len - from);
        }
    }

    @Override
    public void processingFinished() {
        if (detector == null) {
            return;
        }
        if (delay > 0) {
            float[] zeros = new float[delay];
            feed(zeros, delay);
        }
        detector.flush();
    }

    long frames() {
        return frames;
    }
}
