package org.entrain.pattern;

/**
 * A time signature: {@code beats} beats per bar, each a 1/{@code unit} note. Immutable.
 *
 * <p>The tempo (bpm) counts these beats: in 6/8 at 120 bpm, 120 eighth notes sound per minute.
 *
 * @param beats beats per bar, 1..64
 * @param unit the note value of one beat: 1, 2, 4, 8, 16, 32 or 64
 */
public record Meter(int beats, int unit) {

    /** 4/4. */
    public static final Meter COMMON = new Meter(4, 4);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public Meter {
        if (beats < 1 || beats > 64) {
            throw new IllegalArgumentException("meter numerator must be between 1 and 64, was " + beats);
        }
        if (unit < 1 || unit > 64 || Integer.bitCount(unit) != 1) {
            throw new IllegalArgumentException("meter denominator must be a power of two from 1 to 64, was " + unit);
        }
    }

    /**
     * A meter.
     *
     * @param beats beats per bar, 1..64
     * @param unit the note value of one beat, a power of two 1..64
     * @return the meter
     */
    public static Meter of(int beats, int unit) {
        return new Meter(beats, unit);
    }

    /**
     * Parses {@code N/D}, e.g. {@code 3/4} or {@code 6/8}.
     *
     * @param text the text
     * @return the meter
     * @throws IllegalArgumentException naming the text and the allowed form
     */
    public static Meter parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash > 0) {
            try {
                return new Meter(Integer.parseInt(t.substring(0, slash).trim()), Integer.parseInt(t.substring(slash + 1).trim()));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("meter '" + text + "' is not N/D with N 1..64 and D a power of two (e.g. 4/4, 3/4, 6/8)");
    }

    /**
     * How many quarter notes one beat lasts: 1 in x/4, 0.5 in x/8 (for MIDI clock and files).
     *
     * @return quarter notes per beat
     */
    public double quartersPerBeat() {
        return 4.0 / unit;
    }

    @Override
    public String toString() {
        return beats + "/" + unit;
    }
}
