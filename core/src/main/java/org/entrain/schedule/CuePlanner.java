package org.entrain.schedule;

import java.util.ArrayList;
import java.util.List;
import org.entrain.pattern.Pattern;
import org.entrain.pattern.Voice;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;

/**
 * Turns a tempo map and a pattern into cues, in time order, one at a time, filling a caller's
 * {@link MutableCue} in place (no allocation). Not thread safe: one owner (the engine's dispatcher
 * thread, or a caller planning offline).
 *
 * <p>Each stream (the main grid of beats and subdivisions, and each polyrhythm layer) is a
 * counter of grid positions; a cue's time is computed from the tempo map at that position,
 * never accumulated, so a new tempo map ({@link #tempoMap(TempoMap)}) re-times every cue not
 * yet taken without losing or doubling one. Subdivision {@code j} of {@code K} in beat {@code k}
 * sits at beat position {@code k + j/K}; pulse {@code j} of a layer with {@code P} pulses per bar
 * in bar {@code m} at {@code (m + j/P) * beatsPerBar}. At equal times the main grid comes first,
 * then the layers in order. Silent positions (gap bars, drops, faded out) take no cue index.
 */
public final class CuePlanner {

    private TempoMap map;
    private final Pattern pattern;
    private final int beatsPerBar;
    private final int subdivision;
    private final long[] layerPos;
    private long mainPos;
    private long nextIndex;
    private double endBeat;
    private final double endSeconds;
    private final MutableCue scratch = new MutableCue();

    /**
     * A planner from beat 0.
     *
     * @param map the tempo map (built with the pattern's beats per bar if its changes are in bars)
     * @param pattern the pattern, which owns the meter: bars here are its bars
     * @param end where the plan ends (exclusive: a cue at exactly the end does not sound), or null for never
     * @throws IllegalArgumentException if map or pattern is null
     */
    public CuePlanner(TempoMap map, Pattern pattern, Length end) {
        if (map == null || pattern == null) {
            throw new IllegalArgumentException("tempo map and pattern must not be null");
        }
        this.map = map;
        this.pattern = pattern;
        this.beatsPerBar = pattern.beatsPerBar();
        this.subdivision = pattern.subdivision();
        this.layerPos = new long[pattern.layerCount()];
        if (end == null) {
            this.endBeat = Double.POSITIVE_INFINITY;
            this.endSeconds = Double.POSITIVE_INFINITY;
        } else if (end.unit() == Length.Unit.SECONDS) {
            this.endBeat = Double.POSITIVE_INFINITY;
            this.endSeconds = end.amount();
        } else {
            this.endBeat = end.inBeats(beatsPerBar);
            this.endSeconds = Double.POSITIVE_INFINITY;
        }
    }

    /**
     * Plans a whole bounded schedule as values (allocates; for files and tests).
     *
     * @param map the tempo map
     * @param pattern the pattern
     * @param end where the plan ends; not null
     * @return the cues in time order
     */
    public static List<CueEvent> plan(TempoMap map, Pattern pattern, Length end) {
        if (end == null) {
            throw new IllegalArgumentException("a plan needs an end (bars, beats or a duration)");
        }
        CuePlanner planner = new CuePlanner(map, pattern, end);
        List<CueEvent> cues = new ArrayList<>();
        MutableCue cue = new MutableCue();
        while (planner.next(cue)) {
            cues.add(cue.toEvent());
        }
        return cues;
    }

    /**
     * The tempo map in use.
     *
     * @return the map
     */
    public TempoMap tempoMap() {
        return map;
    }

    /**
     * Replaces the tempo map; cues not yet taken are timed by the new map. The caller keeps the
     * new map equal to the old one up to the last cue taken (see {@link TempoMap#changedAt}, with
     * the pattern's beats per bar).
     *
     * @param newMap the new map
     */
    public void tempoMap(TempoMap newMap) {
        this.map = newMap;
    }

    /**
     * The pattern.
     *
     * @return the pattern
     */
    public Pattern pattern() {
        return pattern;
    }

    /**
     * Ends the plan before {@code beat} (exclusive), if that is earlier than its current end.
     *
     * @param beat a beat position
     */
    public void endBefore(double beat) {
        if (beat < endBeat) {
            endBeat = beat;
        }
    }

    /**
     * Fills {@code out} with the next cue and moves past it. Allocation free.
     *
     * @param out the slot to fill; its deadline is set to its time from beat 0
     * @return false if the plan has ended ({@code out} unchanged)
     */
    public boolean next(MutableCue out) {
        if (!peek(out)) {
            return false;
        }
        if (out.layer() == Cue.MAIN_GRID) {
            mainPos++;
        } else {
            layerPos[out.layer()]++;
        }
        nextIndex++;
        return true;
    }

    /**
     * Moves past the cue that {@link #peek(MutableCue)} just filled, without planning it again. Only
     * valid while nothing changed the planner since that peek (tempo map, end). Allocation free.
     *
     * @param peeked the cue the last peek filled
     */
    void skipPeeked(Cue peeked) {
        if (peeked.layer() == Cue.MAIN_GRID) {
            mainPos++;
        } else {
            layerPos[peeked.layer()]++;
        }
        nextIndex++;
    }

    /**
     * Fills {@code out} with the next cue without moving past it. Allocation free.
     *
     * @param out the slot to fill
     * @return false if the plan has ended ({@code out} unchanged)
     */
    public boolean peek(MutableCue out) {
        boolean found = peekMain(out);
        for (int layer = 0; layer < layerPos.length; layer++) {
            if (peekLayer(layer, scratch) && (!found || scratch.timeNanos() < out.timeNanos())) {
                out.copyFrom(scratch);
                found = true;
            }
        }
        return found;
    }

    private boolean peekMain(MutableCue out) {
        while (true) {
            long beatIndex = Math.floorDiv(mainPos, (long) subdivision);
            int sub = (int) (mainPos - beatIndex * subdivision);
            double position = beatIndex + (double) sub / subdivision;
            if (position >= endBeat || pattern.silentFrom(beatIndex / beatsPerBar)) {
                return false;
            }
            double seconds = map.secondsAt(position);
            if (seconds >= endSeconds) {
                return false;
            }
            long bar = beatIndex / beatsPerBar;
            int beat = (int) (beatIndex - bar * beatsPerBar);
            int velocity = pattern.velocityOf(bar, beat, sub, beatIndex);
            if (velocity > 0) {
                long t = Math.round(seconds * 1e9);
                out.set(nextIndex, bar, beat, sub, Cue.MAIN_GRID, position, t, t, map.bpmAtBeat(position),
                        pattern.voiceOf(beat, sub), velocity);
                return true;
            }
            mainPos++;
        }
    }

    private boolean peekLayer(int layer, MutableCue out) {
        int pulses = pattern.layerPulses(layer);
        while (true) {
            long pos = layerPos[layer];
            long bar = pos / pulses;
            int pulse = (int) (pos - bar * pulses);
            double position = (bar + (double) pulse / pulses) * beatsPerBar;
            if (position >= endBeat || pattern.silentFrom(bar)) {
                return false;
            }
            double seconds = map.secondsAt(position);
            if (seconds >= endSeconds) {
                return false;
            }
            int velocity = pattern.layerVelocityOf(layer, bar, (double) pulse / pulses);
            if (velocity > 0) {
                long t = Math.round(seconds * 1e9);
                out.set(nextIndex, bar, pulse, 0, layer, position, t, t, map.bpmAtBeat(position), Voice.LAYER, velocity);
                return true;
            }
            layerPos[layer]++;
        }
    }
}
