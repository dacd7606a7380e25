package org.entrain.calibration;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.entrain.audio.AudioDevices;
import org.entrain.clock.NanoClock;

/**
 * Immutable and thread safe (each {@link #play} opens, plays and closes a line of its own and
 * blocks until it has drained): a {@link MarkerPlayer} on a Java Sound output line.
 *
 * <p>16-bit mono at the signal's rate, 4096 frames of line buffer, written in 512-frame chunks (a
 * longer buffer made PulseAudio's reported positions meaningless). After each write the line's
 * reported frame position {@code p} is read with the clock {@code t}, giving a start estimate
 * {@code t - p / rate}; frame {@code f} is taken to play at {@code s + f / rate}, {@code s} the
 * median of the estimates (the output's nominal rate: over a few seconds 100 ppm is below 1 ms). So
 * the latency is measured from the moment the output line reports a frame as played. The median,
 * because lines on PulseAudio report positions that stall and jump (one slope fitted to the whole
 * playback was 0.7 % off, local medians over 0.25 s scattered by +-7 ms). An underrun (the writer
 * starved) delays every later frame: it shows up as spread between the markers.
 */
public final class LineMarkerPlayer implements MarkerPlayer {

    private final String mixer;
    private final NanoClock clock;

    /**
     * A player on an output device.
     *
     * @param mixer the output device name, or null for the default
     * @param clock the engine clock
     */
    public LineMarkerPlayer(String mixer, NanoClock clock) {
        this.mixer = mixer;
        this.clock = clock;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the line never reported a frame position
     */
    @Override
    public LongUnaryOperator play(float[] signal, float sampleRate) throws LineUnavailableException {
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        int chunk = 512;
        SourceDataLine line = AudioDevices.openOutput(mixer, format, 4096 * 2);
        long[] starts = new long[signal.length / chunk + 2];
        int n = 0;
        try {
            byte[] bytes = new byte[chunk * 2];
            line.start();
            for (int f = 0; f < signal.length; f += chunk) {
                int len = Math.min(chunk, signal.length - f);
                for (int i = 0; i < len; i++) {
                    int s = Math.round(Math.max(-1, Math.min(1, signal[f + i])) * 32767);
                    bytes[2 * i] = (byte) s;
                    bytes[2 * i + 1] = (byte) (s >> 8);
                }
                line.write(bytes, 0, 2 * len);
                long pos = line.getLongFramePosition();
                long now = clock.nanoTime();
                if (pos > 0 && pos < signal.length) {
                    starts[n++] = now - Math.round(pos * 1e9 / sampleRate);
                }
            }
            line.drain();
        } finally {
            line.close();
        }
        if (n == 0) {
            throw new IllegalStateException("the output line never reported a frame position");
        }
        long[] sorted = Arrays.copyOf(starts, n);
        Arrays.sort(sorted);
        long start = sorted[n / 2];
        double nanosPerFrame = 1e9 / sampleRate;
        return frame -> start + Math.round(frame * nanosPerFrame);
    }
}
