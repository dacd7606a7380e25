/**
 * Cue cancellation: removing the cue's own sound from what the microphone hears.
 *
 * <p>The engine knows what it played: {@link org.entrain.cancel.CueReferences} gives the exact
 * rendered one-shot of each voice and velocity ({@code midi-device}'s {@code RenderedCueReferences},
 * through the same synth and sound bank), and {@link org.entrain.cancel.CueCancellation} removes it
 * from a recording: alignment found in the recording (GCC-PHAT on the count-in, per-cue attack
 * correlation, Theil-Sen latency and drift, either polarity, fractional delay), a least-squares room
 * path fitted on the listen-only count-in, the filtered references subtracted at each cue (settings:
 * {@link org.entrain.cancel.CancellationSettings}). {@link org.entrain.cancel.StreamingCueCanceller}
 * is its live form. The detector then gates on what is expected to be left: each cue's residue,
 * and past the fitted path's end the room's unmodelled tail. On real drum hits mixed with the
 * project's own rendered cue tracks (rooms up to RT60 0.8 s, latency up to 150 ms, +-100 ppm, cue up
 * to 10 dB louder than the taps) F = 1.000 and p95 |error| 0.27 ms, tuning mixes (see
 * {@code benchmarks/README.md}). The older {@link org.entrain.cancel.CueCanceller} (one template,
 * {@link org.entrain.cancel.CueBleed}) remains for callers that have only a template.
 */
package org.entrain.cancel;
