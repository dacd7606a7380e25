package org.entrain.session;

/**
 * What an input that hears the cues (a microphone with the cues' own sound cancelled, speakers,
 * no calibration) has found of them: whether they are heard, how long after they sound, and how
 * deeply their sound is cancelled. A value; immutable.
 *
 * @param state searching, found or not heard
 * @param latencyNanos how long after it sounds at the output a cue reaches the input, found from
 *        the cues heard, nanos (NaN unless found)
 * @param depthDb the cancellation depth of the loudest voice on cue-only cues, dB (NaN before the
 *        first)
 */
public record CueHearing(State state, double latencyNanos, double depthDb) {

    /** Below this depth the cues' residue can be taken for taps, and the user is told, dB (the cancellation default). */
    public static final double USEFUL_DEPTH_DB = org.entrain.cancel.CancellationSettings.defaults().minUsefulDepthDb();

    /** Where the search for the cues in the input stands. */
    public enum State {
        /** The first cues are being looked for: onsets until then are flagged as cue residue. */
        SEARCHING,
        /** Found: the cues are cancelled and the taps measured against the cues as heard. */
        FOUND,
        /** Not found in the first cues (headphones, speakers too quiet): onsets are not flagged. */
        NOT_HEARD
    }

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the state is null, or found without a latency
     */
    public CueHearing {
        if (state == null) {
            throw new IllegalArgumentException("cue hearing needs a state");
        }
        if (state == State.FOUND && Double.isNaN(latencyNanos)) {
            throw new IllegalArgumentException("cues found need their latency");
        }
    }

    /**
     * One line for the user, e.g. {@code cues heard in the microphone 1204.3 ms after they
     * sounded (found from the cues); cancellation depth 54 dB}.
     *
     * @return the line
     */
    public String describe() {
        return switch (state) {
            case SEARCHING -> "the cues were not yet found in the microphone";
            case NOT_HEARD -> "the microphone did not hear the cues (headphones, or the speakers too quiet): taps are"
                    + " timed by the microphone's clock, without the output's latency";
            case FOUND -> String.format(java.util.Locale.ROOT,
                    "cues heard in the microphone %.1f ms after they sounded (found from the cues)%s", latencyNanos / 1e6,
                    Double.isNaN(depthDb) ? "" : String.format(java.util.Locale.ROOT, "; cancellation depth %.0f dB", depthDb));
        };
    }
}
