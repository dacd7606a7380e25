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
 * and {@link org.entrain.onset.DetectorSettings#steps()}. On the project's reference mix (60 s, 120
 * taps, 20 dB SNR, reverb, the cue bleeding in at -6 dB) the median error is -0.02 ms and the 95th
 * percentile of the absolute error 0.11 ms, F = 1.0 (see {@code benchmarks/README-onset.md}).
 *
 * <h2>The cue's own sound: recommended set-up</h2>
 * <ul>
 * <li>Best: cues on headphones (or in-ear monitors). The microphone then hears only the taps and
 * none of the following is needed.</li>
 * <li>With speakers: give the cue a sound with its energy above the tap band (the project's test cue
 * is a 2.5 kHz wood block; {@code taps} listens to 40..1200 Hz, {@code steps} to 20..400 Hz), run
 * {@code entrain calibrate} with the speakers and microphone in place, and pass the cue schedule so
 * that {@link org.entrain.onset.CueCanceller} subtracts an aligned, gain-fitted copy of the cue
 * (live: {@link org.entrain.onset.LiveAudioInput.Builder#cancelCues}; files: {@link
 * org.entrain.onset.CueBleed}). Band separation alone is not enough: a cue's attack has energy in
 * every band (on the reference mix, without the schedule, about 50 cues of 100 are reported as taps).
 * Onsets near cues are never dropped: a synchronized tap coincides with its cue.</li>
 * <li>Keep the microphone nearer the taps than the speaker, and the input below clipping
 * ({@link org.entrain.onset.Onset#CLIPPED} says when it was not).</li>
 * </ul>
 *
 * <h2>Live latency</h2>
 * An onset reaches the listener one read (256 frames: 5.8 ms at 44.1 kHz) plus the detector's
 * window (30 ms for taps, 60 ms for steps) plus up to one hop (1.5 / 2.9 ms) after the sound, plus
 * the canceller's delay (template length + 4 ms + 3/8 of the template, 114 ms with an 80 ms cue) when cues are cancelled;
 * the onset's time is not delayed, only its delivery.
 */
package org.entrain.onset;
