/**
 * Onsets: taps and footsteps detected in audio or received from MIDI pads, in engine time; the
 * one onset stream a session listens to. The detector and its values; the audio inputs that feed
 * it are in {@code org.entrain.audio}, the removal of the cue's own sound in
 * {@code org.entrain.cancel}, the measurement of the output-to-input latency in
 * {@code org.entrain.calibration}.
 *
 * <h2>What an onset is</h2>
 * The first sample at which the band-passed signal's magnitude reaches 10 % of the hit's peak (and
 * 4.5 times the local noise RMS) and goes on to 30 % of the peak within 2 ms, minus the band
 * filter's delay; see {@link org.entrain.onset.OnsetDetector}. The second level passes over a soft
 * first touch that does not lead into the attack (some tabla strokes, finger snaps): on a clean hit
 * the 10 % crossing would fall on it, in a mix (noise, room, the cue's residue) on the attack.
 * Presets {@link org.entrain.onset.DetectorSettings#taps()} and
 * {@link org.entrain.onset.DetectorSettings#steps()}. Ground truth for a recorded hit uses the
 * same definition on the hit alone ({@link org.entrain.onset.OnsetDetector#onsetOf}), so the onset's
 * bias does not depend on the hit's attack time. The detector has an absolute floor (-70 dBFS:
 * digital silence never triggers), a slow noise floor (low-frequency room noise that swells for tens
 * of ms is not a tap), drops a swell in the last onset's tail that has no attack of its own (a
 * drum's beating modes), and finds taps from the third hop of a stream (3 ms).
 *
 * <h2>The cue's residue</h2>
 * After cancellation the detector gates on what is expected to be left
 * ({@link org.entrain.onset.OnsetDetector#process(float[], float[], int, int)}): candidates it
 * cannot tell from the cue's residue carry {@link org.entrain.onset.Onset#CUE_RESIDUE} and are not
 * taps.
 *
 * <h2>Latency</h2>
 * {@link org.entrain.onset.Calibration} is a measured output-to-input latency (with its drift): it
 * moves an input-mapped onset onto the time line of cue sends. It lives here, beside the onsets it
 * corrects, because the audio input needs it and the calibrator needs the audio input.
 */
package org.entrain.onset;
