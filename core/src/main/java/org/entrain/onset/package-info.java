/**
 * Onsets: taps and footsteps detected from audio (microphone or file) or received from MIDI pads,
 * in engine time; the one onset stream a session listens to.
 *
 * <h2>Audio inputs</h2>
 * {@link org.entrain.onset.LiveAudioInput} opens a capture line explicitly (any mixer by name, a
 * channel of a multi-channel interface, 44.1 or 48 kHz, buffer size given in bytes) and feeds it
 * through TarsosDSP's {@code AudioDispatcher}; {@link org.entrain.onset.AudioFileOnsets} runs
 * recordings (any PCM Java Sound reads) through the same pipeline. Input frames are mapped to
 * engine time by {@link org.entrain.clock.AudioClockMap} (drift corrected, dropped buffers found).
 *
 * <h2>What an onset is</h2>
 * The first sample at which the band-passed signal's magnitude reaches 10 % of the hit's peak (and
 * 4.5 times the local noise RMS), minus the band filter's delay; see
 * {@link org.entrain.onset.OnsetDetector}. Presets {@link org.entrain.onset.DetectorSettings#taps()}
 * and {@link org.entrain.onset.DetectorSettings#steps()}. Ground truth for a recorded hit uses the
 * same definition on the hit alone ({@link org.entrain.onset.OnsetDetector#onsetOf}), so the onset's
 * bias does not depend on the hit's attack time. The detector has an absolute floor (-70 dBFS:
 * digital silence never triggers), a slow noise floor (low-frequency room noise that swells for tens
 * of ms is not a tap), and finds taps from the third hop of a stream (3 ms).
 *
 * <h2>The cue's own sound</h2>
 * With speakers the microphone hears every cue. The engine knows what it played: {@link
 * org.entrain.onset.CueReferences} gives the exact rendered one-shot of each voice and velocity
 * ({@code midi-device}'s {@code RenderedCueReferences}, through the same synth and sound bank), and
 * {@link org.entrain.onset.CueCancellation} removes it from a recording: alignment found in the
 * recording (GCC-PHAT on the count-in, per-cue attack correlation, Theil-Sen latency and drift,
 * either polarity, fractional delay), a least-squares room path fitted on the listen-only count-in,
 * the filtered references subtracted at each cue. The detector then gates on what is expected to be
 * left ({@link org.entrain.onset.OnsetDetector#process(float[], float[], int, int)}): candidates it
 * cannot tell from the cue's residue carry {@link org.entrain.onset.Onset#CUE_RESIDUE} and are not
 * taps. {@link org.entrain.onset.AudioFileOnsets#detect(float[], float, DetectorSettings, java.util.List,
 * CueReferences, CancellationSettings, long)} returns a {@link org.entrain.onset.DetectionReport}:
 * the onsets, each cue's onset as heard (the cues are the markers: tap minus cue cancels the output
 * latency), the cancellation depth on the count-in and on cue-only stretches, and one warning line
 * when the depth is below a useful 15 dB. Live, {@link org.entrain.onset.LiveAudioInput.Builder#cancelCues(
 * CueReferences, Calibration)} does the same per cue from the calibrated latency (drift followed),
 * without a room path (its tail is left to the gate). With headphones nothing is heard and nothing
 * is cancelled; a calibration supplies the latency. On real drum hits mixed with the project's own
 * rendered cue tracks (rooms up to RT60 0.8 s, latency up to 150 ms, +-100 ppm, cue up to 10 dB
 * louder than the taps) F = 1.000 and p95 |error| 0.27 ms (see {@code benchmarks/README.md}).
 * The older {@link org.entrain.onset.CueCanceller} (one template, {@link org.entrain.onset.CueBleed})
 * remains for callers that have only a template.
 *
 * <h2>Live latency</h2>
 * An onset reaches the listener one read (256 frames: 5.8 ms at 44.1 kHz) plus the detector's
 * window (30 ms for taps, 60 ms for steps) plus up to one hop (1.5 / 2.9 ms) after the sound, plus
 * the longest reference (at most 250 ms) plus 40 ms when cues are cancelled live;
 * the onset's time is not delayed, only its delivery.
 */
package org.entrain.onset;
