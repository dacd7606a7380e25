/**
 * Onsets: taps and footsteps detected from audio (microphone or file) or received from MIDI pads,
 * in engine time; the one onset stream a session listens to.
 */
package org.entrain.onset;
