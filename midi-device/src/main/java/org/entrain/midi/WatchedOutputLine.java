package org.entrain.midi;

import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.Control;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.entrain.clock.NanoClock;
import org.entrain.clock.SystemNanoClock;

/**
 * The software synth's audio line, watched: every call goes to the real line, and a line that
 * throws, closes or stops taking audio while the synth plays (an unplugged headset, a sound
 * server gone) is kept as the {@link #fault()} instead of killing Gervill's audio thread with a
 * stack trace. After the fault, writes take as long as the audio would have played, so the
 * synth's render clock keeps real time (cues stay timed; their sound goes nowhere). Thread safe:
 * one writer (Gervill's pusher), control, {@link #fault()} and {@link #driftPpm()} from any thread.
 *
 * <p>The line's clock, measured: a write returns once the device (or the sound server) has taken
 * enough of the buffer, never before, so the pairs (frames written so far, engine nanos after the
 * write) trace the output clock as a capture's reads trace the input's; a robust line ({@link LineClockFit}) is fitted to the
 * earliest write of every 2 s and its drift is {@link #driftPpm()}. Gervill's render clock, the one cue
 * timestamps are on, runs at this rate too (it renders only as the line takes audio), but read at a
 * cue it is ahead by however much the line buffer holds at that moment: on PulseAudio a sawtooth of
 * +-13 ms (sd 8 ms, measured), so a line through it needs tens of seconds to see even 300 ppm.
 */
final class WatchedOutputLine implements SourceDataLine {

    /**
     * Writes in the first this long are not fitted: the buffer fills at once, and PulseAudio was
     * seen to start a stream 1.2 s after the first write.
     */
    static final long SETTLE_NANOS = 1_000_000_000L;
    /**
     * Of the writes in each block this long only the earliest (relative to the nominal rate) is
     * fitted: PulseAudio takes a line's audio in a sawtooth of 20-60 ms late over 1-2 s (measured),
     * and the earliest write of each 2 s lies on the clock within 0.3-0.4 ms (sd, measured).
     */
    static final long BLOCK_NANOS = 2_000_000_000L;

    private final SourceDataLine line;
    private final NanoClock clock;
    private volatile boolean closing;
    private volatile String fault;
    // the writer thread's only
    private final LineClockFit fit = new LineClockFit();
    private long framesWritten;
    private long firstWriteNanos;
    private long blockStart;
    private double blockBestLate = Double.MAX_VALUE;
    private long blockBestNanos;
    private volatile double driftPpm = Double.NaN;
    private volatile int steps;
    private volatile int outliers;

    WatchedOutputLine(SourceDataLine line) {
        this(line, SystemNanoClock.INSTANCE);
    }

    WatchedOutputLine(SourceDataLine line, NanoClock clock) {
        this.line = line;
        this.clock = clock;
    }

    /**
     * Why the line stopped playing, once it has; null while it plays (and after a normal close).
     *
     * @return one line, e.g. {@code its audio line closed}, or null
     */
    String fault() {
        return fault;
    }

    /**
     * The output clock's rate against the engine clock, from the writes so far. Any thread.
     *
     * @return parts per million, positive when the line's clock runs fast; NaN until the blocks
     *         fitted agree on a rate (see {@link LineClockFit}: after 4 blocks, about 9 s, at the earliest); while
     *         the newest blocks disagree (a step being confirmed, a transient), and after a fault, the
     *         last rate they agreed on
     */
    double driftPpm() {
        return driftPpm;
    }

    /**
     * Steps of the line's delay (underruns) confirmed so far. Any thread.
     *
     * @return the count
     */
    int steps() {
        return steps;
    }

    /**
     * Blocks whose writes were all late (the server woke late), left out of the fit so far. Any thread.
     *
     * @return the count
     */
    int outliers() {
        return outliers;
    }

    /**
     * Adds a completed write to the line's clock fit: per block, the earliest write's lateness
     * against the nominal rate (engine nanos after the write minus frames written so far at the
     * nominal rate); a robust line through those ({@link LineClockFit}) falls by the drift.
     * Writer thread; allocation free.
     */
    private void wrote(int bytes) {
        long now = clock.nanoTime();
        AudioFormat f = line.getFormat();
        int frameSize = Math.max(1, f.getFrameSize());
        if (framesWritten == 0) {
            firstWriteNanos = now;
            blockStart = now + SETTLE_NANOS;
        }
        framesWritten += bytes / frameSize;
        if (now - blockStart < 0) {
            return;
        }
        double late = (now - firstWriteNanos) - framesWritten * 1e9 / f.getFrameRate();
        if (late < blockBestLate) {
            blockBestLate = late;
            blockBestNanos = now;
        }
        if (now - blockStart < BLOCK_NANOS) {
            return;
        }
        fit.add((blockBestNanos - firstWriteNanos) / 1e9, blockBestLate);
        blockStart = now;
        blockBestLate = Double.MAX_VALUE;
        steps = fit.steps();
        outliers = fit.outliers();
        double ppm = fit.ppm();
        if (!Double.isNaN(ppm)) {
            driftPpm = ppm;
        }
    }

    @Override
    public int write(byte[] b, int off, int len) {
        if (fault == null) {
            String why;
            try {
                int n = line.write(b, off, len);
                if (n == len || closing) {
                    if (n > 0 && !closing) {
                        wrote(n);
                    }
                    return n;
                }
                why = !line.isOpen() ? "its audio line closed" : "its audio line stopped taking audio";
            } catch (RuntimeException e) {
                if (closing) {
                    return 0;
                }
                why = "its audio line failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            fault = why;
        }
        AudioFormat f = line.getFormat();
        long nanos = Math.round(len / (double) Math.max(1, f.getFrameSize()) / f.getFrameRate() * 1e9);
        LockSupport.parkNanos(Math.max(0, nanos));
        return len;
    }

    @Override
    public void drain() {
        if (fault == null) {
            line.drain();
        }
    }

    @Override
    public void flush() {
        line.flush();
    }

    @Override
    public void start() {
        line.start();
    }

    @Override
    public void stop() {
        line.stop();
    }

    @Override
    public boolean isRunning() {
        return line.isRunning();
    }

    @Override
    public boolean isActive() {
        return line.isActive();
    }

    @Override
    public AudioFormat getFormat() {
        return line.getFormat();
    }

    @Override
    public int getBufferSize() {
        return line.getBufferSize();
    }

    @Override
    public int available() {
        return line.available();
    }

    @Override
    public int getFramePosition() {
        return line.getFramePosition();
    }

    @Override
    public long getLongFramePosition() {
        return line.getLongFramePosition();
    }

    @Override
    public long getMicrosecondPosition() {
        return line.getMicrosecondPosition();
    }

    @Override
    public float getLevel() {
        return line.getLevel();
    }

    @Override
    public void open(AudioFormat format, int bufferSize) throws LineUnavailableException {
        line.open(format, bufferSize);
    }

    @Override
    public void open(AudioFormat format) throws LineUnavailableException {
        line.open(format);
    }

    @Override
    public void open() throws LineUnavailableException {
        line.open();
    }

    @Override
    public Line.Info getLineInfo() {
        return line.getLineInfo();
    }

    @Override
    public void close() {
        closing = true;
        line.close();
    }

    @Override
    public boolean isOpen() {
        return line.isOpen();
    }

    @Override
    public Control[] getControls() {
        return line.getControls();
    }

    @Override
    public boolean isControlSupported(Control.Type control) {
        return line.isControlSupported(control);
    }

    @Override
    public Control getControl(Control.Type control) {
        return line.getControl(control);
    }

    @Override
    public void addLineListener(LineListener listener) {
        line.addLineListener(listener);
    }

    @Override
    public void removeLineListener(LineListener listener) {
        line.removeLineListener(listener);
    }
}
