package org.entrain.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a mono 16-bit PCM WAV file as audio arrives, keeping its header current: the RIFF and
 * data sizes are rewritten at least every {@link #HEADER_INTERVAL_NANOS} (and the file forced to
 * the disk), so any WAV reader opens the file after a crash with all but the last second. Thread
 * safe: {@link #write} may be called from one audio thread (it copies and enqueues; a writer
 * thread does the I/O), {@link #close()} from any thread.
 */
public final class WavFileWriter implements AutoCloseable {

    /** Longest time between header updates: 1 s (measured on the writer thread). */
    public static final long HEADER_INTERVAL_NANOS = 1_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(WavFileWriter.class);
    private static final short[] STOP = new short[0];

    private final FileChannel channel;
    private final int sampleRate;
    private final BlockingQueue<short[]> queue = new ArrayBlockingQueue<>(4096);
    private final Thread thread;
    private volatile IOException failure;
    private volatile long droppedBuffers;
    private volatile long frames;
    private boolean closed;

    private WavFileWriter(FileChannel channel, int sampleRate) {
        this.channel = channel;
        this.sampleRate = sampleRate;
        this.thread = new Thread(this::run, "entrain-recording");
        this.thread.setDaemon(true);
    }

    /**
     * Creates (or truncates) the file, writes a header for 0 frames and starts the writer thread.
     *
     * @param file the file
     * @param sampleRate Hz
     * @return the writer
     * @throws IOException if the file cannot be created
     */
    public static WavFileWriter open(Path file, float sampleRate) throws IOException {
        if (!(sampleRate >= 1000 && sampleRate <= 384_000)) {
            throw new IllegalArgumentException("recording sample rate must be between 1000 and 384000 Hz, was " + sampleRate);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        WavFileWriter w = new WavFileWriter(ch, Math.round(sampleRate));
        try {
            w.writeHeader(0);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        w.thread.start();
        return w;
    }

    /**
     * Appends samples (copied; clipped to -1..1).
     *
     * @param samples the samples
     * @param length how many
     * @param firstFrame ignored (the file is contiguous); present to fit {@link TapInput.AudioSink}
     */
    public void write(float[] samples, int length, long firstFrame) {
        if (failure != null) {
            return; // the file ends at the failure; what it holds stays valid
        }
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            float v = Math.max(-1f, Math.min(1f, samples[i]));
            pcm[i] = (short) Math.round(v * 32767f);
        }
        if (!queue.offer(pcm)) {
            droppedBuffers++;
        }
    }

    /**
     * Frames written so far.
     *
     * @return the count
     */
    public long frames() {
        return frames;
    }

    /**
     * Buffers dropped because the disk could not keep up.
     *
     * @return the count
     */
    public long droppedBuffers() {
        return droppedBuffers;
    }

    /**
     * What failed, if writing failed.
     *
     * @return the error, or null
     */
    public IOException failure() {
        return failure;
    }

    /** Writes what is queued, the final header, and closes the file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                queue.offer(STOP, 10, TimeUnit.SECONDS);
            }
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long lastHeader = System.nanoTime();
        try {
            while (true) {
                short[] b = queue.poll(100, TimeUnit.MILLISECONDS);
                if (b == STOP) {
                    break;
                }
                if (b != null && failure == null) {
                    ByteBuffer buf = ByteBuffer.allocate(b.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                    for (short v : b) {
                        buf.putShort(v);
                    }
                    buf.flip();
                    while (buf.hasRemaining()) {
                        channel.write(buf, 44 + frames * 2 + buf.position());
                    }
                    frames += b.length;
                }
                if (System.nanoTime() - lastHeader >= HEADER_INTERVAL_NANOS / 2) {
                    writeHeader(frames);
                    channel.force(false);
                    lastHeader = System.nanoTime();
                }
            }
            writeHeader(frames);
            channel.force(false);
        } catch (IOException e) {
            // expected (a full disk): kept for the session to report once; no stack trace for the user
            failure = e;
            queue.clear();
            try {
                writeHeader(frames); // in place: the header names every whole buffer written
            } catch (IOException again) {
                LOG.debug("the recording's header could not be updated after the failure", again);
            }
            LOG.info("writing the recording failed, it ends here: {}", e.getMessage());
            LOG.debug("writing the recording failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.info("closing the recording failed: {}", e.getMessage());
            }
        }
    }

    private void writeHeader(long n) throws IOException {
        long data = n * 2;
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) Math.min(0xFFFFFFFFL, 36 + data));
        h.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) Math.min(0xFFFFFFFFL, data));
        h.flip();
        while (h.hasRemaining()) {
            channel.write(h, h.position());
        }
    }
}
