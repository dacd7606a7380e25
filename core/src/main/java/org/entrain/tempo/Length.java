package org.entrain.tempo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stretch of music measured in seconds, beats or bars: how long a ramp, a hold or a step
 * lasts. Immutable.
 *
 * @param amount how many units; finite and greater than 0
 * @param unit the unit of {@code amount}
 */
public record Length(double amount, Unit unit) {

    /** The unit of a {@link Length}. */
    public enum Unit {
        /** Seconds of real time. */
        SECONDS,
        /** Beats of the tempo map. */
        BEATS,
        /** Bars of the meter (beats per bar beats each). */
        BARS
    }

    private static final Pattern SYNTAX =
            Pattern.compile("([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(s|m|h|ms|beats?|bars?)");

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code amount} is not finite and positive
     */
    public Length {
        if (unit == null) {
            throw new IllegalArgumentException("length unit must not be null");
        }
        if (!(amount > 0) || !Double.isFinite(amount)) {
            throw new IllegalArgumentException(
                    "length must be a finite number greater than 0, was " + amount + " " + unit.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * A length in seconds.
     *
     * @param seconds the duration, greater than 0
     * @return the length
     */
    public static Length seconds(double seconds) {
        return new Length(seconds, Unit.SECONDS);
    }

    /**
     * A length in beats.
     *
     * @param beats how many beats, greater than 0
     * @return the length
     */
    public static Length beats(double beats) {
        return new Length(beats, Unit.BEATS);
    }

    /**
     * A length in bars.
     *
     * @param bars how many bars, greater than 0
     * @return the length
     */
    public static Length bars(double bars) {
        return new Length(bars, Unit.BARS);
    }

    /**
     * This length in beats, for a meter of {@code beatsPerBar} beats: the one place bars become
     * beats. A length in seconds has no fixed number of beats: see {@link TempoMap#beatOf(Length, int)}.
     *
     * @param beatsPerBar beats per bar, 1 or more
     * @return beats
     * @throws IllegalArgumentException if this length is in seconds
     */
    public double inBeats(int beatsPerBar) {
        if (unit == Unit.SECONDS) {
            throw new IllegalArgumentException("a length of " + amount + " s has no fixed number of beats: use TempoMap.beatOf");
        }
        return unit == Unit.BARS ? amount * beatsPerBar : amount;
    }

    /**
     * Parses {@code 90s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 32beats}, {@code 8bars}
     * (also {@code 1beat}, {@code 1bar}).
     *
     * @param text the text to parse
     * @return the length
     * @throws IllegalArgumentException naming the text and the allowed forms if it does not parse
     */
    public static Length parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("length '" + text
                    + "' is not one of NUMBER followed by s, ms, m, h, beats or bars (e.g. 90s, 2m, 32beats, 8bars)");
        }
        double value = Double.parseDouble(m.group(1));
        String u = m.group(2);
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("length '" + text + "' must be greater than 0");
        }
        switch (u) {
            case "ms":
                return seconds(value / 1000.0);
            case "s":
                return seconds(value);
            case "m":
                return seconds(value * 60.0);
            case "h":
                return seconds(value * 3600.0);
            case "beat":
            case "beats":
                return beats(value);
            default:
                return bars(value);
        }
    }

    @Override
    public String toString() {
        switch (unit) {
            case SECONDS:
                return fmt(amount) + "s";
            case BEATS:
                return fmt(amount) + "beats";
            default:
                return fmt(amount) + "bars";
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
