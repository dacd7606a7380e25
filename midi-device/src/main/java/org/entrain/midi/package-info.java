/**
 * MIDI outputs and inputs for the cue engine: device discovery ({@code MidiPorts}),
 * the software synthesizer as a sample-accurate timestamped sink ({@code SynthCueSink}),
 * hardware ports as real-time sinks ({@code PortCueSink}), fail-over to the synth
 * ({@code Failover}), MIDI clock out ({@code MidiClockOut}),
 * Standard MIDI Files ({@code MidiFiles}), offline rendering
 * ({@code OfflineRenderer}) and MIDI tap input ({@code MidiTapInput}).
 */
package org.entrain.midi;
