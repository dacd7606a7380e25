/**
 * Timing analysis: matching taps or steps to cues, asynchrony, inter-tap intervals and cadence,
 * circular statistics with the Rayleigh test, phase correction (bGLS, Jacoby et al. 2015),
 * Wing-Kristofferson variance decomposition, tempo tracking, per-segment and moving-window
 * summaries, onset-detector scoring, and the JSON and CSV exports. Definitions follow
 * {@code docs/domain.md}.
 */
package org.entrain.analysis;
