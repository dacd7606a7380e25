package org.entrain.tempo;

/** How the tempo moves between two values during a ramp. */
public enum RampShape {
    /** Tempo linear in time: bpm(t) = a + (b - a) t / T. */
    LINEAR,
    /** Tempo linear in beat count: bpm(beat) = a + (b - a) beat / B. */
    LINEAR_BEATS,
    /** Tempo exponential in time: bpm(t) = a (b / a)^(t / T); equal ratios in equal times. */
    EXPONENTIAL;

    /**
     * Parses the command-line names {@code linear}, {@code linear-beats}, {@code exp}.
     *
     * @param name the name
     * @return the shape
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static RampShape parse(String name) {
        if (name != null) {
            switch (name.trim()) {
                case "linear":
                    return LINEAR;
                case "linear-beats":
                    return LINEAR_BEATS;
                case "exp":
                case "exponential":
                    return EXPONENTIAL;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("shape '" + name + "' is not one of linear, linear-beats, exp");
    }
}
