package org.entrain.bench;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.WaitStrategies;
import org.entrain.schedule.WaitStrategy;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/*
 * Cue jitter: lateness of each cue against its ABSOLUTE deadline (actual send time - planned
 * time, System.nanoTime()), not the duration of a method. One benchmark operation is one cue;
 * the JMH score is therefore cues per second (8 at cueInterval=125ms, 2 at cueInterval=500ms: a sanity check,
 * not a figure of merit). The figures are the auxiliary counters (see Jitter): lateness p50, p99,
 * p99.9, max; inter-onset error p99, max; CPU of the sending thread in % of a core; cue count.
 * Full histograms: benchmarks/target/jitter/*.hgrm, one table row per run: summary.md.
 *
 * Sources, in one run, at the same planned times (a grid from "start + 100 ms"):
 *   engine           CueEngine.start() with each wait strategy (its own dispatcher thread); the sink
 *                    takes System.nanoTime() on receipt and compares it with cue.deadlineNanos()
 *   sleepLoop        a metronome loop that Thread.sleep()s until each absolute deadline (the
 *                    non-drifting form; sleeping a fixed period would also drift)
 *   scheduledExecutor ScheduledThreadPoolExecutor.scheduleAtFixedRate; planned = its own first
 *                    trigger time (from the future's delay) + k * period
 *   jdkSequencer     MidiSystem.getSequencer(false) playing the cues as a Sequence into a recording
 *                    Receiver; planned = the tick's time after the nanoTime() just before start()
 *   spinLoop         a pure spin on System.nanoTime() (the practical floor)
 * Intervals: cueInterval=125ms (16th notes at 120 BPM), cueInterval=500ms (quarter notes at 120 BPM).
 * Load: load=none, or load=cpu+gc (a CPU hog thread plus an allocating thread: with the cue thread
 * and the collector, both cores of the reference machine are oversubscribed), or load=session
 * (not in the default set: a live session's other threads in this JVM plus a CPU hog in another
 * process, see SessionLoad). The final table's commands are at the top of benchmarks/README.md.
 *
 * Each iteration must see enough cues: the measurement iteration is 60 s (480 or 120 cues); the
 * percentiles of one fork accumulate over its measurement iterations. Run (the README table):
 *   java -jar benchmarks/target/benchmarks.jar CueJitterBenchmark -f 1 -wi 1 -w 5s -i 1 -r 60s
 * Smoke (CI): benchmarks/smoke.sh (one fork, no warm-up, one 1 s iteration).
 */

/**
 * Cue lateness against absolute deadlines: the engine's dispatcher with each wait strategy
 * beside the usual ways to time a metronome on the JVM. Not thread safe (JMH states are
 * per-thread or per-benchmark as annotated).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 1, time = 60, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED"})
@Timeout(time = 10, timeUnit = TimeUnit.MINUTES)
public class CueJitterBenchmark {

    /** Beat 0 / the first cue sounds this long after a source starts. */
    static final long LEAD_IN_NANOS = 100_000_000L;
    /** A cue that does not arrive within this time fails the benchmark (a stopped source). */
    static final long CUE_TIMEOUT_NANOS = 5_000_000_000L;

    /** The cue interval: 125 ms = 16th notes at 120 BPM, 500 ms = quarter notes at 120 BPM. */
    @Param({"125ms", "500ms"})
    public String cueInterval;

    /**
     * Background load: {@code none}, {@code cpu+gc}, or {@code session} (the realistic row, not in
     * the default set: {@code -p load=session}; see {@link SessionLoad}).
     */
    @Param({"none", "cpu+gc"})
    public String load;

    private long periodNanos;
    private Pattern pattern;
    private LoadGenerator loadGenerator;
    SessionLoad sessionLoad;

    /** Creates the state (JMH instantiates it). */
    public CueJitterBenchmark() {
    }

    /**
     * Checks the parameters and starts the background load.
     */
    @Setup(Level.Trial)
    public void setUp() {
        System.out.println("jitter gc: " + gcNames());
        if ("125ms".equals(cueInterval)) {
            periodNanos = 125_000_000L;
            pattern = Pattern.builder().subdivide(4).build();
        } else if ("500ms".equals(cueInterval)) {
            periodNanos = 500_000_000L;
            pattern = Pattern.defaults();
        } else {
            throw new IllegalArgumentException("cueInterval '" + cueInterval + "' is not one of 125ms, 500ms");
        }
        if ("cpu+gc".equals(load)) {
            loadGenerator = new LoadGenerator();
            loadGenerator.start();
        } else if ("session".equals(load)) {
            sessionLoad = new SessionLoad();
            try {
                sessionLoad.start();
            } catch (Exception e) {
                throw new IllegalStateException("the session load could not start: " + e, e);
            }
        } else if (!"none".equals(load)) {
            throw new IllegalArgumentException("load '" + load + "' is not one of none, cpu+gc, session");
        }
    }

    /**
     * Stops the background load.
     *
     * @throws InterruptedException if interrupted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (loadGenerator != null) {
            loadGenerator.stop();
        }
        if (sessionLoad != null) {
            System.out.println("jitter session load: " + sessionLoad.onsets() + " onsets detected");
            try {
                sessionLoad.stop();
            } catch (Exception e) {
                throw new IllegalStateException("the session load did not stop cleanly: " + e, e);
            }
        }
    }

    /** The collectors of this JVM, e.g. "G1 Young Generation, G1 Old Generation". */
    static String gcNames() {
        StringBuilder sb = new StringBuilder();
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(gc.getName());
        }
        return sb.toString();
    }

    /**
     * The cue interval in nanos.
     *
     * @return nanos
     */
    long periodNanos() {
        return periodNanos;
    }

    /**
     * The engine: one cue delivered by its dispatcher thread to a recording sink.
     *
     * @param source the running engine
     * @param jitter the recorder
     * @return the cue's send time
     */
    @Benchmark
    public long engine(EngineSource source, Jitter jitter) {
        return source.handoff.take(jitter, CUE_TIMEOUT_NANOS);
    }

    /**
     * Baseline 2: a Thread.sleep metronome loop, one cue.
     *
     * @param source the loop's deadlines
     * @param jitter the recorder
     * @return the cue's send time
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    public long sleepLoop(LoopSource source, Jitter jitter) throws InterruptedException {
        long planned = source.nextDeadline();
        long remaining = planned - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000L, (int) (remaining % 1_000_000L));
        }
        long actual = System.nanoTime();
        jitter.record(planned, actual);
        jitter.sampleCpu(Thread.currentThread());
        return actual;
    }

    /**
     * Baseline 3: one cue from ScheduledExecutorService.scheduleAtFixedRate.
     *
     * @param source the running executor
     * @param jitter the recorder
     * @return the cue's send time
     */
    @Benchmark
    public long scheduledExecutor(ExecutorSource source, Jitter jitter) {
        return source.handoff.take(jitter, CUE_TIMEOUT_NANOS);
    }

    /**
     * Baseline 4: one cue from the JDK sequencer into a recording receiver.
     *
     * @param source the playing sequencer
     * @param jitter the recorder
     * @return the cue's send time
     */
    @Benchmark
    public long jdkSequencer(SequencerSource source, Jitter jitter) {
        return source.handoff.take(jitter, CUE_TIMEOUT_NANOS);
    }

    /**
     * Baseline 5: a pure spin until the deadline (the floor), one cue.
     *
     * @param source the loop's deadlines
     * @param jitter the recorder
     * @return the cue's send time
     */
    @Benchmark
    public long spinLoop(LoopSource source, Jitter jitter) {
        long planned = source.nextDeadline();
        long now;
        while ((now = System.nanoTime()) - planned < 0) {
            Thread.onSpinWait();
        }
        long actual = now;
        jitter.record(planned, actual);
        jitter.sampleCpu(Thread.currentThread());
        return actual;
    }

    /** The engine under test, started afresh each iteration. Not thread safe. */
    @State(Scope.Thread)
    public static class EngineSource {

        /**
         * The wait strategy: parkThenSpin (the default, adaptive margin), busySpin or park; also
         * parkThenSpinFixed (the old fixed 200 us margin) with {@code -p strategy=parkThenSpinFixed}.
         */
        @Param({"parkThenSpin", "busySpin", "park"})
        public String strategy;

        CueHandoff handoff;
        private CueEngine engine;
        private org.entrain.session.SessionLogWriter sessionLog;
        private int iteration;

        /** Creates the state (JMH instantiates it). */
        public EngineSource() {
        }

        /**
         * Builds and starts an engine whose sink hands each cue's receipt time to the benchmark thread.
         *
         * @param bench the benchmark parameters
         */
        @Setup(Level.Iteration)
        public void start(CueJitterBenchmark bench) {
            WaitStrategy wait;
            if ("parkThenSpin".equals(strategy)) {
                wait = WaitStrategies.parkThenSpin();
            } else if ("busySpin".equals(strategy)) {
                wait = WaitStrategies.busySpin();
            } else if ("park".equals(strategy)) {
                wait = WaitStrategies.park();
            } else if ("parkThenSpinFixed".equals(strategy)) {
                wait = WaitStrategies.parkThenSpin(WaitStrategies.DEFAULT_SPIN_NANOS);
            } else {
                throw new IllegalArgumentException("strategy '" + strategy + "' is not one of parkThenSpin, busySpin, park, parkThenSpinFixed");
            }
            CueHandoff h = new CueHandoff(Thread.currentThread());
            handoff = h;
            CueEngine.Builder b = CueEngine.builder()
                    .tempoMap(TempoMap.constant(120))
                    .pattern(bench.pattern)
                    .waitStrategy(wait)
                    .leadInNanos(LEAD_IN_NANOS)
                    .threadName("entrain-dispatcher-bench")
                    .sink(cue -> h.publish(cue.deadlineNanos(), System.nanoTime()));
            if (bench.sessionLoad != null) {
                // As in a session: every send goes to the crash-safe log, whose writer thread drains
                // the dispatch log; the writer hears the engine's events.
                try {
                    sessionLog = bench.sessionLoad.openLog("engine-" + iteration++ + ".jsonl");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot open the session log: " + e, e);
                }
                b.listener(sessionLog);
            }
            engine = b.build();
            if (sessionLog != null) {
                sessionLog.attach(engine);
            }
            engine.start();
        }

        /**
         * Stops the engine.
         *
         * @throws InterruptedException if interrupted
         */
        @TearDown(Level.Iteration)
        public void stop() throws InterruptedException {
            engine.stop();
            if (!engine.awaitFinished(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the engine did not stop within 10 s");
            }
            if (sessionLog != null) {
                try {
                    sessionLog.close();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot close the session log: " + e, e);
                }
                sessionLog = null;
            }
        }
    }

    /** Absolute deadlines for the loops that run on the benchmark thread itself. Not thread safe. */
    @State(Scope.Thread)
    public static class LoopSource {
        private long origin;
        private long period;
        private long next;

        /** Creates the state (JMH instantiates it). */
        public LoopSource() {
        }

        /**
         * Starts the grid 100 ms from now.
         *
         * @param bench the benchmark parameters
         */
        @Setup(Level.Iteration)
        public void start(CueJitterBenchmark bench) {
            period = bench.periodNanos();
            origin = System.nanoTime() + LEAD_IN_NANOS;
            next = 0;
        }

        /**
         * The next planned time: origin + k * period, never accumulated.
         *
         * @return nanos
         */
        long nextDeadline() {
            return origin + next++ * period;
        }
    }

    /** A single-thread ScheduledThreadPoolExecutor at a fixed rate. Not thread safe. */
    @State(Scope.Thread)
    public static class ExecutorSource {
        CueHandoff handoff;
        /** The first run's trigger time, from the future (set before the first run, 100 ms later). */
        private volatile long origin;
        private ScheduledThreadPoolExecutor executor;

        /** Creates the state (JMH instantiates it). */
        public ExecutorSource() {
        }

        /**
         * Schedules the cue task at a fixed rate, first run 100 ms from now.
         *
         * @param bench the benchmark parameters
         */
        @Setup(Level.Iteration)
        public void start(CueJitterBenchmark bench) {
            CueHandoff h = new CueHandoff(Thread.currentThread());
            handoff = h;
            long period = bench.periodNanos();
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "bench-scheduled-executor");
                t.setDaemon(true);
                return t;
            });
            long[] k = new long[1];
            ScheduledFuture<?> future = executor.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                h.publish(origin + k[0]++ * period, now);
            }, LEAD_IN_NANOS, period, TimeUnit.NANOSECONDS);
            // The executor's own first trigger time (not the time of the call), so that what is
            // measured is its timing, not the cost of scheduling.
            origin = System.nanoTime() + future.getDelay(TimeUnit.NANOSECONDS);
        }

        /**
         * Shuts the executor down.
         *
         * @throws InterruptedException if interrupted
         */
        @TearDown(Level.Iteration)
        public void stop() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The JDK's real-time sequencer playing the cue grid into a recording receiver. Not thread safe. */
    @State(Scope.Thread)
    public static class SequencerSource {
        /** Ticks per quarter note; at the default 120 BPM one tick is 500 ms / 480. */
        private static final int PPQ = 480;
        private static final long NANOS_PER_QUARTER = 500_000_000L;

        CueHandoff handoff;
        private Sequencer sequencer;

        /** Creates the state (JMH instantiates it). */
        public SequencerSource() {
        }

        /**
         * Builds a Sequence of note-ons on the grid (long enough for the iteration plus 10 s) and
         * starts the sequencer.
         *
         * @param bench the benchmark parameters
         * @param iteration the iteration's parameters (its length)
         * @throws MidiUnavailableException if there is no sequencer
         * @throws InvalidMidiDataException never (the messages are valid)
         */
        @Setup(Level.Iteration)
        public void start(CueJitterBenchmark bench, IterationParams iteration)
                throws MidiUnavailableException, InvalidMidiDataException {
            long period = bench.periodNanos();
            long periodTicks = period * PPQ / NANOS_PER_QUARTER;
            long leadTicks = LEAD_IN_NANOS * PPQ / NANOS_PER_QUARTER;
            long iterationNanos = iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
            long count = (iterationNanos + 10_000_000_000L) / period + 1;
            Sequence sequence = new Sequence(Sequence.PPQ, PPQ);
            Track track = sequence.createTrack();
            for (long k = 0; k < count; k++) {
                track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 9, 76, 100), leadTicks + k * periodTicks));
            }
            CueHandoff h = new CueHandoff(Thread.currentThread());
            handoff = h;
            sequencer = MidiSystem.getSequencer(false);
            sequencer.open();
            Recorder recorder = new Recorder(h, leadTicks, periodTicks);
            sequencer.getTransmitter().setReceiver(recorder);
            sequencer.setSequence(sequence);
            sequencer.setTempoInMPQ(NANOS_PER_QUARTER / 1000f);
            recorder.origin = System.nanoTime();
            sequencer.start();
        }

        /** Stops and closes the sequencer. */
        @TearDown(Level.Iteration)
        public void stop() {
            sequencer.stop();
            sequencer.close();
        }

        /** Receives the note-ons on the sequencer's thread. */
        private static final class Recorder implements Receiver {
            /** The nanoTime() just before Sequencer.start(): tick 0. */
            volatile long origin;
            private final CueHandoff handoff;
            private final long leadTicks;
            private final long periodTicks;
            private long k;

            Recorder(CueHandoff handoff, long leadTicks, long periodTicks) {
                this.handoff = handoff;
                this.leadTicks = leadTicks;
                this.periodTicks = periodTicks;
            }

            @Override
            public void send(MidiMessage message, long timeStamp) {
                long now = System.nanoTime();
                if (message instanceof ShortMessage && ((ShortMessage) message).getCommand() == ShortMessage.NOTE_ON) {
                    long tick = leadTicks + k++ * periodTicks;
                    handoff.publish(origin + tick * NANOS_PER_QUARTER / PPQ, now);
                }
            }

            @Override
            public void close() {
            }
        }
    }
}
