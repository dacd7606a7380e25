package org.entrain.pattern;

/** What role a cue plays; outputs map each voice to its own sound. */
public enum Voice {
    /** An accented beat (by default the first of the bar). */
    ACCENT("accent"),
    /** A plain beat. */
    BEAT("beat"),
    /** A subdivision between beats. */
    SUB("sub"),
    /** A pulse of a polyrhythm layer (e.g. the 3 of 3 against 4). */
    LAYER("layer");

    private final String id;

    Voice(String id) {
        this.id = id;
    }

    /**
     * The name used in files: {@code accent}, {@code beat}, {@code sub}, {@code layer}.
     *
     * @return the name
     */
    public String id() {
        return id;
    }

    /**
     * The voice with a file name.
     *
     * @param id {@code accent}, {@code beat}, {@code sub} or {@code layer}
     * @return the voice
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static Voice ofId(String id) {
        for (Voice v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("voice '" + id + "' is not one of accent, beat, sub, layer");
    }
}
