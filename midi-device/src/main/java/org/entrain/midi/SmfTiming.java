package org.entrain.midi;

import java.util.Arrays;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.Track;

/**
 * Tick to time for a Standard MIDI File, in exact integer arithmetic: the tempo events (FF 51) of
 * every track, merged by tick. Unlike the JDK's own tempo cache, it does not overflow after 2^31
 * microseconds (35.8 min). Immutable and thread safe.
 */
public final class SmfTiming {

    private static final int DEFAULT_TEMPO = 500_000;

    private final float divisionType;
    private final int resolution;
    private final long[] ticks;
    private final int[] tempos;
    /** Time at each tempo change, in microseconds times resolution (exact). */
    private final long[] scaled;

    private SmfTiming(float divisionType, int resolution, long[] ticks, int[] tempos) {
        this.divisionType = divisionType;
        this.resolution = resolution;
        this.ticks = ticks;
        this.tempos = tempos;
        this.scaled = new long[ticks.length];
        for (int i = 1; i < ticks.length; i++) {
            scaled[i] = scaled[i - 1] + (long) tempos[i - 1] * (ticks[i] - ticks[i - 1]);
        }
    }

    /**
     * Reads the tempo map of a sequence.
     *
     * @param sequence the sequence
     * @return its timing
     */
    public static SmfTiming of(Sequence sequence) {
        long[] t = new long[16];
        int[] v = new int[16];
        int n = 0;
        t[n] = 0;
        v[n++] = DEFAULT_TEMPO;
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent e = track.get(i);
                if (e.getMessage() instanceof MetaMessage && ((MetaMessage) e.getMessage()).getType() == 0x51) {
                    byte[] d = ((MetaMessage) e.getMessage()).getData();
                    if (d.length >= 3) {
                        if (n == t.length) {
                            t = Arrays.copyOf(t, 2 * n);
                            v = Arrays.copyOf(v, 2 * n);
                        }
                        t[n] = e.getTick();
                        v[n++] = ((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff);
                    }
                }
            }
        }
        // sort by tick, stable: a later event at the same tick wins
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final long[] tt = t;
        Arrays.sort(order, (a, b) -> tt[a] != tt[b] ? Long.compare(tt[a], tt[b]) : Integer.compare(a, b));
        long[] ticks = new long[n];
        int[] tempos = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (m > 0 && ticks[m - 1] == t[i]) {
                tempos[m - 1] = v[i];
            } else {
                ticks[m] = t[i];
                tempos[m++] = v[i];
            }
        }
        return new SmfTiming(sequence.getDivisionType(), sequence.getResolution(), Arrays.copyOf(ticks, m),
                Arrays.copyOf(tempos, m));
    }

    /**
     * The time of a tick.
     *
     * @param tick a tick, 0 or more
     * @return microseconds from tick 0
     */
    public double micros(long tick) {
        if (divisionType != Sequence.PPQ) {
            return tick * 1e6 / (divisionType * resolution);
        }
        int i = Arrays.binarySearch(ticks, tick);
        if (i < 0) {
            i = -i - 2;
        }
        long s = scaled[i] + (long) tempos[i] * (tick - ticks[i]);
        return (double) s / resolution;
    }

    /**
     * The tempo events, merged from all tracks.
     *
     * @return how many (the implicit 120 bpm at tick 0 included when the file has none there)
     */
    public int tempoEventCount() {
        return ticks.length;
    }
}
