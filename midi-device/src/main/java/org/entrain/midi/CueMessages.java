package org.entrain.midi;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import org.entrain.pattern.Voice;
import org.entrain.schedule.Cue;

/**
 * Preallocated MIDI messages for cues: filled in place per cue, never allocated on the cue path.
 * Not thread safe: one owner (a sink on the dispatcher thread). A receiver must not keep a message
 * after {@code send} returns: the JDK's hardware ports pack it at once and Gervill copies its
 * bytes ({@code SoftReceiver.send} stores {@code message.getMessage()}, a copy).
 */
final class CueMessages {

    private final CueSounds sounds;
    private final ShortMessage noteOn = new ShortMessage();
    private final ShortMessage noteOff = new ShortMessage();
    private final ShortMessage scratch = new ShortMessage();

    CueMessages(CueSounds sounds) {
        if (sounds == null) {
            throw new IllegalArgumentException("cue sounds must not be null");
        }
        this.sounds = sounds;
    }

    CueSounds sounds() {
        return sounds;
    }

    /** Fills and returns the note-on for a cue. Allocation free. */
    ShortMessage noteOn(Cue cue) {
        CueSound s = sounds.of(cue.voice());
        return fill(noteOn, ShortMessage.NOTE_ON, s.channel() - 1, s.note(), s.velocityFor(cue.velocity()));
    }

    /** Fills and returns the note-off for a cue's sound. Allocation free. */
    ShortMessage noteOff(Cue cue) {
        CueSound s = sounds.of(cue.voice());
        return fill(noteOff, ShortMessage.NOTE_OFF, s.channel() - 1, s.note(), 0);
    }

    boolean isPercussion(Cue cue) {
        return sounds.of(cue.voice()).isPercussion();
    }

    /** Sends the program change of every melodic sound, once per channel, at once (timestamp -1). */
    void sendProgramChanges(Receiver receiver) {
        boolean[] done = new boolean[16];
        for (Voice v : Voice.values()) {
            CueSound s = sounds.of(v);
            if (s.program() >= 0 && !done[s.channel() - 1]) {
                done[s.channel() - 1] = true;
                receiver.send(fill(scratch, ShortMessage.PROGRAM_CHANGE, s.channel() - 1, s.program(), 0), -1);
            }
        }
    }

    /** Sends note-off for every cue sound at once (timestamp -1). */
    void sendAllOff(Receiver receiver) {
        for (Voice v : Voice.values()) {
            CueSound s = sounds.of(v);
            receiver.send(fill(scratch, ShortMessage.NOTE_OFF, s.channel() - 1, s.note(), 0), -1);
        }
    }

    static ShortMessage fill(ShortMessage m, int command, int channel, int data1, int data2) {
        try {
            m.setMessage(command, channel, data1, data2);
            return m;
        } catch (InvalidMidiDataException e) {
            // CueSound validates channel, note and velocity: this cannot happen.
            throw new IllegalStateException(e);
        }
    }
}
