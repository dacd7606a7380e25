package org.entrain.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.TargetDataLine;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.entrain.clock.NanoClock;

/**
 * A capture line that plays a real recording as a microphone would deliver it, for fault tests:
 * the file's 16-bit mono samples, one hit every {@code periodFrames} from half a period on (the rest silence with a
 * least-significant-bit dither, so never digital silence), paced in real time on a clock (a read
 * blocks until its frames are due, like a device; with {@link #overruns()}, a reader that falls
 * further behind than the buffer it opened the line with loses the oldest frames, as a device
 * overruns: off by default, so a loaded test machine's scheduling loses nothing), and after
 * {@code faultFrame} frames the fault a failing device shows. Thread safe as Java Sound lines are (one reader, control from any thread).
 */
public final class FileCaptureLine implements TargetDataLine {

    /** What the line does once {@code faultFrame} frames were delivered. */
    public enum Fault {
        /** Goes on for ever. */
        NONE,
        /** {@code read} throws, as a driver does when the device vanishes. */
        THROW,
        /** The line closes itself (the system took the device away). */
        CLOSE,
        /** The line stays open and delivers nothing (a stalled driver, a USB hub that hung). */
        STALL
    }

    private final short[] hit;
    private final int periodFrames;
    private final AudioFormat format;
    private final NanoClock clock;
    private final Fault fault;
    private final long faultFrame;
    private volatile boolean open;
    private volatile boolean running;
    private volatile long frames;
    private volatile long lostFrames;
    private volatile int bufferBytes = 4096;
    private volatile boolean overruns;
    private long startNanos = Long.MIN_VALUE;
    private int dither = 12345;

    /**
     * A line over a recording.
     *
     * @param resource a 16-bit mono WAV on the class path
     * @param periodFrames frames from one hit to the next
     * @param clock the clock the line keeps time on, or null to deliver at once (a virtual-time reader paces itself)
     * @param fault what happens at {@code faultFrame}
     * @param faultFrame frames delivered before the fault
     * @throws IOException if the file cannot be read
     */
    public FileCaptureLine(String resource, int periodFrames, NanoClock clock, Fault fault, long faultFrame) throws IOException {
        try (InputStream raw = FileCaptureLine.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IOException("no test resource " + resource);
            }
            try (AudioInputStream a = AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(raw))) {
                AudioFormat f = a.getFormat();
                if (f.getChannels() != 1 || f.getSampleSizeInBits() != 16 || f.isBigEndian()) {
                    throw new IOException(resource + " is not 16-bit little-endian mono");
                }
                byte[] b = a.readAllBytes();
                int n = Math.min(b.length / 2, periodFrames / 2);
                hit = new short[n];
                for (int i = 0; i < n; i++) {
                    hit[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
                }
                format = new AudioFormat(f.getSampleRate(), 16, 1, true, false);
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(e);
        }
        this.periodFrames = periodFrames;
        this.clock = clock;
        this.fault = fault;
        this.faultFrame = faultFrame;
    }

    /**
     * Frames delivered so far.
     *
     * @return the count
     */
    public long frames() {
        return frames;
    }

    /**
     * Makes the line lose what is not read within its buffer, as a device does.
     *
     * @return this
     */
    public FileCaptureLine overruns() {
        overruns = true;
        return this;
    }

    /**
     * Frames the device overwrote because they were not read within its buffer.
     *
     * @return the count
     */
    public long lostFrames() {
        return lostFrames;
    }

    @Override
    public void open(AudioFormat f, int bufferSize) {
        if (!f.matches(format)) {
            throw new IllegalArgumentException("this line delivers " + format + ", not " + f);
        }
        bufferBytes = bufferSize - bufferSize % 2;
        open = true;
    }

    @Override
    public void open(AudioFormat f) {
        open(f, 4096);
    }

    @Override
    public void open() {
        open(format, 4096);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (!open) {
            return 0;
        }
        if (startNanos == Long.MIN_VALUE && clock != null) {
            startNanos = clock.nanoTime();
        }
        int want = len / 2;
        long f0 = frames;
        if (overruns && clock != null) {
            long captured = (long) ((clock.nanoTime() - startNanos) * (double) format.getSampleRate() / 1e9);
            long behind = captured - f0 - bufferBytes / 2;
            if (behind > 0) {
                f0 += behind;
                lostFrames += behind;
                frames = f0;
            }
        }
        if (fault != Fault.NONE && f0 >= faultFrame) {
            switch (fault) {
                case THROW -> throw new IllegalStateException("device unplugged");
                case CLOSE -> {
                    open = false;
                    running = false;
                    return 0;
                }
                default -> {
                    while (open) {
                        LockSupport.parkNanos(10_000_000L);
                    }
                    return 0;
                }
            }
        }
        if (fault != Fault.NONE) {
            want = (int) Math.min(want, faultFrame - f0);
        }
        long due = startNanos + Math.round((f0 + want) * 1e9 / format.getSampleRate());
        long wait;
        while (clock != null && open && (wait = due - clock.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 5_000_000L));
        }
        if (!open) {
            return 0;
        }
        for (int i = 0; i < want; i++) {
            int p = (int) ((f0 + i) % periodFrames) - periodFrames / 2;
            dither = dither * 1103515245 + 12345;
            int v = (p >= 0 && p < hit.length ? hit[p] : 0) + ((dither >>> 30) & 1);
            b[off + 2 * i] = (byte) v;
            b[off + 2 * i + 1] = (byte) (v >> 8);
        }
        frames = f0 + want;
        return want * 2;
    }

    @Override
    public void drain() {
    }

    @Override
    public void flush() {
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isActive() {
        return running;
    }

    @Override
    public AudioFormat getFormat() {
        return format;
    }

    @Override
    public int getBufferSize() {
        return bufferBytes;
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public int getFramePosition() {
        return (int) frames;
    }

    @Override
    public long getLongFramePosition() {
        return frames;
    }

    @Override
    public long getMicrosecondPosition() {
        return Math.round(frames * 1e6 / format.getSampleRate());
    }

    @Override
    public float getLevel() {
        return AudioSystem.NOT_SPECIFIED;
    }

    @Override
    public Line.Info getLineInfo() {
        return new DataLine.Info(TargetDataLine.class, format);
    }

    @Override
    public void close() {
        open = false;
        running = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Control[] getControls() {
        return new Control[0];
    }

    @Override
    public boolean isControlSupported(Control.Type control) {
        return false;
    }

    @Override
    public Control getControl(Control.Type control) {
        throw new IllegalArgumentException("no controls");
    }

    @Override
    public void addLineListener(LineListener listener) {
    }

    @Override
    public void removeLineListener(LineListener listener) {
    }
}
