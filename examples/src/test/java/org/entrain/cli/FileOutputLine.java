package org.entrain.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.SourceDataLine;

/**
 * A playback line that plays into a real file, for fault tests: raw PCM appended to the file, a
 * write blocking until its audio would have played (real time, like a device), and from the first
 * write after {@code faultFrame} frames the fault a failing device shows. Thread safe as Java Sound lines are
 * (one writer, control from any thread).
 */
final class FileOutputLine implements SourceDataLine {

    /** What the line does once {@code faultFrame} frames were played. */
    enum Fault {
        /** {@code write} throws, as a driver does when the device vanishes. */
        THROW,
        /** The line closes itself (the system took the device away). */
        CLOSE,
        /** The line stays open and takes nothing (the native write fails: {@code write} returns 0). */
        REFUSE
    }

    private final Path file;
    private final Fault fault;
    private final long faultFrame;
    private AudioFormat format;
    private int bufferBytes;
    private OutputStream out;
    private volatile boolean open;
    private volatile boolean running;
    private volatile long frames;
    private long startNanos = Long.MIN_VALUE;

    FileOutputLine(Path file, Fault fault, long faultFrame) {
        this.file = file;
        this.fault = fault;
        this.faultFrame = faultFrame;
    }

    long frames() {
        return frames;
    }

    @Override
    public synchronized void open(AudioFormat f, int bufferSize) {
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        format = f;
        bufferBytes = bufferSize - bufferSize % f.getFrameSize();
        open = true;
    }

    @Override
    public void open(AudioFormat f) {
        open(f, 8192);
    }

    @Override
    public int write(byte[] b, int off, int len) {
        if (!open) {
            return 0;
        }
        int frameSize = format.getFrameSize();
        if (frames >= faultFrame) {
            switch (fault) {
                case THROW -> throw new IllegalStateException("device unplugged");
                case CLOSE -> {
                    close();
                    return 0;
                }
                default -> {
                    return 0;
                }
            }
        }
        if (startNanos == Long.MIN_VALUE) {
            startNanos = System.nanoTime();
        }
        int n = len / frameSize; // the whole write: the fault comes with the next one
        try {
            synchronized (this) {
                if (out == null) {
                    return 0;
                }
                out.write(b, off, n * frameSize);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frames += n;
        // block until all but one buffer of what was written has played
        long bufferFrames = bufferBytes / frameSize;
        long due = startNanos + Math.round((frames - bufferFrames) * 1e9 / format.getFrameRate());
        long wait;
        while (open && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 5_000_000L));
        }
        return n * frameSize;
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
        return format == null ? new AudioFormat(44_100f, 16, 2, true, false) : format;
    }

    @Override
    public int getBufferSize() {
        return bufferBytes;
    }

    @Override
    public int available() {
        return bufferBytes;
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
        return Math.round(frames * 1e6 / getFormat().getFrameRate());
    }

    @Override
    public float getLevel() {
        return AudioSystem.NOT_SPECIFIED;
    }

    @Override
    public Line.Info getLineInfo() {
        return new DataLine.Info(SourceDataLine.class, getFormat());
    }

    @Override
    public void open() {
        open(getFormat());
    }

    @Override
    public synchronized void close() {
        open = false;
        running = false;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out = null;
        }
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
