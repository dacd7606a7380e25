package org.entrain.bench.onset;

import java.util.concurrent.TimeUnit;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.OnsetDetector;
import org.entrain.onset.TestSignals;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Detection throughput of the bare {@link OnsetDetector} (no TarsosDSP plumbing) on 10 s of the
 * reference mix, in 256-sample buffers as a live input delivers them; baseline: copying the same
 * buffers. Times real time = 10 s / score.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar org.entrain.bench.onset.OnsetDetectorBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OnsetDetectorBenchmark {

    /** Preset under test. */
    @Param({"taps", "steps"})
    public String preset;

    private float[] audio;
    private float[] buffer;
    private DetectorSettings settings;
    private long found;

    /** Makes 10 s of the reference mix. */
    @Setup
    public void setUp() {
        TestSignals.Mix mix = TestSignals.mix(new TestSignals.Spec(10, 44_100f, 20,
                java.util.List.of(TestSignals.Hit.CLICK, TestSignals.Hit.KNOCK, TestSignals.Hit.CLAP), 150, 20, 6, 100, -6,
                0.25, true, 1));
        audio = mix.samples();
        buffer = new float[256];
        settings = DetectorSettings.preset(preset);
    }

    /**
     * Detects onsets in 10 s of audio.
     *
     * @param bh sink
     * @return onsets found
     */
    @Benchmark
    public long detect(Blackhole bh) {
        found = 0;
        OnsetDetector d = new OnsetDetector(settings, 44_100f, (frame, strength, flags) -> found++);
        for (int off = 0; off + 256 <= audio.length; off += 256) {
            System.arraycopy(audio, off, buffer, 0, 256);
            d.process(buffer, 0, 256);
        }
        d.flush();
        bh.consume(buffer);
        return found;
    }

    /**
     * Baseline: the buffer copies alone.
     *
     * @param bh sink
     * @return a sample
     */
    @Benchmark
    public float copyOnly(Blackhole bh) {
        for (int off = 0; off + 256 <= audio.length; off += 256) {
            System.arraycopy(audio, off, buffer, 0, 256);
            bh.consume(buffer);
        }
        return buffer[0];
    }
}
