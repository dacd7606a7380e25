package org.entrain.audio;

import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.TarsosDSPAudioInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Presents one channel (or the mean of all) of any PCM stream, or a float array, to TarsosDSP as
 * 32-bit signed little-endian mono, because TarsosDSP 2.4's dispatcher reads interleaved frames as
 * if they were mono. Not thread safe.
 */
final class MonoStream implements TarsosDSPAudioInputStream {

    private final InputStream in;
    private final float[] floats;
    private final AudioFormat source;
    private final int channel;
    private final int channels;
    private final int bytesPerSample;
    private final int frameSize;
    private final TarsosDSPAudioFormat format;
    private final long frameLength;
    private byte[] frameBuf = new byte[0];
    private int floatPos;
    private long framesRead;

    /**
     * A stream over a Java Sound stream.
     *
     * @param stream any PCM stream (other encodings are converted to 16-bit PCM first)
     * @param channel the channel, from 0, or -1 for the mean of all channels
     */
    MonoStream(AudioInputStream stream, int channel) {
        AudioInputStream s = stream;
        AudioFormat f = s.getFormat();
        AudioFormat.Encoding e = f.getEncoding();
        if (!(e.equals(AudioFormat.Encoding.PCM_SIGNED) || e.equals(AudioFormat.Encoding.PCM_UNSIGNED)
                || e.equals(AudioFormat.Encoding.PCM_FLOAT))) {
            AudioFormat target = new AudioFormat(f.getSampleRate(), 16, f.getChannels(), true, false);
            s = AudioSystem.getAudioInputStream(target, s);
            f = target;
        }
        checkFormat(f);
        if (channel < -1 || channel >= f.getChannels()) {
            throw new IllegalArgumentException("channel must be between 0 and " + (f.getChannels() - 1)
                    + " (or -1 for the mix) for this input, was " + channel);
        }
        this.in = s;
        this.floats = null;
        this.source = f;
        this.channel = channel;
        this.channels = f.getChannels();
        this.bytesPerSample = (f.getSampleSizeInBits() + 7) / 8;
        this.frameSize = f.getFrameSize();
        this.format = monoFormat(f.getSampleRate());
        this.frameLength = s.getFrameLength();
    }

    /**
     * A stream over samples in memory.
     *
     * @param samples mono samples, full scale = 1
     * @param sampleRate in Hz
     */
    MonoStream(float[] samples, float sampleRate) {
        this.in = null;
        this.floats = samples;
        this.source = null;
        this.channel = 0;
        this.channels = 1;
        this.bytesPerSample = 4;
        this.frameSize = 4;
        this.format = monoFormat(sampleRate);
        this.frameLength = samples.length;
    }

    /**
     * Refuses formats no recording has, which a damaged header declares: they would overflow the
     * frame buffer size and make reads return nothing forever.
     */
    private static void checkFormat(AudioFormat f) {
        int bits = f.getSampleSizeInBits();
        if (f.getChannels() < 1 || f.getChannels() > 256) {
            throw new IllegalArgumentException("audio with " + f.getChannels() + " channels is not supported (1..256)");
        }
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new IllegalArgumentException("audio with " + bits + "-bit samples is not supported (8, 16, 24 or 32)");
        }
        if (f.getFrameSize() != f.getChannels() * ((bits + 7) / 8)) {
            throw new IllegalArgumentException("audio frames of " + f.getFrameSize() + " bytes do not match " + f.getChannels()
                    + " channels of " + bits + " bits (a damaged header)");
        }
        if (!(f.getSampleRate() >= 1 && f.getSampleRate() <= 1_000_000)) {
            throw new IllegalArgumentException("audio sample rate " + f.getSampleRate() + " Hz is not supported (1..1000000)");
        }
    }

    private static TarsosDSPAudioFormat monoFormat(float rate) {
        return new TarsosDSPAudioFormat(TarsosDSPAudioFormat.Encoding.PCM_SIGNED, rate, 32, 1, 4, rate, false);
    }

    long framesRead() {
        return framesRead;
    }

    @Override
    public long skip(long bytesToSkip) throws IOException {
        byte[] tmp = new byte[4096];
        long done = 0;
        while (done < bytesToSkip) {
            int r = read(tmp, 0, (int) Math.min(tmp.length, bytesToSkip - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int frames = len / 4;
        if (frames == 0) {
            return 0;
        }
        if (floats != null) {
            int avail = Math.min(frames, floats.length - floatPos);
            if (avail <= 0) {
                return -1;
            }
            for (int i = 0; i < avail; i++) {
                put(b, off + 4 * i, floats[floatPos++]);
            }
            framesRead += avail;
            return avail * 4;
        }
        int need = frames * frameSize;
        if (frameBuf.length < need) {
            frameBuf = new byte[need];
        }
        int got = 0;
        while (got < frameSize) {
            int r = in.read(frameBuf, got, need - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        if (got < frameSize) {
            return -1;
        }
        // read() of a line or file returns whole frames almost always; keep only whole frames.
        while (got % frameSize != 0) {
            int r = in.read(frameBuf, got, frameSize - got % frameSize);
            if (r < 0) {
                got -= got % frameSize;
                break;
            }
            got += r;
        }
        int whole = got / frameSize;
        for (int fr = 0; fr < whole; fr++) {
            int base = fr * frameSize;
            float v;
            if (channel >= 0) {
                v = decode(frameBuf, base + channel * bytesPerSample);
            } else {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += decode(frameBuf, base + c * bytesPerSample);
                }
                v = sum / channels;
            }
            put(b, off + 4 * fr, v);
        }
        framesRead += whole;
        return whole * 4;
    }

    private float decode(byte[] buf, int p) {
        boolean big = source.isBigEndian();
        int bits = source.getSampleSizeInBits();
        AudioFormat.Encoding e = source.getEncoding();
        if (e.equals(AudioFormat.Encoding.PCM_FLOAT)) {
            if (bits == 32) {
                return Float.intBitsToFloat((int) raw(buf, p, 4, big));
            }
            return (float) Double.longBitsToDouble(raw(buf, p, 8, big));
        }
        long r = raw(buf, p, bytesPerSample, big);
        int shift = 64 - 8 * bytesPerSample;
        double full = Math.pow(2, 8 * bytesPerSample - 1);
        if (e.equals(AudioFormat.Encoding.PCM_UNSIGNED)) {
            return (float) ((r - full) / full);
        }
        long signed = (r << shift) >> shift;
        return (float) (signed / full);
    }

    private static long raw(byte[] buf, int p, int n, boolean big) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int b = buf[p + (big ? i : n - 1 - i)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    private static void put(byte[] b, int p, float v) {
        double c = Math.max(-1.0, Math.min(1.0, v));
        int s = (int) Math.round(c * Integer.MAX_VALUE);
        b[p] = (byte) s;
        b[p + 1] = (byte) (s >> 8);
        b[p + 2] = (byte) (s >> 16);
        b[p + 3] = (byte) (s >> 24);
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }

    @Override
    public TarsosDSPAudioFormat getFormat() {
        return format;
    }

    @Override
    public long getFrameLength() {
        return frameLength;
    }
}
