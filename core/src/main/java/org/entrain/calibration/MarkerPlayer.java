package org.entrain.calibration;

import java.util.function.LongUnaryOperator;
import javax.sound.sampled.LineUnavailableException;

/**
 * Plays a signal and tells when each of its frames was sent, in engine time; thread safety is the
 * implementation's ({@link LineMarkerPlayer} is thread safe).
 */
@FunctionalInterface
public interface MarkerPlayer {
    /**
     * Plays and returns once the signal has been handed to the output.
     *
     * @param signal mono samples, full scale = 1
     * @param sampleRate in Hz
     * @return maps a frame of the signal to the engine nanos at which the output played it
     * @throws LineUnavailableException if the output cannot be opened
     */
    LongUnaryOperator play(float[] signal, float sampleRate) throws LineUnavailableException;
}
