package org.entrain.midi;

import javax.sound.midi.Receiver;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;

/**
 * A timestamped sink whose device clock is the plan's own time line: offline rendering, where a
 * stream-rendering synth ({@link SoftSynth#openStream}) places cue time {@code t} ns at
 * timestamp {@code round(t / 1000) + offsetMicros}. No anchor, no drift: the render clock is the
 * sample counter. Only the one thread that drives the plan may call {@link #onCue(Cue)}. No
 * allocation here per cue (preallocated messages).
 */
public final class OfflineCueSink implements CueSink {

    private static final long NOTE_OFF_MICROS = 100_000;

    private final Receiver receiver;
    private final CueMessages messages;
    private final long offsetMicros;
    private volatile long sent;

    private OfflineCueSink(Receiver receiver, CueSounds sounds, long offsetMicros) {
        if (receiver == null) {
            throw new IllegalArgumentException("receiver must not be null");
        }
        if (offsetMicros < 0) {
            throw new IllegalArgumentException("timestamp offset must be >= 0, was " + offsetMicros + " us");
        }
        this.receiver = receiver;
        this.messages = new CueMessages(sounds);
        this.offsetMicros = offsetMicros;
        messages.sendProgramChanges(receiver);
    }

    /**
     * A sink on a stream-rendering synth's receiver; sends the program changes of melodic sounds now.
     *
     * @param receiver the receiver
     * @param sounds the voice sounds
     * @param offsetMicros added to every timestamp, 0 or more
     * @return the sink
     */
    public static OfflineCueSink of(Receiver receiver, CueSounds sounds, long offsetMicros) {
        return new OfflineCueSink(receiver, sounds, offsetMicros);
    }

    /**
     * The timestamp a deadline maps to: the deadline in microseconds, rounded, plus the offset.
     *
     * @param deadlineNanos nanos on the plan's time line
     * @return device micros
     */
    public long timestampMicros(long deadlineNanos) {
        return offsetMicros + Math.floorDiv(deadlineNanos + 500, 1000);
    }

    /** Timestamped: the synth places each cue by its timestamp. */
    @Override
    public boolean timestamped() {
        return true;
    }

    @Override
    public void onCue(Cue cue) {
        long ts = timestampMicros(cue.deadlineNanos());
        receiver.send(messages.noteOn(cue), ts);
        if (!messages.isPercussion(cue)) {
            receiver.send(messages.noteOff(cue), ts + NOTE_OFF_MICROS);
        }
        sent++;
    }

    /**
     * Cues sent. Thread safe.
     *
     * @return the count
     */
    public long sentCues() {
        return sent;
    }

    @Override
    public String toString() {
        return "OfflineCueSink[offset " + offsetMicros + " us]";
    }
}
