package org.entrain.midi;

import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.Control;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * The software synth's audio line, watched: every call goes to the real line, and a line that
 * throws, closes or stops taking audio while the synth plays (an unplugged headset, a sound
 * server gone) is kept as the {@link #fault()} instead of killing Gervill's audio thread with a
 * stack trace. After the fault, writes take as long as the audio would have played, so the
 * synth's render clock keeps real time (cues stay timed; their sound goes nowhere). Thread safe:
 * one writer (Gervill's pusher), control and {@link #fault()} from any thread.
 */
final class WatchedOutputLine implements SourceDataLine {

    private final SourceDataLine line;
    private volatile boolean closing;
    private volatile String fault;

    WatchedOutputLine(SourceDataLine line) {
        this.line = line;
    }

    /**
     * Why the line stopped playing, once it has; null while it plays (and after a normal close).
     *
     * @return one line, e.g. {@code its audio line closed}, or null
     */
    String fault() {
        return fault;
    }

    @Override
    public int write(byte[] b, int off, int len) {
        if (fault == null) {
            String why;
            try {
                int n = line.write(b, off, len);
                if (n == len || closing) {
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
