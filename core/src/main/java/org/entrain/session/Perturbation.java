package org.entrain.session;

/**
 * Phase perturbations for the phase-correction estimate: every {@code minBeats} to
 * {@code maxBeats} beats (uniformly, seeded) one beat cue sounds {@code shiftMs} early or late
 * (random sign), the others stay on the grid (an event-onset shift, Repp 2005). Occasional
 * perturbations of about 50 ms every 8 to 12 beats make bGLS unbiased ({@code docs/domain.md}).
 * Shifts are placed by timestamped outputs (the software synth, the demo's loudspeaker); a
 * real-time MIDI port sends every cue at its grid time. Immutable.
 *
 * @param shiftMs the displacement, 1..200 ms
 * @param minBeats fewest beats between perturbations, 2..64
 * @param maxBeats most beats between perturbations, minBeats..64
 * @param seed the seed of the intervals and signs
 */
public record Perturbation(double shiftMs, int minBeats, int maxBeats, long seed) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     */
    public Perturbation {
        if (!(shiftMs >= 1 && shiftMs <= 200)) {
            throw new IllegalArgumentException("perturbation ms must be between 1 and 200, was " + shiftMs);
        }
        if (minBeats < 2 || maxBeats > 64 || maxBeats < minBeats) {
            throw new IllegalArgumentException("perturbation every must be MIN-MAX beats within 2..64, was "
                    + minBeats + "-" + maxBeats);
        }
    }
}
