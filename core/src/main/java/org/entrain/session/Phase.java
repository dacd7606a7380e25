package org.entrain.session;

import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;

/**
 * One phase of a session protocol. Immutable; build with the factories ({@link #countIn},
 * {@link #baseline}, {@link #match}, {@link #stepUp}, {@link #ramp}, {@link #fade},
 * {@link #continuation}) or the canonical constructor, which validates every combination.
 *
 * <p>A phase starts on a bar line and lasts {@code length} (bars, beats or seconds, rounded up to
 * whole bars when the phase starts); a {@code null} length means "until the target tempo is
 * reached" (step-up) or "until the next-phase control or a stop" (any other kind).
 *
 * @param name a name for the display and the report (defaults to the kind's id)
 * @param kind what the phase does
 * @param length how long it lasts, or null (see above)
 * @param bpm the tempo at its start, 1..1000 bpm, or NaN to go on from the tempo before it (match: the baseline cadence when there was a baseline)
 * @param stepPercent step-up: the tempo is multiplied by (1 + stepPercent/100) at each step, -50..100, else 0
 * @param stepEvery step-up: how often a step is taken (bars, beats or seconds), else null
 * @param targetBpm step-up: the last tempo (the phase ends when reached); ramp: the tempo at its end; else NaN
 * @param shape ramp: the ramp's shape, else null
 * @param gate step-up: take a step only when the client is entrained, or null for unconditional steps
 * @param fade fade: how the cue fades ({@link Fade#NONE} elsewhere)
 * @param perturbation occasional displaced cues (cued phases only), or null
 */
public record Phase(String name, PhaseKind kind, Length length, double bpm, double stepPercent, Length stepEvery,
                    double targetBpm, RampShape shape, Gate gate, Fade fade, Perturbation perturbation) {

    /**
     * Validates and fills the name.
     *
     * @throws IllegalArgumentException if a value or combination is not allowed (the message names it)
     */
    public Phase {
        if (kind == null) {
            throw new IllegalArgumentException("phase kind must not be null");
        }
        if (name == null || name.isBlank()) {
            name = kind.id();
        }
        if (fade == null) {
            fade = Fade.NONE;
        }
        if (!Double.isNaN(bpm) && !(bpm >= 1 && bpm <= 1000)) {
            throw new IllegalArgumentException("phase '" + name + "': bpm must be between 1 and 1000, was " + bpm);
        }
        if (!Double.isNaN(targetBpm) && !(targetBpm >= 1 && targetBpm <= 1000)) {
            throw new IllegalArgumentException("phase '" + name + "': target bpm must be between 1 and 1000, was " + targetBpm);
        }
        switch (kind) {
            case STEP_UP -> {
                if (!(stepPercent >= -50 && stepPercent <= 100) || stepPercent == 0) {
                    throw new IllegalArgumentException("phase '" + name + "': step must be a percentage between -50 and "
                            + "100, not 0, was " + stepPercent);
                }
                if (stepEvery == null) {
                    throw new IllegalArgumentException("phase '" + name + "': step-up needs 'every' (bars, beats or seconds)");
                }
                if (length == null && Double.isNaN(targetBpm)) {
                    throw new IllegalArgumentException("phase '" + name + "': step-up needs a length or a target bpm ('to')");
                }
            }
            case RAMP -> {
                if (Double.isNaN(targetBpm) || length == null) {
                    throw new IllegalArgumentException("phase '" + name + "': ramp needs a target bpm ('to') and a length");
                }
                if (shape == null) {
                    shape = RampShape.LINEAR;
                }
            }
            default -> {
                if (stepEvery != null || stepPercent != 0 || gate != null) {
                    throw new IllegalArgumentException("phase '" + name + "': step and gate are allowed only in step-up");
                }
            }
        }
        if (kind != PhaseKind.FADE && fade.any()) {
            throw new IllegalArgumentException("phase '" + name + "': fading is allowed only in a fade phase");
        }
        if (perturbation != null && (!kind.cued() || kind == PhaseKind.COUNT_IN)) {
            throw new IllegalArgumentException("phase '" + name + "': perturbations are allowed only in cued, measured phases");
        }
        if (kind == PhaseKind.COUNT_IN && length == null) {
            throw new IllegalArgumentException("phase '" + name + "': a count-in needs a length");
        }
    }

    /**
     * A phase without perturbations (the constructor before perturbations existed).
     *
     * @param name see the record
     * @param kind see the record
     * @param length see the record
     * @param bpm see the record
     * @param stepPercent see the record
     * @param stepEvery see the record
     * @param targetBpm see the record
     * @param shape see the record
     * @param gate see the record
     * @param fade see the record
     */
    public Phase(String name, PhaseKind kind, Length length, double bpm, double stepPercent, Length stepEvery,
                 double targetBpm, RampShape shape, Gate gate, Fade fade) {
        this(name, kind, length, bpm, stepPercent, stepEvery, targetBpm, shape, gate, fade, null);
    }

    /**
     * The same phase with perturbations.
     *
     * @param p the perturbations, or null for none
     * @return the phase
     */
    public Phase withPerturbation(Perturbation p) {
        return new Phase(name, kind, length, bpm, stepPercent, stepEvery, targetBpm, shape, gate, fade, p);
    }

    /**
     * Listen-only bars before the measured part.
     *
     * @param bars 1 or more
     * @return the phase
     */
    public static Phase countIn(int bars) {
        if (bars < 1) {
            throw new IllegalArgumentException("count-in must be 1 or more bars, was " + bars);
        }
        return new Phase(null, PhaseKind.COUNT_IN, Length.bars(bars), Double.NaN, 0, null, Double.NaN, null, null, null);
    }

    /**
     * No cue: the client's own cadence is measured.
     *
     * @param length how long, or null until next phase
     * @return the phase
     */
    public static Phase baseline(Length length) {
        return new Phase(null, PhaseKind.BASELINE, length, Double.NaN, 0, null, Double.NaN, null, null, null);
    }

    /**
     * Cue at a given tempo, or (NaN) at the baseline cadence.
     *
     * @param length how long, or null until next phase
     * @param bpm the tempo, or NaN
     * @return the phase
     */
    public static Phase match(Length length, double bpm) {
        return new Phase(null, PhaseKind.MATCH, length, bpm, 0, null, Double.NaN, null, null, null);
    }

    /**
     * A step-up.
     *
     * @param percent the step, percent
     * @param every how often
     * @param targetBpm the last tempo, or NaN
     * @param length the longest it lasts, or null (then a target is needed)
     * @param gate the entrainment gate, or null
     * @return the phase
     */
    public static Phase stepUp(double percent, Length every, double targetBpm, Length length, Gate gate) {
        return new Phase(null, PhaseKind.STEP_UP, length, Double.NaN, percent, every, targetBpm, null, gate, null);
    }

    /**
     * A continuous ramp.
     *
     * @param targetBpm the tempo at its end
     * @param length over how long
     * @param shape its shape
     * @return the phase
     */
    public static Phase ramp(double targetBpm, Length length, RampShape shape) {
        return new Phase(null, PhaseKind.RAMP, length, Double.NaN, 0, null, targetBpm, shape, null, null);
    }

    /**
     * A fade.
     *
     * @param length how long, or null until next phase
     * @param fade how
     * @return the phase
     */
    public static Phase fade(Length length, Fade fade) {
        return new Phase(null, PhaseKind.FADE, length, Double.NaN, 0, null, Double.NaN, null, null, fade);
    }

    /**
     * No cue: the client's drift is measured.
     *
     * @param length how long, or null until stopped
     * @return the phase
     */
    public static Phase continuation(Length length) {
        return new Phase(null, PhaseKind.CONTINUATION, length, Double.NaN, 0, null, Double.NaN, null, null, null);
    }

    /**
     * The same phase with another name.
     *
     * @param newName the name
     * @return the phase
     */
    public Phase named(String newName) {
        return new Phase(newName, kind, length, bpm, stepPercent, stepEvery, targetBpm, shape, gate, fade, perturbation);
    }
}
