package org.entrain.audio;

/**
 * Which audio input to open and how. Immutable.
 *
 * @param mixer the input device's name (or part of it), or null for the default input
 * @param channels how many channels to open the device with (1..32)
 * @param channel the channel to analyse, from 0 (below {@code channels})
 * @param sampleRate 44100 or 48000 Hz (any rate 8000..192000 is accepted)
 * @param bufferFrames frames per read (32..8192); the line's buffer holds four reads. One read is
 *        part of the live latency: 256 frames = 5.8 ms at 44.1 kHz
 */
public record InputSpec(String mixer, int channels, int channel, float sampleRate, int bufferFrames) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public InputSpec {
        if (channels < 1 || channels > 32) {
            throw new IllegalArgumentException("channels must be between 1 and 32, was " + channels);
        }
        if (channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("channel must be between 0 and " + (channels - 1) + ", was " + channel);
        }
        if (!(sampleRate >= 8000 && sampleRate <= 192_000)) {
            throw new IllegalArgumentException("sample rate must be between 8000 and 192000 Hz, was " + sampleRate);
        }
        if (bufferFrames < 32 || bufferFrames > 8192) {
            throw new IllegalArgumentException("bufferFrames must be between 32 and 8192, was " + bufferFrames);
        }
    }

    /**
     * The default input, mono, 44.1 kHz, 256-frame reads.
     *
     * @return the spec
     */
    public static InputSpec defaultInput() {
        return new InputSpec(null, 1, 0, 44_100f, 256);
    }

    /**
     * A named input, mono, 44.1 kHz, 256-frame reads.
     *
     * @param mixer the device name, or null for the default
     * @return the spec
     */
    public static InputSpec named(String mixer) {
        return new InputSpec(mixer, 1, 0, 44_100f, 256);
    }

    /**
     * The same with another rate.
     *
     * @param rate Hz
     * @return the spec
     */
    public InputSpec withSampleRate(float rate) {
        return new InputSpec(mixer, channels, channel, rate, bufferFrames);
    }

    /**
     * The same reading one channel of a multi-channel device.
     *
     * @param channelCount channels to open
     * @param index channel to analyse, from 0
     * @return the spec
     */
    public InputSpec withChannel(int channelCount, int index) {
        return new InputSpec(mixer, channelCount, index, sampleRate, bufferFrames);
    }
}
