package org.entrain.bench;

import java.util.concurrent.TimeUnit;
import org.entrain.clock.ManualNanoClock;
import org.entrain.pattern.Layer;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.DispatchLog;
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
 * The steady-state dispatch path allocates nothing: one operation advances a manual clock to the
 * next cue's deadline and calls CueEngine.doWork(now) (engine begun with begin(origin)), which
 * commits and sends exactly that cue to a no-op sink, then asks nextWakeNanos() as the
 * dispatcher thread does; the dispatch log is drained with a preallocated handler as a recorder
 * thread would. gc.alloc.rate.norm must be ~0 B/op:
 *   java -jar benchmarks/target/benchmarks.jar DispatchAllocBenchmark -prof gc
 * The baseline nextWakeOnly asks only for the next wake time (no dispatch).
 */

/**
 * Allocation (and cost) per dispatched cue on the engine's steady-state path. Not thread safe
 * (one JMH thread per state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class DispatchAllocBenchmark {

    /** The pattern: 16th notes, or 16th notes with a 3-against-4 layer (two streams merged). */
    @Param({"sixteenths", "sixteenths+layer"})
    public String pattern;

    private ManualNanoClock clock;
    private CueEngine engine;
    private DispatchLog.Handler drainer;
    private long sunk;

    /** Creates the state (JMH instantiates it). */
    public DispatchAllocBenchmark() {
    }

    /** Builds an endless engine on a manual clock and begins it at time 0. */
    @Setup(Level.Trial)
    public void setUp() {
        Pattern.Builder p = Pattern.builder().subdivide(4);
        if ("sixteenths+layer".equals(pattern)) {
            p.layer(new Layer(3, 70));
        } else if (!"sixteenths".equals(pattern)) {
            throw new IllegalArgumentException("pattern '" + pattern + "' is not one of sixteenths, sixteenths+layer");
        }
        clock = new ManualNanoClock(0);
        engine = CueEngine.builder()
                .clock(clock)
                .tempoMap(TempoMap.constant(120))
                .pattern(p.build())
                .sink(this::noOp)
                .build();
        engine.begin(0);
        drainer = (cue, sink, planned, actual) -> sunk += actual;
    }

    private void noOp(Cue cue) {
        sunk += cue.index();
    }

    /**
     * One cue: the clock jumps to the next deadline, doWork sends it, nextWakeNanos plans the one after.
     *
     * @return the next wake time
     */
    @Benchmark
    public long dispatchOneCue() {
        long now = engine.nextWakeNanos();
        clock.set(now);
        int sends = engine.doWork(now);
        engine.dispatchLog().drain(drainer);
        return engine.nextWakeNanos() + sends;
    }

    /**
     * Baseline: the next wake time only (the cue is already planned: a cheap read).
     *
     * @return the next wake time
     */
    @Benchmark
    public long nextWakeOnly() {
        return engine.nextWakeNanos();
    }
}
