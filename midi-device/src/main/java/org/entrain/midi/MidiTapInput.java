package org.entrain.midi;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Transmitter;
import org.entrain.clock.NanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetListener;
import org.entrain.onset.OnsetSource;

/**
 * MIDI pads, foot switches and keyboards as tap input: every note-on (velocity above 0) that
 * passes the channel and note filter becomes an {@link Onset} ({@link OnsetSource#MIDI}, strength
 * velocity/127) timestamped on arrival on the engine's {@link NanoClock}. The JDK calls
 * {@link #send} on its MIDI input thread; the listener is called on that thread. Thread safe.
 *
 * <p>The device's own timestamps are ignored: they are on the device's clock, not the engine's;
 * arrival time includes the port's transport delay (DIN ~1 ms per message, USB 1 ms frames),
 * which a calibration subtracts later.
 */
public final class MidiTapInput implements Receiver, AutoCloseable {

    /** Any channel. */
    public static final int ANY = -1;

    private final NanoClock clock;
    private final OnsetListener listener;
    private final int channel;
    private final int noteLow;
    private final int noteHigh;
    private volatile Transmitter transmitter;
    private volatile MidiDevice device;
    private volatile long received;

    /**
     * A tap input not yet connected; feed it with {@link #send} or {@link #connect(MidiDevice)}.
     *
     * @param clock the engine's clock
     * @param listener receives the onsets
     * @param channel the channel to accept, 1..16, or {@link #ANY}
     * @param noteLow lowest note accepted, 0..127
     * @param noteHigh highest note accepted, noteLow..127
     */
    public MidiTapInput(NanoClock clock, OnsetListener listener, int channel, int noteLow, int noteHigh) {
        if (clock == null || listener == null) {
            throw new IllegalArgumentException("clock and listener must not be null");
        }
        if (channel != ANY && (channel < 1 || channel > 16)) {
            throw new IllegalArgumentException("tap channel must be between 1 and 16 (or -1 for any), was " + channel);
        }
        if (noteLow < 0 || noteHigh > 127 || noteLow > noteHigh) {
            throw new IllegalArgumentException("tap note range must lie in 0..127 with low <= high, was "
                    + noteLow + ".." + noteHigh);
        }
        this.clock = clock;
        this.listener = listener;
        this.channel = channel;
        this.noteLow = noteLow;
        this.noteHigh = noteHigh;
    }

    /**
     * Opens a MIDI input device and listens to it.
     *
     * @param input the device (see {@link MidiPorts#input(String)})
     * @return this input
     * @throws MidiUnavailableException if the device cannot be opened
     */
    public MidiTapInput connect(MidiDevice input) throws MidiUnavailableException {
        if (!input.isOpen()) {
            input.open();
        }
        Transmitter t = input.getTransmitter();
        t.setReceiver(this);
        this.transmitter = t;
        this.device = input;
        return this;
    }

    @Override
    public void send(MidiMessage message, long timeStamp) {
        long now = clock.nanoTime();
        if (!(message instanceof ShortMessage)) {
            return;
        }
        ShortMessage m = (ShortMessage) message;
        if (m.getCommand() != ShortMessage.NOTE_ON || m.getData2() == 0) {
            return;
        }
        if (channel != ANY && m.getChannel() != channel - 1) {
            return;
        }
        int note = m.getData1();
        if (note < noteLow || note > noteHigh) {
            return;
        }
        received++;
        listener.onOnset(new Onset(now, m.getData2() / 127.0, OnsetSource.MIDI, 0));
    }

    /**
     * Taps delivered so far.
     *
     * @return the count
     */
    public long tapCount() {
        return received;
    }

    /** Disconnects and closes the device opened by {@link #connect}. */
    @Override
    public void close() {
        Transmitter t = transmitter;
        if (t != null) {
            t.close();
        }
        MidiDevice d = device;
        if (d != null) {
            d.close();
        }
    }
}
