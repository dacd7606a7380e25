package org.entrain.pattern;

import java.util.Arrays;
import java.util.List;

/**
 * What sounds inside the bar: meter, accents, per-beat levels, subdivisions, polyrhythm layers,
 * gap bars and cue fading. Immutable and thread safe; build with {@link #builder()}.
 *
 * <p>Cue fading (for RAS fade-out) is decided per cue from its position alone, without state, so
 * a plan, a live run and a re-plan after a live change always agree:
 * <ul>
 *   <li>gap bars: in each cycle of {@code play + mute} bars the last {@code mute} are silent;</li>
 *   <li>drop every k-th beat: beat {@code n} (counted from 0 over the whole run) is silent when
 *       {@code n % k == k - 1}, with its subdivisions;</li>
 *   <li>random drop: beat {@code n} is silent when a hash of (seed, n) falls below the probability;</li>
 *   <li>volume fade: velocities scale linearly from 1 at the fade's first bar to the end factor
 *       after its last bar; a cue whose velocity rounds below 1 is silent.</li>
 * </ul>
 */
public final class Pattern {

    /** Default velocity of an accented beat. */
    public static final int DEFAULT_ACCENT_VELOCITY = 120;
    /** Default velocity of a plain beat. */
    public static final int DEFAULT_BEAT_VELOCITY = 90;
    /** Default velocity of a subdivision. */
    public static final int DEFAULT_SUB_VELOCITY = 60;

    private final Meter meter;
    private final boolean[] accented;
    private final int[] beatVelocity;
    private final int subdivision;
    private final int subVelocity;
    private final Layer[] layers;
    private final int gapPlayBars;
    private final int gapMuteBars;
    private final int dropEvery;
    private final double dropProbability;
    private final long dropSeed;
    private final double fadeStartBar;
    private final double fadeBars;
    private final double fadeEndFactor;

    private Pattern(Builder b) {
        this.meter = b.meter;
        int n = meter.beats();
        this.accented = new boolean[n];
        for (int beat : b.accents) {
            if (beat < 1 || beat > n) {
                throw new IllegalArgumentException("accent beat " + beat + " is outside the bar: "
                        + meter + " has beats 1.." + n);
            }
            accented[beat - 1] = true;
        }
        this.beatVelocity = new int[n];
        if (b.levels != null) {
            if (b.levels.length != n) {
                throw new IllegalArgumentException("beat levels give " + b.levels.length
                        + " velocities but " + meter + " has " + n + " beats");
            }
            System.arraycopy(b.levels, 0, beatVelocity, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                beatVelocity[i] = accented[i] ? b.accentVelocity : b.beatVelocity;
            }
        }
        this.subdivision = b.subdivision;
        this.subVelocity = b.subVelocity;
        this.layers = b.layers.toArray(new Layer[0]);
        this.gapPlayBars = b.gapPlay;
        this.gapMuteBars = b.gapMute;
        this.dropEvery = b.dropEvery;
        this.dropProbability = b.dropProbability;
        this.dropSeed = b.dropSeed;
        this.fadeStartBar = b.fadeStartBar;
        this.fadeBars = b.fadeBars;
        this.fadeEndFactor = b.fadeEndFactor;
    }

    /**
     * A builder with the defaults: 4/4, accent on beat 1, no subdivision, no layers, no fading.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default pattern: 4/4 with an accent on beat 1.
     *
     * @return the pattern
     */
    public static Pattern defaults() {
        return builder().build();
    }

    /**
     * The meter.
     *
     * @return the meter
     */
    public Meter meter() {
        return meter;
    }

    /**
     * Beats per bar (the meter's numerator).
     *
     * @return beats per bar
     */
    public int beatsPerBar() {
        return meter.beats();
    }

    /**
     * Pulses per beat of the main grid, 1 for no subdivision.
     *
     * @return 1..8
     */
    public int subdivision() {
        return subdivision;
    }

    /**
     * The polyrhythm layers.
     *
     * @return a copy of the layers, possibly empty
     */
    public List<Layer> layers() {
        return List.of(layers);
    }

    /**
     * The number of polyrhythm layers.
     *
     * @return 0 or more
     */
    public int layerCount() {
        return layers.length;
    }

    /**
     * The pulses per bar of a layer. Allocation free.
     *
     * @param layer the layer index
     * @return its pulses per bar
     */
    public int layerPulses(int layer) {
        return layers[layer].pulsesPerBar();
    }

    /**
     * Whether a beat of the bar is accented.
     *
     * @param beatInBar the beat, from 0
     * @return true if accented
     */
    public boolean isAccented(int beatInBar) {
        return accented[beatInBar];
    }

    /**
     * The voice of a main-grid cue. Allocation free.
     *
     * @param beatInBar the beat within the bar, from 0
     * @param sub the subdivision within the beat, from 0
     * @return {@link Voice#SUB} if {@code sub > 0}, else accent or beat
     */
    public Voice voiceOf(int beatInBar, int sub) {
        if (sub > 0) {
            return Voice.SUB;
        }
        return accented[beatInBar] ? Voice.ACCENT : Voice.BEAT;
    }

    /**
     * The velocity of a main-grid cue after gap bars and fading, or 0 if it is silent.
     * Allocation free.
     *
     * @param bar the bar, from 0
     * @param beatInBar the beat within the bar, from 0
     * @param sub the subdivision within the beat, from 0
     * @param beatIndex the beat counted from 0 over the whole run
     * @return velocity 1..127, or 0 when the cue is silent
     */
    public int velocityOf(long bar, int beatInBar, int sub, long beatIndex) {
        if (mutedBar(bar) || droppedBeat(beatIndex)) {
            return 0;
        }
        int base = sub > 0 ? subVelocity : beatVelocity[beatInBar];
        return faded(base, bar + (double) beatInBar / meter.beats());
    }

    /**
     * The velocity of a layer pulse after gap bars and volume fading, or 0 if it is silent.
     * Beat drops do not apply to layers. Allocation free.
     *
     * @param layer the layer index
     * @param bar the bar, from 0
     * @param barFraction where in the bar, 0 (inclusive) to 1 (exclusive)
     * @return velocity 1..127, or 0 when silent
     */
    public int layerVelocityOf(int layer, long bar, double barFraction) {
        if (mutedBar(bar)) {
            return 0;
        }
        return faded(layers[layer].velocity(), bar + barFraction);
    }

    /**
     * Whether every cue from this bar on is silent (a volume fade to 0 has ended), so a plan
     * without an end can end here.
     *
     * @param bar the bar, from 0
     * @return true if nothing sounds from this bar on
     */
    public boolean silentFrom(long bar) {
        return fadeBars > 0 && fadeEndFactor == 0 && bar >= fadeStartBar + fadeBars;
    }

    private boolean mutedBar(long bar) {
        return gapMuteBars > 0 && Math.floorMod(bar, (long) gapPlayBars + gapMuteBars) >= gapPlayBars;
    }

    private boolean droppedBeat(long beatIndex) {
        if (dropEvery > 0 && Math.floorMod(beatIndex, (long) dropEvery) == dropEvery - 1) {
            return true;
        }
        return dropProbability > 0 && unitHash(dropSeed, beatIndex) < dropProbability;
    }

    private int faded(int base, double barPosition) {
        if (fadeBars > 0 && barPosition > fadeStartBar) {
            double progress = Math.min(1.0, (barPosition - fadeStartBar) / fadeBars);
            double factor = 1.0 + (fadeEndFactor - 1.0) * progress;
            long v = Math.round(base * factor);
            return v < 1 ? 0 : (int) v;
        }
        return base;
    }

    /** A uniform number in [0, 1) from (seed, n): the SplitMix64 finalizer, stateless. */
    static double unitHash(long seed, long n) {
        long z = seed + (n + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    static void checkVelocity(String name, int velocity) {
        if (velocity < 1 || velocity > 127) {
            throw new IllegalArgumentException(name + " must be between 1 and 127, was " + velocity);
        }
    }

    @Override
    public String toString() {
        return "Pattern[" + meter + ", accents " + Arrays.toString(accented) + ", subdivide " + subdivision
                + ", layers " + Arrays.toString(layers) + "]";
    }

    /**
     * Builds a {@link Pattern}. Not thread safe. Each option may be set once; values are checked
     * when given, and against each other in {@link #build()}.
     */
    public static final class Builder {
        private Meter meter = Meter.COMMON;
        private int[] accents = {1};
        private int[] levels;
        private int accentVelocity = DEFAULT_ACCENT_VELOCITY;
        private int beatVelocity = DEFAULT_BEAT_VELOCITY;
        private int subdivision = 1;
        private int subVelocity = DEFAULT_SUB_VELOCITY;
        private final java.util.ArrayList<Layer> layers = new java.util.ArrayList<>();
        private int gapPlay;
        private int gapMute;
        private int dropEvery;
        private double dropProbability;
        private long dropSeed;
        private double fadeStartBar;
        private double fadeBars;
        private double fadeEndFactor = 1.0;
        private final java.util.HashSet<String> set = new java.util.HashSet<>();

        private Builder() {
        }

        private void once(String option) {
            if (!set.add(option)) {
                throw new IllegalStateException(option + " is already set");
            }
        }

        /**
         * Sets the meter (default 4/4).
         *
         * @param meter the meter
         * @return this builder
         */
        public Builder meter(Meter meter) {
            once("meter");
            if (meter == null) {
                throw new IllegalArgumentException("meter must not be null");
            }
            this.meter = meter;
            return this;
        }

        /**
         * Sets the accented beats, numbered from 1 (default: beat 1). No arguments: no accents.
         *
         * @param beats the accented beats, 1..beats per bar
         * @return this builder
         */
        public Builder accents(int... beats) {
            once("accents");
            this.accents = beats.clone();
            return this;
        }

        /**
         * Sets each beat's velocity explicitly (one per beat of the bar), instead of the accent
         * and beat velocities.
         *
         * @param velocities one velocity 1..127 per beat
         * @return this builder
         */
        public Builder beatLevels(int... velocities) {
            once("beatLevels");
            for (int v : velocities) {
                checkVelocity("beat level", v);
            }
            this.levels = velocities.clone();
            return this;
        }

        /**
         * Sets the velocities of accented beats, plain beats and subdivisions.
         *
         * @param accent accent velocity 1..127
         * @param beat beat velocity 1..127
         * @param sub subdivision velocity 1..127
         * @return this builder
         */
        public Builder velocities(int accent, int beat, int sub) {
            once("velocities");
            checkVelocity("accent velocity", accent);
            checkVelocity("beat velocity", beat);
            checkVelocity("subdivision velocity", sub);
            this.accentVelocity = accent;
            this.beatVelocity = beat;
            this.subVelocity = sub;
            return this;
        }

        /**
         * Sets the pulses per beat (default 1).
         *
         * @param pulsesPerBeat 1..8
         * @return this builder
         */
        public Builder subdivide(int pulsesPerBeat) {
            once("subdivide");
            if (pulsesPerBeat < 1 || pulsesPerBeat > 8) {
                throw new IllegalArgumentException("subdivision must be between 1 and 8 per beat, was " + pulsesPerBeat);
            }
            this.subdivision = pulsesPerBeat;
            return this;
        }

        /**
         * Adds a polyrhythm layer (may be called several times, up to 4 layers).
         *
         * @param layer the layer
         * @return this builder
         */
        public Builder layer(Layer layer) {
            if (layer == null) {
                throw new IllegalArgumentException("layer must not be null");
            }
            if (layers.size() == 4) {
                throw new IllegalArgumentException("at most 4 layers are allowed");
            }
            layers.add(layer);
            return this;
        }

        /**
         * Plays {@code playBars} bars, then mutes {@code muteBars}, repeatedly.
         *
         * @param playBars bars that sound, 1 or more
         * @param muteBars bars that are silent, 1 or more
         * @return this builder
         */
        public Builder gapBars(int playBars, int muteBars) {
            once("gapBars");
            if (playBars < 1 || muteBars < 1) {
                throw new IllegalArgumentException("gap bars need play >= 1 and mute >= 1, were "
                        + playBars + " and " + muteBars);
            }
            this.gapPlay = playBars;
            this.gapMute = muteBars;
            return this;
        }

        /**
         * Silences every k-th beat (with its subdivisions).
         *
         * @param k 2 or more
         * @return this builder
         */
        public Builder dropEvery(int k) {
            once("dropEvery");
            if (k < 2) {
                throw new IllegalArgumentException("drop every k-th beat needs k >= 2, was " + k);
            }
            this.dropEvery = k;
            return this;
        }

        /**
         * Silences each beat with a probability, reproducibly for a seed.
         *
         * @param probability 0 (exclusive) to 1 (exclusive)
         * @param seed the seed
         * @return this builder
         */
        public Builder randomDrop(double probability, long seed) {
            once("randomDrop");
            if (!(probability > 0 && probability < 1)) {
                throw new IllegalArgumentException("random drop probability must be above 0 and below 1, was " + probability);
            }
            this.dropProbability = probability;
            this.dropSeed = seed;
            return this;
        }

        /**
         * Fades the volume linearly from bar {@code startBar} over {@code bars} bars to
         * {@code endFactor} times the velocity (0 fades out completely).
         *
         * @param startBar the bar where the fade starts, 0 or more
         * @param bars how many bars the fade lasts, above 0
         * @param endFactor the final velocity factor, 0..1
         * @return this builder
         */
        public Builder fadeVolume(double startBar, double bars, double endFactor) {
            once("fadeVolume");
            if (!(startBar >= 0) || !Double.isFinite(startBar)) {
                throw new IllegalArgumentException("fade start bar must be >= 0, was " + startBar);
            }
            if (!(bars > 0) || !Double.isFinite(bars)) {
                throw new IllegalArgumentException("fade length must be above 0 bars, was " + bars);
            }
            if (!(endFactor >= 0 && endFactor <= 1)) {
                throw new IllegalArgumentException("fade end factor must be between 0 and 1, was " + endFactor);
            }
            this.fadeStartBar = startBar;
            this.fadeBars = bars;
            this.fadeEndFactor = endFactor;
            return this;
        }

        /**
         * Checks the options against each other and builds.
         *
         * @return the pattern
         * @throws IllegalArgumentException if an accent lies outside the bar or levels do not fit the meter
         */
        public Pattern build() {
            return new Pattern(this);
        }
    }
}
