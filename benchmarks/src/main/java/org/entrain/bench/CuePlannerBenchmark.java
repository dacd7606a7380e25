package org.entrain.bench;

import java.util.concurrent.TimeUnit;
import org.entrain.pattern.Layer;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.MutableCue;
import org.entrain.schedule.CuePlanner;
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
 * CuePlanner.next(cue) per second (allocation free: check with -prof gc), on an endless plan:
 *   constant    120 BPM, 4/4, 16th notes
 *   ramp+layer  60 -> 120 BPM exponential over 64 bars, then steady; 16ths plus a 3-against-4 layer
 * Run: java -jar benchmarks/target/benchmarks.jar CuePlannerBenchmark -prof gc
 */

/**
 * Throughput of planning the next cue. Not thread safe (one JMH thread per state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class CuePlannerBenchmark {

    /** The plan. */
    @Param({"constant", "ramp+layer"})
    public String plan;

    private CuePlanner planner;
    private final MutableCue cue = new MutableCue();

    /** Creates the state (JMH instantiates it). */
    public CuePlannerBenchmark() {
    }

    /** Builds an endless planner. */
    @Setup(Level.Trial)
    public void setUp() {
        if ("constant".equals(plan)) {
            planner = new CuePlanner(TempoMap.constant(120), Pattern.builder().subdivide(4).build(), null);
        } else if ("ramp+layer".equals(plan)) {
            TempoMap map = TempoMap.builder(60)
                    .then(TempoChange.rampTo(RampShape.EXPONENTIAL, 120, Length.bars(64)))
                    .build();
            planner = new CuePlanner(map, Pattern.builder().subdivide(4).layer(new Layer(3, 70)).build(), null);
        } else {
            throw new IllegalArgumentException("plan '" + plan + "' is not one of constant, ramp+layer");
        }
    }

    /**
     * Plans the next cue.
     *
     * @return its time, nanos from beat 0
     */
    @Benchmark
    public long next() {
        planner.next(cue);
        return cue.timeNanos();
    }
}
