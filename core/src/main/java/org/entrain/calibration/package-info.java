/**
 * Latency calibration: {@link org.entrain.calibration.LatencyCalibrator} plays markers, captures
 * them on an audio input and measures the output-to-input latency and its drift, an
 * {@link org.entrain.onset.Calibration}.
 */
package org.entrain.calibration;
