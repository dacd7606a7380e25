/**
 * Audio inputs: capture lines, audio files, and the pipelines that turn them into onsets.
 *
 * <p>{@link org.entrain.audio.LiveAudioInput} opens a capture line explicitly (any mixer by name, a
 * channel of a multi-channel interface, 44.1 or 48 kHz, buffer size given in bytes, see
 * {@link org.entrain.audio.InputSpec} and {@link org.entrain.audio.AudioDevices}) and feeds it
 * through TarsosDSP's {@code AudioDispatcher}; {@link org.entrain.audio.AudioFileOnsets} runs
 * recordings (any PCM Java Sound reads) through the same pipeline. Input frames are mapped to
 * engine time by {@link org.entrain.clock.AudioClockMap} (drift corrected, dropped buffers found).
 *
 * <h2>The cue's own sound</h2>
 * With speakers the microphone hears every cue; {@link org.entrain.cancel} removes it.
 * {@link org.entrain.audio.AudioFileOnsets#detect(float[], float, org.entrain.onset.DetectorSettings,
 * java.util.List, org.entrain.cancel.CueReferences, org.entrain.cancel.CancellationSettings, long)}
 * returns a {@link org.entrain.audio.DetectionReport}: the onsets, each cue's onset as heard (the
 * cues are the markers: tap minus cue cancels the output latency), the cancellation depth on the
 * count-in and on cue-only stretches, and one warning line when the depth is below a useful 15 dB.
 * Live, {@link org.entrain.audio.LiveAudioInput.Builder#cancelCues(org.entrain.cancel.CueReferences,
 * org.entrain.onset.Calibration)} does the same per cue from the calibrated latency (drift
 * followed), without a room path (its tail is left to the gate). With headphones nothing is heard
 * and nothing is cancelled; a calibration supplies the latency.
 *
 * <h2>Live latency</h2>
 * An onset reaches the listener one read (256 frames: 5.8 ms at 44.1 kHz) plus the detector's
 * window (30 ms for taps, 60 ms for steps) plus up to one hop (1.5 / 2.9 ms) after the sound, plus
 * the longest reference (at most 250 ms) plus 40 ms when cues are cancelled live;
 * the onset's time is not delayed, only its delivery.
 */
package org.entrain.audio;
