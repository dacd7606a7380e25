package org.entrain.midi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.entrain.pattern.Meter;
import org.entrain.pattern.Voice;
import org.entrain.schedule.CueEvent;
import org.entrain.tempo.TempoMap;

/**
 * Standard MIDI File export of a plan or a session. Stateless and thread safe.
 *
 * <p>Layout (type 1, {@value #PPQ} ticks per quarter, divisible by every subdivision 1..8):
 * track 0 holds the time signature and the tempo map; track 1 the cue notes (with program
 * changes for melodic sounds); track 2, when taps are given, one note per tap (channel 16,
 * note {@value #TAP_NOTE}).
 *
 * <p>The tempo map is written as tempo events (FF 51, microseconds per quarter): one at tick 0,
 * and one wherever the tempo must change at the points where time is pinned: every beat, every
 * quarter, every cue. Each value is chosen by error diffusion: the file's time at each point is
 * the plan's time rounded to the microsecond (error at most 0.5 us for grid positions, never
 * accumulating), and each stretch between two tempo events lasts a whole number of microseconds,
 * so a reader that truncates per stretch (the JDK's) reads the same times. Any reader that
 * honours tempo events gives every cue its planned time, also in sessions longer than 36 minutes
 * (read back with {@link SmfTiming}: the JDK's own tempo cache overflows there).
 */
public final class MidiFiles {

    /** Ticks per quarter note. */
    public static final int PPQ = 3360;
    /** The note of a tap on the taps track. */
    public static final int TAP_NOTE = 60;
    /** The channel of a tap on the taps track, 1..16. */
    public static final int TAP_CHANNEL = 16;

    private MidiFiles() {
    }

    /**
     * Builds the sequence of a plan or session.
     *
     * @param map the tempo map the cues were planned on (for a session: the map in force at its end)
     * @param meter the meter
     * @param cues the cues, in time order
     * @param sounds the voice sounds
     * @param tapSeconds tap times in seconds from beat 0, in order, or null for no taps track
     * @return the sequence
     * @throws IllegalArgumentException if a tempo does not fit a tempo event (below 3.6 quarter notes per minute)
     */
    public static Sequence toSequence(TempoMap map, Meter meter, List<CueEvent> cues, CueSounds sounds, double[] tapSeconds) {
        if (map == null || meter == null || cues == null || sounds == null) {
            throw new IllegalArgumentException("tempo map, meter, cues and sounds must not be null");
        }
        try {
            Sequence seq = new Sequence(Sequence.PPQ, PPQ);
            Track tempo = seq.createTrack();
            Track notes = seq.createTrack();
            long ticksPerBeat = Math.round(PPQ * meter.quartersPerBeat());
            int exp = Integer.numberOfTrailingZeros(meter.unit());
            tempo.add(new MidiEvent(new MetaMessage(0x58, new byte[] {(byte) meter.beats(), (byte) exp, 24, 8}, 4), 0));

            // Points where time is pinned: tick -> seconds from beat 0.
            TreeMap<Long, Double> points = new TreeMap<>();
            double lastBeat = 0;
            long[] cueTicks = new long[cues.size()];
            for (int i = 0; i < cues.size(); i++) {
                CueEvent c = cues.get(i);
                double beat = Double.isNaN(c.beatPosition()) ? map.beatAt(c.timeSeconds()) : c.beatPosition();
                cueTicks[i] = Math.round(beat * ticksPerBeat);
                points.put(cueTicks[i], c.timeSeconds());
                lastBeat = Math.max(lastBeat, beat);
            }
            if (tapSeconds != null && tapSeconds.length > 0) {
                lastBeat = Math.max(lastBeat, map.beatAt(tapSeconds[tapSeconds.length - 1]));
            }
            long step = Math.min(ticksPerBeat, PPQ);
            long lastTick = (long) Math.ceil(lastBeat * ticksPerBeat / step) * step + step;
            for (long t = 0; t <= lastTick; t += step) {
                points.putIfAbsent(t, map.secondsAt((double) t / ticksPerBeat));
            }
            writeTempo(tempo, points);

            sounds.asMap().values().stream().filter(s -> s.program() >= 0).map(CueSound::channel).distinct()
                    .forEach(ch -> add(notes, ShortMessage.PROGRAM_CHANGE, ch - 1, programOf(sounds, ch), 0, 0));
            long gate = PPQ / 16;
            for (int i = 0; i < cues.size(); i++) {
                CueEvent c = cues.get(i);
                CueSound s = sounds.of(c.voice());
                add(notes, ShortMessage.NOTE_ON, s.channel() - 1, s.note(), s.velocityFor(c.velocity()), cueTicks[i]);
                add(notes, ShortMessage.NOTE_OFF, s.channel() - 1, s.note(), 0, cueTicks[i] + gate);
            }
            if (tapSeconds != null) {
                Track taps = seq.createTrack();
                SmfTiming timing = SmfTiming.of(seq);
                for (double t : tapSeconds) {
                    long tick = tickAt(timing, map, t, ticksPerBeat);
                    add(taps, ShortMessage.NOTE_ON, TAP_CHANNEL - 1, TAP_NOTE, 100, tick);
                    add(taps, ShortMessage.NOTE_OFF, TAP_CHANNEL - 1, TAP_NOTE, 0, tick + gate);
                }
            }
            return seq;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a plan or session as a type-1 Standard MIDI File.
     *
     * @param map the tempo map
     * @param meter the meter
     * @param cues the cues, in time order
     * @param sounds the voice sounds
     * @param tapSeconds tap times in seconds from beat 0, or null
     * @param file where to write
     * @throws IOException if writing fails
     */
    public static void write(TempoMap map, Meter meter, List<CueEvent> cues, CueSounds sounds, double[] tapSeconds,
                             Path file) throws IOException {
        MidiSystem.write(toSequence(map, meter, cues, sounds, tapSeconds), 1, file.toFile());
    }

    private static void writeTempo(Track tempo, TreeMap<Long, Double> points) throws InvalidMidiDataException {
        long prevTick = 0;
        long scaled = 0; // file time at prevTick, in microseconds * PPQ (exact)
        int current = -1;
        for (var e : points.entrySet()) {
            long tick = e.getKey();
            if (tick <= prevTick) {
                continue;
            }
            long dt = tick - prevTick;
            double want = e.getValue() * 1e6 * PPQ;
            // A multiple of q makes the segment a whole number of microseconds, so readers that
            // truncate each segment (the JDK's) read it exactly; the error stays dt/(2 gcd) us.
            long g = gcd(dt, PPQ);
            long q = dt / g <= 2 ? PPQ / g : 1;
            long usPerQuarter = q * Math.round((want - scaled) / dt / q);
            if (usPerQuarter < 1 || usPerQuarter > 0xFFFFFF) {
                throw new IllegalArgumentException("the tempo near " + e.getValue() + " s needs " + usPerQuarter
                        + " us per quarter note; a MIDI file allows 1..16777215 (tempo at least 3.6 quarter notes per minute)");
            }
            if (usPerQuarter != current) {
                tempo.add(new MidiEvent(tempoMessage((int) usPerQuarter), prevTick));
                current = (int) usPerQuarter;
            }
            scaled += usPerQuarter * dt;
            prevTick = tick;
        }
        if (current < 0) {
            tempo.add(new MidiEvent(tempoMessage(500_000), 0));
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static MetaMessage tempoMessage(int us) throws InvalidMidiDataException {
        return new MetaMessage(0x51, new byte[] {(byte) (us >> 16), (byte) (us >> 8), (byte) us}, 3);
    }

    /** The tick whose file time is nearest to {@code seconds}. */
    private static long tickAt(SmfTiming timing, TempoMap map, double seconds, long ticksPerBeat) {
        long tick = Math.max(0, Math.round(map.beatAt(seconds) * ticksPerBeat));
        double us = seconds * 1e6;
        while (tick > 0 && timing.micros(tick) > us && timing.micros(tick - 1) >= us) {
            tick--;
        }
        while (timing.micros(tick + 1) <= us) {
            tick++;
        }
        if (timing.micros(tick + 1) - us < us - timing.micros(tick)) {
            tick++;
        }
        return tick;
    }

    private static int programOf(CueSounds sounds, int channel) {
        for (Voice v : Voice.values()) {
            if (sounds.of(v).channel() == channel && sounds.of(v).program() >= 0) {
                return sounds.of(v).program();
            }
        }
        return 0;
    }

    private static void add(Track track, int command, int channel, int d1, int d2, long tick) {
        try {
            MidiMessage m = new ShortMessage(command, channel, d1, d2);
            track.add(new MidiEvent(m, tick));
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }
}
