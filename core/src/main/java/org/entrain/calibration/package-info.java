/**
 * Latency calibration: {@link org.entrain.calibration.LatencyCalibrator} plays the
 * {@link org.entrain.calibration.CalibrationSignal} markers through a
 * {@link org.entrain.calibration.MarkerPlayer} (on a sound card:
 * {@link org.entrain.calibration.LineMarkerPlayer}), captures them on an audio input and measures
 * the output-to-input latency and its drift, an {@link org.entrain.onset.Calibration}, with
 * {@link org.entrain.calibration.MarkerAnalysis}.
 */
package org.entrain.calibration;
