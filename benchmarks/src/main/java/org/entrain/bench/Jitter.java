package org.entrain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Lateness of cues against their absolute deadlines, reported as JMH auxiliary counters. Not
 * thread safe: only the benchmark thread records (sources hand their send times over with a
 * {@link CueHandoff}).
 *
 * <p>Per cue: lateness = actual send time - planned time (both {@link System#nanoTime()}), into
 * an HdrHistogram (negative values, i.e. early cues, count as 0 and are counted in
 * {@link #earlyCues()}); inter-onset error = |actual interval - planned interval| between
 * consecutive cues. CPU: the sending thread's CPU time between the first and the last cue of the
 * measurement, divided by the wall time between them.
 *
 * <p>JMH sums {@code EVENTS} counters over measurement iterations and forks. So that the sum is
 * right, the histograms accumulate over all measurement iterations of a fork and only the last
 * measurement iteration reports them (earlier ones report 0); warm-up iterations report their
 * own. Run with one fork ({@code -f 1}, the default here) to keep percentiles meaningful. At the
 * end of the measurement, the full percentile distribution is written to
 * {@code <dir>/<benchmark>-<params>.hgrm} and one table row is appended to
 * {@code <dir>/summary.md}, where {@code <dir>} is {@code $ENTRAIN_JITTER_DIR}, else
 * {@code benchmarks/target/jitter} when run from the project root, else {@code target/jitter}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Jitter {

    private static final long MAX_TRACKED = 60_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Histogram lateness = new Histogram(1, MAX_TRACKED, 3);
    private final Histogram ioiError = new Histogram(1, MAX_TRACKED, 3);
    private long cues;
    private long early;
    private long minLateness = Long.MAX_VALUE;
    private long prevPlanned;
    private long prevActual;
    private boolean havePrev;
    private Thread cpuThread;
    private long lastCpu;
    private long lastWall;
    private long cpuSum;
    private long wallSum;

    private boolean measuring;
    private int measuredIterations;
    private boolean report;
    private String label = "";

    /** Creates an empty recorder (JMH instantiates it). */
    public Jitter() {
    }

    /**
     * Starts an iteration: warm-up iterations and the first measurement iteration start empty.
     *
     * @param benchmark JMH's benchmark parameters
     * @param iteration JMH's iteration parameters
     */
    @Setup(Level.Iteration)
    public void beginIteration(BenchmarkParams benchmark, IterationParams iteration) {
        boolean measurement = iteration.getType() == IterationType.MEASUREMENT;
        if (!measurement || !measuring) {
            reset();
            measuredIterations = 0;
        }
        measuring = measurement;
        if (measurement) {
            measuredIterations++;
        }
        report = !measurement || measuredIterations == iteration.getCount();
        havePrev = false;
        cpuThread = null;
        label = labelOf(benchmark);
    }

    /**
     * Ends an iteration; after the last measurement iteration writes the histogram files.
     *
     * @param benchmark JMH's benchmark parameters
     * @throws IOException if the files cannot be written
     */
    @TearDown(Level.Iteration)
    public void endIteration(BenchmarkParams benchmark) throws IOException {
        if (measuring && report) {
            writeFiles(benchmark);
        }
    }

    private void reset() {
        lateness.reset();
        ioiError.reset();
        cues = 0;
        early = 0;
        minLateness = Long.MAX_VALUE;
        cpuSum = 0;
        wallSum = 0;
    }

    /**
     * Records one cue. Benchmark thread only.
     *
     * @param planned planned send time, nanos
     * @param actual actual send time, nanos
     */
    void record(long planned, long actual) {
        long late = actual - planned;
        if (late < 0) {
            early++;
        }
        minLateness = Math.min(minLateness, late);
        lateness.recordValue(clamp(late));
        if (havePrev) {
            long error = (actual - prevActual) - (planned - prevPlanned);
            ioiError.recordValue(clamp(Math.abs(error)));
        }
        prevPlanned = planned;
        prevActual = actual;
        havePrev = true;
        cues++;
    }

    /**
     * Samples the CPU time of the thread that sends the cues (call right after each cue). The
     * CPU and wall time between consecutive samples of the same thread add up; a new thread
     * (each iteration starts its source anew) starts a new stretch.
     *
     * @param sender the sending thread, or null if not known yet
     */
    void sampleCpu(Thread sender) {
        if (sender == null) {
            return;
        }
        long wall = System.nanoTime();
        long cpu = sender == Thread.currentThread() ? THREADS.getCurrentThreadCpuTime()
                : THREADS.getThreadCpuTime(sender.getId());
        if (cpu < 0) {
            return;
        }
        if (sender == cpuThread) {
            cpuSum += cpu - lastCpu;
            wallSum += wall - lastWall;
        }
        cpuThread = sender;
        lastCpu = cpu;
        lastWall = wall;
    }

    private static long clamp(long v) {
        return v < 1 ? 1 : Math.min(v, MAX_TRACKED);
    }

    private double usAt(Histogram h, double percentile) {
        return report && h.getTotalCount() > 0 ? h.getValueAtPercentile(percentile) / 1000.0 : 0.0;
    }

    /**
     * Cues recorded.
     *
     * @return the count (0 except in the reporting iteration)
     */
    public long cues() {
        return report ? cues : 0;
    }

    /**
     * Cues that came before their planned time (recorded as 0 lateness).
     *
     * @return the count
     */
    public long earlyCues() {
        return report ? early : 0;
    }

    /**
     * Median lateness.
     *
     * @return microseconds
     */
    public double lateP50Us() {
        return usAt(lateness, 50);
    }

    /**
     * 99th percentile of lateness.
     *
     * @return microseconds
     */
    public double lateP99Us() {
        return usAt(lateness, 99);
    }

    /**
     * 99.9th percentile of lateness.
     *
     * @return microseconds
     */
    public double lateP999Us() {
        return usAt(lateness, 99.9);
    }

    /**
     * Largest lateness.
     *
     * @return microseconds
     */
    public double lateMaxUs() {
        return usAt(lateness, 100);
    }

    /**
     * 99th percentile of the inter-onset error |actual interval - planned interval|.
     *
     * @return microseconds
     */
    public double ioiP99Us() {
        return usAt(ioiError, 99);
    }

    /**
     * Largest inter-onset error.
     *
     * @return microseconds
     */
    public double ioiMaxUs() {
        return usAt(ioiError, 100);
    }

    /**
     * CPU time of the sending thread per second of cueing, in percent of one core.
     *
     * @return percent
     */
    public double cpuPercent() {
        if (!report) {
            return 0.0;
        }
        return wallSum > 0 ? 100.0 * cpuSum / wallSum : 0.0;
    }

    private static String labelOf(BenchmarkParams benchmark) {
        String name = benchmark.getBenchmark();
        StringBuilder sb = new StringBuilder(name.substring(name.lastIndexOf('.') + 1));
        for (String key : benchmark.getParamsKeys()) {
            sb.append('-').append(key).append('=').append(benchmark.getParam(key));
        }
        return sb.toString();
    }

    private void writeFiles(BenchmarkParams benchmark) throws IOException {
        Path dir = outputDir();
        Files.createDirectories(dir);
        String file = label.replaceAll("[^A-Za-z0-9=.-]", "_");
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(file + ".hgrm")), true,
                StandardCharsets.UTF_8)) {
            out.println("# lateness (actual - planned send time), microseconds: " + label);
            lateness.outputPercentileDistribution(out, 1000.0);
            out.println();
            out.println("# inter-onset error |actual - planned interval|, microseconds: " + label);
            ioiError.outputPercentileDistribution(out, 1000.0);
        }
        String row = String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
                sourceOf(benchmark), paramOr(benchmark, "cueInterval"), paramOr(benchmark, "load"), cues,
                usAt(lateness, 50), usAt(lateness, 99), usAt(lateness, 99.9), usAt(lateness, 100),
                usAt(ioiError, 99), cpuPercent());
        Files.write(dir.resolve("summary.md"), row.getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print("jitter " + row);
    }

    private static String sourceOf(BenchmarkParams benchmark) {
        String name = benchmark.getBenchmark();
        String method = name.substring(name.lastIndexOf('.') + 1);
        String strategy = paramOr(benchmark, "strategy");
        return "-".equals(strategy) ? method : method + " " + strategy;
    }

    private static String paramOr(BenchmarkParams benchmark, String key) {
        String v = benchmark.getParam(key);
        return v == null ? "-" : v;
    }

    /**
     * Where the histogram files go.
     *
     * @return the directory
     */
    static Path outputDir() {
        String env = System.getenv("ENTRAIN_JITTER_DIR");
        if (env != null && !env.isEmpty()) {
            return Paths.get(env);
        }
        Path target = Paths.get("benchmarks", "target");
        return Files.isDirectory(target) ? target.resolve("jitter") : Paths.get("target", "jitter");
    }
}
