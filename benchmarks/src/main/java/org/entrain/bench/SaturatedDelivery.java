package org.entrain.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.WaitStrategies;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;

/**
 * Cue delivery with every core saturated: the real engine (its own dispatcher thread, the system
 * clock, park-then-spin waits) sends 16ths at 120 bpm (125 ms apart) for a given time while one
 * arithmetic hog per core and an allocating thread (GC pressure) run in the same JVM; the same
 * run without load is the baseline. Per cue, lateness = the time the sink receives it minus its
 * deadline, into an HdrHistogram (recorded with the expected interval, so stalls are not hidden).
 * Every cue index is counted: lost (never received) and doubled (received twice) must be 0.
 *
 * <pre>{@code
 * ./mvnw -q -B -ntp package -DskipTests -pl benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar org.entrain.bench.SaturatedDelivery 60
 * }</pre>
 * The argument is the seconds per run (default 30). Prints one table row per run.
 */
public final class SaturatedDelivery {

    /** Tells the load threads to stop. */
    private static volatile boolean stop;

    private SaturatedDelivery() {
    }

    /**
     * Runs the baseline and the saturated run.
     *
     * @param args seconds per run (default 30)
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("| load | cues planned | received | lost | doubled | p50 | p99 | p99.9 | max |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        System.out.println(run(seconds, 0, false));
        System.out.println(run(seconds, cores, true));
    }

    /**
     * One run.
     *
     * @param seconds how long
     * @param hogs arithmetic threads
     * @param allocate whether an allocating thread runs
     * @return the table row
     * @throws InterruptedException if interrupted
     */
    static String run(int seconds, int hogs, boolean allocate) throws InterruptedException {
        int planned = seconds * 8;
        int[] received = new int[planned + 16];
        Histogram lateness = new Histogram(1, 60_000_000_000L, 3);
        long interval = 125_000_000L;
        CueEngine engine = CueEngine.builder().tempoMap(TempoMap.constant(120)).pattern(Pattern.builder().subdivide(4).build())
                .end(Length.seconds(seconds)).waitStrategy(WaitStrategies.parkThenSpin()).sink(cue -> {
                    long late = System.nanoTime() - cue.deadlineNanos();
                    lateness.recordValueWithExpectedInterval(Math.max(1, late), interval);
                    int i = (int) cue.index();
                    if (i >= 0 && i < received.length) {
                        received[i]++;
                    }
                }).build();
        List<Thread> load = new ArrayList<>();
        stop = false;
        for (int h = 0; h < hogs; h++) {
            load.add(new Thread(() -> {
                long x = 1;
                while (!stop) {
                    for (int k = 0; k < 1_000_000; k++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                }
            }, "hog-" + h));
        }
        if (allocate) {
            load.add(new Thread(() -> {
                Object[] live = new Object[4096];
                int k = 0;
                while (!stop) {
                    live[k++ & 4095] = new byte[4096];
                }
            }, "alloc"));
        }
        for (Thread t : load) {
            t.setDaemon(true);
            t.start();
        }
        engine.start();
        engine.awaitFinished(seconds + 30L, TimeUnit.SECONDS);
        stop = true;
        for (Thread t : load) {
            t.join(5000);
        }
        int got = 0;
        int lost = 0;
        int doubled = 0;
        for (int i = 0; i < planned; i++) {
            got += received[i];
            lost += received[i] == 0 ? 1 : 0;
            doubled += received[i] > 1 ? 1 : 0;
        }
        for (int i = planned; i < received.length; i++) {
            got += received[i];
            doubled += received[i];
        }
        String what = hogs == 0 ? "none (baseline)" : hogs + " arithmetic threads (one per core) + allocator";
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.3f ms | %.3f ms | %.3f ms | %.3f ms |", what, planned, got, lost,
                doubled, lateness.getValueAtPercentile(50) / 1e6, lateness.getValueAtPercentile(99) / 1e6,
                lateness.getValueAtPercentile(99.9) / 1e6, lateness.getMaxValue() / 1e6);
    }
}
