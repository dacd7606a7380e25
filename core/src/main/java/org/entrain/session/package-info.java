/**
 * Sessions: a running session over the engine ({@link org.entrain.session.Session}), its
 * protocols, the crash-safe session event log and its reader, the recording and the session
 * folder.
 *
 * <h2>The Session API (for every front end: the CLI, the desktop app, embedders)</h2>
 * <ul>
 *   <li>{@link org.entrain.session.Session#builder()}: outputs ({@code output(name, CueSink)};
 *       {@code org.entrain.midi.SessionOutputs} makes the software-synth, MIDI-port and
 *       MIDI-clock parts), one {@link org.entrain.session.TapInput}
 *       ({@link org.entrain.session.MicrophoneInput}, {@code org.entrain.midi.MidiPadInput}),
 *       a {@link org.entrain.session.Protocol} (or {@code tempo(bpm)} with an optional
 *       {@code tempoChange} and {@code end}), a count-in, a pattern, a folder, listeners and
 *       end-of-session {@link org.entrain.session.SessionArtifact}s (the HTML report, the MIDI
 *       file). {@code build()} validates everything and fills the defaults in one step.</li>
 *   <li>Controls from any thread: {@code setTempo}, {@code nudgeTempo} (now or next bar),
 *       {@code pause}/{@code resume}/{@code togglePause}, {@code nextPhase},
 *       {@code stopAtBarEnd}, {@code stop}; {@code stats()} is the latest
 *       {@link org.entrain.session.LiveStats}.</li>
 *   <li>{@link org.entrain.session.SessionListener}: cue, tap (with its live asynchrony),
 *       statistics, phase, warning and end events, always on the session's event thread, never on
 *       the dispatcher or an audio thread.</li>
 *   <li>The end (protocol done, a stop, every output failed): the session waits until the last
 *       cue has sounded ({@link org.entrain.session.Session#DEFAULT_TAIL_NANOS}), stops the input,
 *       closes the log and the recording, analyses the log ({@link org.entrain.session.SessionAnalysis}),
 *       writes the folder ({@link org.entrain.session.SessionFiles}, then the artifacts) and hands a
 *       {@link org.entrain.session.SessionResult} to {@code onEnd} and {@code result()}.</li>
 *   <li>Virtual time: with a {@link org.entrain.clock.ManualNanoClock} and
 *       {@code virtualTime(step)}, {@code runVirtual()} runs the same code on the calling thread
 *       (the demo, tests), with an input that generates its audio in {@code advanceTo}.</li>
 * </ul>
 *
 * <h2>The session folder</h2>
 * {@code session.jsonl} (crash-safe log, see {@link org.entrain.session.SessionLogWriter}; phases
 * as {@code phase} lines, silent cues as {@code mute} lines), {@code recording.wav}
 * ({@link org.entrain.session.WavFileWriter}, header current every second), {@code cues.csv},
 * {@code taps.csv}, {@code analysis.json} (contract keys, one entry per phase under
 * {@code segments}), {@code analysis.csv}, then the front end's {@code report.html} with its PNGs
 * and {@code session.mid}.
 *
 * <h2>Protocol files</h2>
 * YAML or JSON, read by {@link org.entrain.session.ProtocolFile} (schema in its Javadoc).
 */
package org.entrain.session;
