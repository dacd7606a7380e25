package org.entrain.tempo;

/**
 * One step of a tempo plan, applied after what came before: hold the tempo, jump to a tempo,
 * ramp to a tempo, or step it by a percentage at regular intervals. Immutable.
 *
 * <p>The same values describe a planned tempo map ({@link TempoMap.Builder}) and a live change
 * of a running engine ({@link TempoMap#changedAt(double, TempoChange, int)}).
 */
public sealed interface TempoChange {

    /**
     * Keep the current tempo for a while.
     *
     * @param length how long; greater than 0
     */
    record Hold(Length length) implements TempoChange {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException if the length is null
         */
        public Hold {
            if (length == null) {
                throw new IllegalArgumentException("hold length must not be null");
            }
        }
    }

    /**
     * Change to a new tempo at once.
     *
     * @param bpm the new tempo, 1..1000
     */
    record Jump(double bpm) implements TempoChange {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException if the tempo is outside 1..1000
         */
        public Jump {
            Bpm.check("target bpm", bpm);
        }
    }

    /**
     * Move smoothly from the current tempo to {@code bpm}.
     *
     * @param shape how the tempo moves
     * @param bpm the tempo at the end, 1..1000
     * @param length how long the ramp lasts
     */
    record Ramp(RampShape shape, double bpm, Length length) implements TempoChange {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException if a value is missing or out of range
         */
        public Ramp {
            if (shape == null) {
                throw new IllegalArgumentException("ramp shape must not be null");
            }
            Bpm.check("ramp target bpm", bpm);
            if (length == null) {
                throw new IllegalArgumentException("ramp length must not be null");
            }
        }
    }

    /**
     * Multiply the tempo by {@code 1 + percent/100} every {@code every}, until {@code untilBpm}
     * is reached (the last step lands exactly on it), or, when {@code untilBpm} is NaN, until
     * the tempo bound (1 or 1000 bpm) is reached.
     *
     * @param percent the step in percent: -50..100, not 0
     * @param every how long each tempo lasts
     * @param untilBpm the final tempo, 1..1000, or NaN for none; must lie in the direction of the steps
     */
    record Steps(double percent, Length every, double untilBpm) implements TempoChange {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException if a value is missing or out of range
         */
        public Steps {
            if (!(percent >= -50 && percent <= 100) || percent == 0) {
                throw new IllegalArgumentException("step must be between -50% and 100% and not 0, was " + percent + "%");
            }
            if (every == null) {
                throw new IllegalArgumentException("step interval must not be null");
            }
            if (!Double.isNaN(untilBpm)) {
                Bpm.check("step target bpm (--until)", untilBpm);
            }
        }
    }

    /**
     * Keep the current tempo for a while.
     *
     * @param length how long
     * @return the change
     */
    static TempoChange hold(Length length) {
        return new Hold(length);
    }

    /**
     * Jump to a tempo.
     *
     * @param bpm the new tempo, 1..1000
     * @return the change
     */
    static TempoChange jumpTo(double bpm) {
        return new Jump(bpm);
    }

    /**
     * Ramp to a tempo.
     *
     * @param shape how the tempo moves
     * @param bpm the final tempo, 1..1000
     * @param length how long the ramp lasts
     * @return the change
     */
    static TempoChange rampTo(RampShape shape, double bpm, Length length) {
        return new Ramp(shape, bpm, length);
    }

    /**
     * Step the tempo.
     *
     * @param percent the step in percent, -50..100, not 0
     * @param every how long each tempo lasts
     * @param untilBpm the final tempo, or NaN for the tempo bound
     * @return the change
     */
    static TempoChange steps(double percent, Length every, double untilBpm) {
        return new Steps(percent, every, untilBpm);
    }
}
