/**
 * MIDI measurement tools: software-synth placement error over a long render, hardware-path send
 * lateness of the engine next to the JDK sequencer, and allocation per cue of the MIDI sinks.
 */
package org.entrain.bench.midi;
