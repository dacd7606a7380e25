package org.entrain.bench.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.AnalysisResult;
import org.entrain.analysis.MatchOptions;
import org.entrain.analysis.Matching;
import org.entrain.analysis.TapMatcher;
import org.entrain.analysis.TimingAnalyzer;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@code TimingAnalyzer.analyze} takes on a one-hour session: about 7 000 beat cues
 * (115 bpm, then a ramp to 125 bpm and back, 4/4) and a simulated client (phase correction 0.5,
 * timekeeper noise 10 ms, motor noise 5 ms, 2 % of cues missed, 1 % extra taps), generated
 * deterministically (seed 42). {@code matchOnly} is the baseline: the one-to-one matching alone.
 * Not thread safe (JMH state per benchmark).
 *
 * <pre>{@code
 * ./mvnw -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar org.entrain.bench.analysis -f 1 -wi 5 -i 5
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class AnalyzeBenchmark {

    private List<CueEvent> cues;
    private double[] cueTimes;
    private double[] taps;

    /** Generates the session. */
    @Setup
    public void setUp() {
        TempoMap map = TempoMap.builder(115).then(TempoChange.hold(Length.seconds(1200)))
                .then(TempoChange.rampTo(RampShape.LINEAR, 125, Length.seconds(600)))
                .then(TempoChange.hold(Length.seconds(600)))
                .then(TempoChange.rampTo(RampShape.LINEAR, 115, Length.seconds(600))).build();
        cues = CuePlanner.plan(map, Pattern.defaults(), Length.seconds(3600));
        cueTimes = new double[cues.size()];
        for (int k = 0; k < cueTimes.length; k++) {
            cueTimes[k] = cues.get(k).timeSeconds();
        }
        taps = simulate(cues, 42);
    }

    static double[] simulate(List<CueEvent> cues, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Double> out = new ArrayList<>();
        double tau = -0.03;
        for (int k = 0; k < cues.size(); k++) {
            double c = cues.get(k).timeSeconds();
            double t = tau + 0.005 * gauss(rnd);
            if (rnd.nextDouble() >= 0.02) {
                out.add(t);
            }
            if (rnd.nextDouble() < 0.01) {
                out.add(t + 0.15);
            }
            double period = 60.0 / cues.get(k).bpm();
            tau = tau + period + 0.010 * gauss(rnd) - 0.5 * (t - c);
        }
        return out.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * The whole analysis: matching, statistics, segments, bGLS, tempo tracking.
     *
     * @return the result
     */
    @Benchmark
    public AnalysisResult analyze() {
        return TimingAnalyzer.analyze(cues, taps, AnalysisOptions.DEFAULT);
    }

    /**
     * Baseline: the matching alone.
     *
     * @return the matching
     */
    @Benchmark
    public Matching matchOnly() {
        return TapMatcher.match(cueTimes, taps, MatchOptions.DEFAULT);
    }
}
