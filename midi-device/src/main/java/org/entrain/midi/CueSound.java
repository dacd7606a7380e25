package org.entrain.midi;

/**
 * The MIDI note one voice plays. Immutable.
 *
 * <p>On the percussion channel (10) the note picks the instrument (GM percussion key map:
 * 37 side stick, 42 closed hi-hat, 56 cowbell, 75 claves, 76 high wood block, 77 low wood block,
 * GM2 33 metronome click, 34 metronome bell). On other channels {@code program} selects a melodic
 * sound (sent as a program change before the first cue) and the note is its pitch.
 *
 * @param channel the MIDI channel, 1..16 (10 is percussion)
 * @param note the note number, 0..127
 * @param program the program (0..127) for a melodic channel, or -1 for none (always -1 on channel 10)
 * @param velocityScale the factor applied to the cue's velocity, greater than 0 and at most 4 (the result is clamped to 1..127)
 */
public record CueSound(int channel, int note, int program, double velocityScale) {

    /** The GM percussion channel, as counted by musicians (1..16). */
    public static final int PERCUSSION_CHANNEL = 10;

    /**
     * Validates.
     *
     * @param channel see the record component
     * @param note see the record component
     * @param program see the record component
     * @param velocityScale see the record component
     * @throws IllegalArgumentException naming the value and its allowed range
     */
    public CueSound {
        if (channel < 1 || channel > 16) {
            throw new IllegalArgumentException("MIDI channel must be between 1 and 16, was " + channel);
        }
        if (note < 0 || note > 127) {
            throw new IllegalArgumentException("MIDI note must be between 0 and 127, was " + note);
        }
        if (program < -1 || program > 127) {
            throw new IllegalArgumentException("MIDI program must be between 0 and 127 (or -1 for none), was " + program);
        }
        if (channel == PERCUSSION_CHANNEL && program != -1) {
            throw new IllegalArgumentException("channel 10 is the percussion channel: it takes no program, was " + program);
        }
        if (!(velocityScale > 0 && velocityScale <= 4)) {
            throw new IllegalArgumentException("velocity scale must be above 0 and at most 4, was " + velocityScale);
        }
    }

    /**
     * A percussion sound on channel 10.
     *
     * @param note the GM percussion key, 0..127
     * @return the sound
     */
    public static CueSound percussion(int note) {
        return new CueSound(PERCUSSION_CHANNEL, note, -1, 1.0);
    }

    /**
     * A melodic sound: a program on a channel other than 10, playing one pitch.
     *
     * @param channel 1..16 except 10
     * @param program 0..127
     * @param note the pitch, 0..127
     * @return the sound
     */
    public static CueSound melodic(int channel, int program, int note) {
        if (channel == PERCUSSION_CHANNEL) {
            throw new IllegalArgumentException("a melodic sound needs a channel other than 10, was " + channel);
        }
        return new CueSound(channel, note, program, 1.0);
    }

    /**
     * Whether this sound plays on the percussion channel.
     *
     * @return true on channel 10
     */
    public boolean isPercussion() {
        return channel == PERCUSSION_CHANNEL;
    }

    /**
     * The same sound with a velocity scale.
     *
     * @param scale greater than 0, at most 4
     * @return the new sound
     */
    public CueSound withVelocityScale(double scale) {
        return new CueSound(channel, note, program, scale);
    }

    /**
     * The velocity sent for a cue velocity. Allocation free.
     *
     * @param cueVelocity 1..127
     * @return 1..127
     */
    public int velocityFor(int cueVelocity) {
        long v = Math.round(cueVelocity * velocityScale);
        return (int) Math.max(1, Math.min(127, v));
    }
}
