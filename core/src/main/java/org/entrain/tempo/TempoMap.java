package org.entrain.tempo;

import java.util.Arrays;

/**
 * Tempo as a function of time: a sequence of segments (constant, linear in time, linear in beats,
 * exponential in time) with exact, closed-form conversion between beat positions and seconds.
 * Immutable and thread safe; live changes make a new map ({@link #changedAt(double, TempoChange, int)}).
 *
 * <p>The map has no meter: the pattern owns it ({@code Pattern.meter()}). Lengths in bars are
 * resolved to beats with the pattern's beats per bar where the map is built
 * ({@link Builder#beatsPerBar(int)}) or changed ({@link #changedAt(double, TempoChange, int)}).
 *
 * <p>Time 0 is beat 0. Beat {@code b} sits where the integral of bpm(t)/60 from 0 reaches
 * {@code b}. Every conversion starts from the segment's own start (computed once when the map is
 * built), never from the previous cue, so nothing drifts: beat 1 000 000 of a constant 120 bpm
 * map is at exactly 500 000 s. The map is continuous at every join and strictly increasing;
 * before 0 it extends at its first tempo, after its last segment it keeps its last tempo.
 *
 * <pre>{@code
 * TempoMap map = TempoMap.builder(60).beatsPerBar(pattern.beatsPerBar())
 *         .then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.seconds(120)))
 *         .build();
 * double t = map.secondsAt(32);   // where beat 32 sounds, seconds
 * }</pre>
 */
public final class TempoMap {

    private final double[] startBeats;
    private final double[] startSeconds;
    private final Segment[] segments;

    private TempoMap(double[] startBeats, double[] startSeconds, Segment[] segments) {
        this.startBeats = startBeats;
        this.startSeconds = startSeconds;
        this.segments = segments;
    }

    /**
     * A map that keeps one tempo forever.
     *
     * @param bpm the tempo, 1..1000
     * @return the map
     * @throws IllegalArgumentException if {@code bpm} is outside 1..1000
     */
    public static TempoMap constant(double bpm) {
        return builder(bpm).build();
    }

    /**
     * Starts a map at a tempo.
     *
     * @param startBpm the tempo at beat 0, 1..1000
     * @return a builder
     * @throws IllegalArgumentException if {@code startBpm} is outside 1..1000
     */
    public static Builder builder(double startBpm) {
        return new Builder(Bpm.check("bpm", startBpm));
    }

    /**
     * The beat where a length measured from beat 0 ends on this map: bars and beats by the
     * meter ({@link Length#inBeats(int)}), seconds by {@link #beatAt(double)}.
     *
     * @param length the length
     * @param beatsPerBar the pattern's beats per bar (for a length in bars), 1 or more
     * @return the beat position
     */
    public double beatOf(Length length, int beatsPerBar) {
        return length.unit() == Length.Unit.SECONDS ? beatAt(length.amount()) : length.inBeats(beatsPerBar);
    }

    /**
     * Where a beat position sounds. Allocation free.
     *
     * @param beat a beat position (fractions allowed); finite
     * @return seconds from beat 0
     */
    public double secondsAt(double beat) {
        if (beat < 0) {
            return beat * 60.0 / segments[0].startBpm;
        }
        int i = indexOfBeat(beat);
        return startSeconds[i] + segments[i].secondsAfter(beat - startBeats[i]);
    }

    /**
     * The beat position at a time. Allocation free.
     *
     * @param seconds seconds from beat 0; finite
     * @return the beat position (fractional)
     */
    public double beatAt(double seconds) {
        if (seconds < 0) {
            return seconds * segments[0].startBpm / 60.0;
        }
        int i = indexOfSeconds(seconds);
        return startBeats[i] + segments[i].beatsAfter(seconds - startSeconds[i]);
    }

    /**
     * The instantaneous tempo at a beat position.
     *
     * @param beat a beat position
     * @return bpm
     */
    public double bpmAtBeat(double beat) {
        if (beat < 0) {
            return segments[0].startBpm;
        }
        int i = indexOfBeat(beat);
        return segments[i].bpmAfterBeats(beat - startBeats[i]);
    }

    /**
     * The instantaneous tempo at a time.
     *
     * @param seconds seconds from beat 0
     * @return bpm
     */
    public double bpmAtSeconds(double seconds) {
        if (seconds < 0) {
            return segments[0].startBpm;
        }
        int i = indexOfSeconds(seconds);
        return segments[i].bpmAfterSeconds(seconds - startSeconds[i]);
    }

    /**
     * The tempo at beat 0.
     *
     * @return bpm
     */
    public double startBpm() {
        return segments[0].startBpm;
    }

    /**
     * The tempo after the last segment's end, which the map keeps forever.
     *
     * @return bpm
     */
    public double finalBpm() {
        return segments[segments.length - 1].startBpm;
    }

    /**
     * The number of segments.
     *
     * @return 1 or more
     */
    public int segmentCount() {
        return segments.length;
    }

    /**
     * The beat at which segment {@code i} starts.
     *
     * @param i the segment index, 0 .. {@link #segmentCount()} - 1
     * @return its start beat
     */
    public double segmentStartBeat(int i) {
        return startBeats[i];
    }

    /**
     * The time at which segment {@code i} starts.
     *
     * @param i the segment index, 0 .. {@link #segmentCount()} - 1
     * @return its start, seconds
     */
    public double segmentStartSeconds(int i) {
        return startSeconds[i];
    }

    /**
     * The kind of segment {@code i}: {@code constant}, {@code linear}, {@code linear-beats} or {@code exp}.
     *
     * @param i the segment index
     * @return its kind
     */
    public String segmentKind(int i) {
        return segments[i].kind();
    }

    /**
     * The index of the segment that holds a beat position.
     *
     * @param beat a beat position
     * @return the segment index
     */
    public int segmentAtBeat(double beat) {
        return beat < 0 ? 0 : indexOfBeat(beat);
    }

    /**
     * A new map that follows this one up to {@code beat}, then applies {@code change} starting
     * from the tempo at that beat, then keeps the resulting tempo. Beat positions before
     * {@code beat} keep their times exactly; the join is continuous, so the beat phase never
     * jumps.
     *
     * @param beat where the change starts; 0 or more
     * @param change what happens from there
     * @param beatsPerBar the pattern's beats per bar, for a change whose length is in bars; 1..64
     * @return the new map
     * @throws IllegalArgumentException if {@code beat} is negative or not finite, {@code beatsPerBar} is out of
     *         range, or the change is invalid here
     */
    public TempoMap changedAt(double beat, TempoChange change, int beatsPerBar) {
        if (!(beat >= 0) || !Double.isFinite(beat)) {
            throw new IllegalArgumentException("change beat must be a finite number >= 0, was " + beat);
        }
        if (change == null) {
            throw new IllegalArgumentException("change must not be null");
        }
        int i = indexOfBeat(beat);
        int keep = startBeats[i] == beat ? i : i + 1;
        Builder b = new Builder(Builder.checkBeatsPerBar(beatsPerBar), Arrays.copyOf(startBeats, keep),
                Arrays.copyOf(startSeconds, keep), Arrays.copyOf(segments, keep), beat, secondsAt(beat),
                bpmAtBeat(beat));
        return b.then(change).build();
    }

    /**
     * A one-line-per-segment description, for logs and reports.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            sb.append(String.format(java.util.Locale.ROOT, "beat %.6f at %.9f s: %s from %.4f bpm%n",
                    startBeats[i], startSeconds[i], segments[i].kind(), segments[i].startBpm));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "TempoMap[" + segments.length + " segments, " + startBpm() + " -> " + finalBpm() + " bpm]";
    }

    private int indexOfBeat(double beat) {
        int i = Arrays.binarySearch(startBeats, beat);
        return i >= 0 ? lastEqual(startBeats, i) : Math.max(0, -i - 2);
    }

    private int indexOfSeconds(double seconds) {
        int i = Arrays.binarySearch(startSeconds, seconds);
        return i >= 0 ? lastEqual(startSeconds, i) : Math.max(0, -i - 2);
    }

    private static int lastEqual(double[] a, int i) {
        while (i + 1 < a.length && a[i + 1] == a[i]) {
            i++;
        }
        return i;
    }

    /**
     * Builds a {@link TempoMap} from a start tempo and a sequence of {@link TempoChange}s.
     * Not thread safe; each value is checked when given.
     */
    public static final class Builder {
        private int beatsPerBar = 4;
        private boolean beatsPerBarSet;
        private boolean changed;
        private double[] startBeats;
        private double[] startSeconds;
        private Segment[] segments;
        private int count;
        private double beat;
        private double seconds;
        private double bpm;

        private Builder(double startBpm) {
            this(4, new double[0], new double[0], new Segment[0], 0.0, 0.0, startBpm);
        }

        private Builder(int beatsPerBar, double[] startBeats, double[] startSeconds, Segment[] segments,
                        double beat, double seconds, double bpm) {
            this.beatsPerBar = beatsPerBar;
            this.startBeats = Arrays.copyOf(startBeats, Math.max(8, startBeats.length + 8));
            this.startSeconds = Arrays.copyOf(startSeconds, this.startBeats.length);
            this.segments = Arrays.copyOf(segments, this.startBeats.length);
            this.count = startBeats.length;
            this.beat = beat;
            this.seconds = seconds;
            this.bpm = bpm;
        }

        /**
         * Sets the beats per bar used to resolve the lengths in bars of the changes given to this
         * builder (default 4): the pattern's ({@code pattern.beatsPerBar()}), which owns the meter.
         * The map keeps no meter. Must come before any change.
         *
         * @param beats beats per bar, 1..64
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException if set twice or after a change
         */
        public Builder beatsPerBar(int beats) {
            if (beatsPerBarSet || changed) {
                throw new IllegalStateException("beatsPerBar must be set once, before any tempo change");
            }
            this.beatsPerBar = checkBeatsPerBar(beats);
            this.beatsPerBarSet = true;
            return this;
        }

        private static int checkBeatsPerBar(int beats) {
            if (beats < 1 || beats > 64) {
                throw new IllegalArgumentException("beats per bar must be between 1 and 64, was " + beats);
            }
            return beats;
        }

        /**
         * Appends a change after everything so far.
         *
         * @param change the change
         * @return this builder
         * @throws IllegalArgumentException if the change is invalid from the current tempo
         */
        public Builder then(TempoChange change) {
            if (change == null) {
                throw new IllegalArgumentException("tempo change must not be null");
            }
            changed = true;
            if (change instanceof TempoChange.Hold) {
                hold(((TempoChange.Hold) change).length());
            } else if (change instanceof TempoChange.Jump) {
                bpm = ((TempoChange.Jump) change).bpm();
            } else if (change instanceof TempoChange.Ramp) {
                ramp((TempoChange.Ramp) change);
            } else {
                steps((TempoChange.Steps) change);
            }
            return this;
        }

        /**
         * Finishes the map; after the last change it keeps its last tempo forever.
         *
         * @return the map
         */
        public TempoMap build() {
            add(new Segment.Constant(bpm), 0.0, 0.0);
            return new TempoMap(Arrays.copyOf(startBeats, count), Arrays.copyOf(startSeconds, count),
                    Arrays.copyOf(segments, count));
        }

        private double beatsOf(Length length) {
            return length.inBeats(beatsPerBar);
        }

        private void hold(Length length) {
            Segment s = new Segment.Constant(bpm);
            if (length.unit() == Length.Unit.SECONDS) {
                add(s, s.beatsAfter(length.amount()), length.amount());
            } else {
                double beats = beatsOf(length);
                add(s, beats, s.secondsAfter(beats));
            }
        }

        private void ramp(TempoChange.Ramp ramp) {
            double a = bpm;
            double b = ramp.bpm();
            Length length = ramp.length();
            if (a == b) {
                hold(length);
                return;
            }
            boolean inSeconds = length.unit() == Length.Unit.SECONDS;
            double ratio = b / a;
            switch (ramp.shape()) {
                case LINEAR: {
                    double duration = inSeconds ? length.amount() : 120.0 * beatsOf(length) / (a + b);
                    Segment s = new Segment.LinearInTime(a, (b - a) / duration);
                    add(s, inSeconds ? s.beatsAfter(duration) : beatsOf(length), duration);
                    break;
                }
                case LINEAR_BEATS: {
                    double beats = inSeconds ? length.amount() * (b - a) / (60.0 * Math.log(ratio)) : beatsOf(length);
                    Segment s = new Segment.LinearInBeats(a, (b - a) / beats);
                    add(s, beats, inSeconds ? length.amount() : s.secondsAfter(beats));
                    break;
                }
                default: {
                    double duration = inSeconds ? length.amount()
                            : 60.0 * beatsOf(length) * Math.log(ratio) / (a * (ratio - 1.0));
                    Segment s = new Segment.Exponential(a, Math.log(ratio) / duration);
                    add(s, inSeconds ? s.beatsAfter(duration) : beatsOf(length), duration);
                    break;
                }
            }
            bpm = b;
        }

        private void steps(TempoChange.Steps steps) {
            double factor = 1.0 + steps.percent() / 100.0;
            boolean up = factor > 1.0;
            double target = Double.isNaN(steps.untilBpm()) ? (up ? Bpm.MAX : Bpm.MIN) : steps.untilBpm();
            if (up ? target < bpm : target > bpm) {
                throw new IllegalArgumentException("step target " + target + " bpm lies "
                        + (up ? "below" : "above") + " the current " + bpm + " bpm: a "
                        + (up ? "positive" : "negative") + " step never reaches it");
            }
            while (bpm != target) {
                hold(steps.every());
                double next = bpm * factor;
                bpm = up ? Math.min(next, target) : Math.max(next, target);
            }
        }

        private void add(Segment s, double beats, double secs) {
            if (count == startBeats.length) {
                int n = count * 2;
                startBeats = Arrays.copyOf(startBeats, n);
                startSeconds = Arrays.copyOf(startSeconds, n);
                segments = Arrays.copyOf(segments, n);
            }
            startBeats[count] = beat;
            startSeconds[count] = seconds;
            segments[count] = s;
            count++;
            beat += beats;
            seconds += secs;
        }
    }
}
