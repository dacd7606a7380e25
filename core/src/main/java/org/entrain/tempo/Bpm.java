package org.entrain.tempo;

/** Tempo bounds and validation. Stateless. */
public final class Bpm {

    /** The lowest tempo the engine accepts, beats per minute. */
    public static final double MIN = 1.0;
    /** The highest tempo the engine accepts, beats per minute. */
    public static final double MAX = 1000.0;

    private Bpm() {
    }

    /**
     * Checks a tempo.
     *
     * @param name what the value is, for the message (e.g. "bpm")
     * @param bpm the tempo, beats per minute
     * @return {@code bpm}
     * @throws IllegalArgumentException naming the value and the range 1..1000 if it is outside
     */
    public static double check(String name, double bpm) {
        if (!(bpm >= MIN && bpm <= MAX)) {
            throw new IllegalArgumentException(name + " must be between 1 and 1000 bpm, was " + bpm);
        }
        return bpm;
    }
}
