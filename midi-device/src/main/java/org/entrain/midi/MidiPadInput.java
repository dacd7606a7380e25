package org.entrain.midi;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;
import org.entrain.clock.NanoClock;
import org.entrain.onset.OnsetListener;
import org.entrain.session.TapInput;

/**
 * A MIDI pad, foot switch or keyboard as a session's tap input (over {@link MidiTapInput}): every
 * note-on in the channel and note range is a tap, timed on arrival on the engine clock. Thread
 * safe as {@link TapInput} requires. It has no audio, so the session writes no recording.
 */
public final class MidiPadInput implements TapInput {

    private final String name;
    private final MidiDevice device;
    private final int channel;
    private final int noteLow;
    private final int noteHigh;
    private volatile MidiTapInput input;

    /**
     * A pad input, opened at {@link #start}.
     *
     * @param name the MIDI input's name or a unique part of it (see {@code entrain devices})
     * @param channel 1..16, or {@link MidiTapInput#ANY}
     * @param noteLow lowest note, 0..127
     * @param noteHigh highest note, noteLow..127
     */
    public MidiPadInput(String name, int channel, int noteLow, int noteHigh) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("MIDI input name must not be blank");
        }
        this.name = name;
        this.device = null;
        this.channel = channel;
        this.noteLow = noteLow;
        this.noteHigh = noteHigh;
    }

    /**
     * A pad input on a device the caller chose (a port from {@link MidiPorts}, a JDK
     * {@link javax.sound.midi.Sequencer} playing a tap track): opened at {@link #start} if not yet
     * open, closed at {@link #stop()}.
     *
     * @param device the device; it must have a transmitter
     * @param channel 1..16, or {@link MidiTapInput#ANY}
     * @param noteLow lowest note, 0..127
     * @param noteHigh highest note, noteLow..127
     */
    public MidiPadInput(MidiDevice device, int channel, int noteLow, int noteHigh) {
        if (device == null) {
            throw new IllegalArgumentException("MIDI input device must not be null");
        }
        this.name = device.getDeviceInfo().getName();
        this.device = device;
        this.channel = channel;
        this.noteLow = noteLow;
        this.noteHigh = noteHigh;
    }

    @Override
    public String describe() {
        return "MIDI pad " + name;
    }

    @Override
    public void start(NanoClock clock, OnsetListener onsets, AudioSink audio) throws IOException {
        MidiTapInput in = new MidiTapInput(clock, onsets, channel, noteLow, noteHigh);
        try {
            MidiDevice d = device != null ? device : MidiPorts.input(name);
            in.connect(d);
        } catch (MidiUnavailableException e) {
            throw new IOException("the MIDI input '" + name + "' cannot be opened: " + e.getMessage(), e);
        }
        input = in;
    }

    @Override
    public void stop() {
        MidiTapInput in = input;
        if (in != null) {
            in.close();
        }
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("input device", "MIDI " + name);
        m.put("input notes", noteLow + ".." + noteHigh + (channel == MidiTapInput.ANY ? " any channel" : " channel " + channel));
        return m;
    }
}
