/**
 * Signal-processing primitives shared by the onset detector and the cue cancellation: a biquad
 * filter section and an FFT. Not exported from {@code org.entrain.core}: internal to the module.
 */
package org.entrain.dsp;
