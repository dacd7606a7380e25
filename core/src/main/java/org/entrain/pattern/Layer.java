package org.entrain.pattern;

/**
 * A polyrhythm layer: {@code pulsesPerBar} evenly spaced pulses in each bar, over the main beat
 * (3 pulses in a 4/4 bar is 3 against 4). Immutable.
 *
 * @param pulsesPerBar pulses in each bar, 1..32
 * @param velocity the MIDI velocity of its cues, 1..127
 */
public record Layer(int pulsesPerBar, int velocity) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public Layer {
        if (pulsesPerBar < 1 || pulsesPerBar > 32) {
            throw new IllegalArgumentException("layer pulses per bar must be between 1 and 32, was " + pulsesPerBar);
        }
        Pattern.checkVelocity("layer velocity", velocity);
    }
}
