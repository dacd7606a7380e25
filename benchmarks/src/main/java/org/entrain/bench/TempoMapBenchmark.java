package org.entrain.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Tempo map conversions per second: beat -> time (secondsAt) and time -> beat (beatAt), at random
 * positions over the first 2000 beats (so the segment search is exercised), for
 *   constant  TempoMap.constant(120)                               1 segment
 *   linear    60 -> 120 BPM, linear in time over 120 s              2 segments
 *   exp       60 -> 120 BPM, exponential over 120 s                 2 segments
 *   steps     +1 % every bar from 60 to 600 BPM                      ~233 segments
 * Run: java -jar benchmarks/target/benchmarks.jar TempoMapBenchmark
 */

/**
 * Throughput of the tempo map's closed-form conversions. Not thread safe (one JMH thread per state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class TempoMapBenchmark {

    private static final int POSITIONS = 1 << 12;

    /** The map's shape. */
    @Param({"constant", "linear", "exp", "steps"})
    public String shape;

    private TempoMap map;
    private final double[] beats = new double[POSITIONS];
    private final double[] seconds = new double[POSITIONS];
    private int next;

    /** Creates the state (JMH instantiates it). */
    public TempoMapBenchmark() {
    }

    /** Builds the map and the random positions. */
    @Setup(Level.Trial)
    public void setUp() {
        switch (shape) {
            case "constant":
                map = TempoMap.constant(120);
                break;
            case "linear":
                map = TempoMap.builder(60).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.seconds(120))).build();
                break;
            case "exp":
                map = TempoMap.builder(60).then(TempoChange.rampTo(RampShape.EXPONENTIAL, 120, Length.seconds(120))).build();
                break;
            case "steps":
                map = TempoMap.builder(60).then(TempoChange.steps(1, Length.bars(1), 600)).build();
                break;
            default:
                throw new IllegalArgumentException("shape '" + shape + "' is not one of constant, linear, exp, steps");
        }
        SplittableRandom random = new SplittableRandom(7);
        double lastBeat = Math.max(2000, map.segmentStartBeat(map.segmentCount() - 1) + 16);
        for (int i = 0; i < POSITIONS; i++) {
            beats[i] = random.nextDouble() * lastBeat;
            seconds[i] = map.secondsAt(random.nextDouble() * lastBeat);
        }
    }

    /**
     * Where a beat sounds.
     *
     * @return seconds
     */
    @Benchmark
    public double beatToTime() {
        return map.secondsAt(beats[next++ & (POSITIONS - 1)]);
    }

    /**
     * The beat at a time.
     *
     * @return beats
     */
    @Benchmark
    public double timeToBeat() {
        return map.beatAt(seconds[next++ & (POSITIONS - 1)]);
    }

    /**
     * Baseline: reading the position only.
     *
     * @return the position
     */
    @Benchmark
    public double positionOnly() {
        return beats[next++ & (POSITIONS - 1)];
    }
}
