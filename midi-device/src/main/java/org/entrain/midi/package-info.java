/**
 * MIDI outputs and inputs for the cue engine: device discovery ({@link org.entrain.midi.MidiPorts}),
 * the software synthesizer as a sample-accurate timestamped sink ({@link org.entrain.midi.SynthCueSink}),
 * hardware ports as real-time sinks ({@link org.entrain.midi.PortCueSink}; fail-over to the synth
 * is {@link org.entrain.schedule.Failover}), MIDI clock out ({@link org.entrain.midi.MidiClockOut}),
 * Standard MIDI Files ({@link org.entrain.midi.MidiFiles}), offline rendering
 * ({@link org.entrain.midi.OfflineRenderer}) and MIDI tap input ({@link org.entrain.midi.MidiTapInput}).
 */
package org.entrain.midi;
