package org.entrain.audio;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A sample tap that stops the input's processing thread once, for a while, at a frame (as a
 * latency search's FFTs, a slow listener or a collection would), and counts the buffers that do
 * not follow the one before. Thread safe: called on the audio thread, read from any.
 */
final class StallingTap implements LiveAudioInput.SampleTap {

    private final long stallAt;
    private final long stallMillis;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();

    /**
     * @param stallAt the frame whose buffer stalls
     * @param stallMillis how long, ms
     */
    StallingTap(long stallAt, long stallMillis) {
        this.stallAt = stallAt;
        this.stallMillis = stallMillis;
    }

    @Override
    public void onSamples(float[] samples, int length, long firstFrame) {
        if (firstFrame != frames.get()) {
            gaps.incrementAndGet();
        }
        frames.set(firstFrame + length);
        if (firstFrame < stallAt && firstFrame + length >= stallAt) {
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Frames seen so far. */
    long frames() {
        return frames.get();
    }

    /** Buffers that did not start where the one before ended. */
    long gaps() {
        return gaps.get();
    }
}
