package org.entrain.session;

/** What a protocol phase does (the RAS protocol shape in {@code docs/domain.md}). */
public enum PhaseKind {
    /** Listen-only bars before the measured part: the cue plays, the client waits; left out of the statistics. */
    COUNT_IN("count-in", true),
    /** No cue; the client's own cadence is measured. */
    BASELINE("baseline", false),
    /** Cue at the cadence measured in the baseline, or at a given tempo. */
    MATCH("match", true),
    /** Tempo raised by a percentage every N bars, beats or seconds up to a target, optionally gated on entrainment. */
    STEP_UP("step-up", true),
    /** A continuous tempo ramp to a target (linear in time, linear in beats or exponential). */
    RAMP("ramp", true),
    /** The cue fades: dropped cues, gap bars or lower volume. */
    FADE("fade", true),
    /** No cue; the drift of the client's tempo is measured. */
    CONTINUATION("continuation", false);

    private final String id;
    private final boolean cued;

    PhaseKind(String id, boolean cued) {
        this.id = id;
        this.cued = cued;
    }

    /**
     * The name used in protocol files, logs and reports.
     *
     * @return e.g. {@code step-up}
     */
    public String id() {
        return id;
    }

    /**
     * Whether the cue sounds in this phase.
     *
     * @return false for baseline and continuation
     */
    public boolean cued() {
        return cued;
    }

    /**
     * Whether the phase's taps enter the synchronization statistics.
     *
     * @return false for the count-in
     */
    public boolean measured() {
        return this != COUNT_IN;
    }

    /**
     * The kind with a protocol-file name.
     *
     * @param id e.g. {@code step-up}
     * @return the kind
     * @throws IllegalArgumentException if unknown (the message lists the allowed names)
     */
    public static PhaseKind ofId(String id) {
        for (PhaseKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown phase kind '" + id + "'; allowed: count-in, baseline, match, "
                + "step-up, ramp, fade, continuation");
    }
}
