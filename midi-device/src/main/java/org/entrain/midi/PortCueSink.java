package org.entrain.midi;

import javax.sound.midi.Receiver;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;
import org.entrain.schedule.MutableCue;

/**
 * A real-time sink for a hardware MIDI port: the JDK ignores timestamps on ports (ALSA rawmidi,
 * WinMM, CoreMIDI), so the engine's dispatcher waits for the deadline and this sink sends at once
 * (timestamp -1). Only the dispatcher thread may call {@link #onCue(Cue)} and {@link #onEnd()}.
 *
 * <p>{@link #advanceNanos()} is the port's output latency (configured or measured: MIDI
 * transmission, USB frames, the sound module's own delay), so the engine hands the cue over that
 * much early and the port sounds together with the session's other outputs.
 *
 * <p>Percussion notes (channel 10) get their note-off right after the note-on; a melodic note is
 * released just before its voice's next note and at the end. Messages are preallocated and
 * refilled per cue: the receiver must not keep a message after {@code send} returns (the JDK's
 * ports do not).
 */
public final class PortCueSink implements CueSink {

    private final Receiver receiver;
    private final CueMessages messages;
    private final long latencyNanos;
    private final String name;
    private final MutableCue[] held = new MutableCue[org.entrain.pattern.Voice.values().length];

    private PortCueSink(String name, Receiver receiver, CueSounds sounds, long latencyNanos) {
        if (receiver == null) {
            throw new IllegalArgumentException("receiver must not be null");
        }
        if (latencyNanos < 0 || latencyNanos > 2_000_000_000L) {
            throw new IllegalArgumentException("port latency must be between 0 and 2 s, was " + latencyNanos + " ns");
        }
        this.name = name == null ? "MIDI port" : name;
        this.receiver = receiver;
        this.messages = new CueMessages(sounds);
        this.latencyNanos = latencyNanos;
    }

    /**
     * A sink on a receiver; sends the program changes of melodic sounds now.
     *
     * @param name the port's name, for logs
     * @param receiver the port's receiver
     * @param sounds the voice sounds
     * @param latencyNanos the port's output latency, 0..2 s
     * @return the sink
     */
    public static PortCueSink open(String name, Receiver receiver, CueSounds sounds, long latencyNanos) {
        PortCueSink s = new PortCueSink(name, receiver, sounds, latencyNanos);
        s.messages.sendProgramChanges(receiver);
        return s;
    }

    @Override
    public long advanceNanos() {
        return latencyNanos;
    }

    @Override
    public void onCue(Cue cue) {
        int v = cue.voice().ordinal();
        if (messages.isPercussion(cue)) {
            receiver.send(messages.noteOn(cue), -1);
            receiver.send(messages.noteOff(cue), -1);
            return;
        }
        Cue previous = held[v];
        if (previous != null) {
            receiver.send(messages.noteOff(previous), -1);
        } else {
            held[v] = new MutableCue();
        }
        receiver.send(messages.noteOn(cue), -1);
        held[v].copyFrom(cue);
    }

    @Override
    public void onEnd() {
        for (Cue c : held) {
            if (c != null) {
                receiver.send(messages.noteOff(c), -1);
            }
        }
    }

    @Override
    public String toString() {
        return "PortCueSink[" + name + ", latency " + latencyNanos + " ns]";
    }
}
