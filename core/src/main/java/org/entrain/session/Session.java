package org.entrain.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.AnalysisResult;
import org.entrain.clock.ManualNanoClock;
import org.entrain.clock.NanoClock;
import org.entrain.clock.SystemNanoClock;
import org.entrain.onset.Onset;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.ChangeAt;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.CueSink;
import org.entrain.schedule.EngineListener;
import org.entrain.schedule.WaitStrategies;
import org.entrain.schedule.WaitStrategy;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running session: the cue engine with its outputs, one tap input, the crash-safe log, the
 * microphone recording, live statistics, the protocol's phases and, at the end, the analysis and
 * the files of the session folder. Thread safe: every control ({@link #setTempo},
 * {@link #nudgeTempo}, {@link #pause()}, {@link #resume()}, {@link #togglePause()},
 * {@link #nextPhase()}, {@link #stopAtBarEnd()}, {@link #stop()}) may be called from any thread;
 * listeners are called on the session's event thread only (see {@link SessionListener}).
 *
 * <p>Threads: the engine's dispatcher sends cues (through the session's decider, which fixes each
 * cue's phase and fading once and feeds the input's cue cancellation); the input has its own
 * thread; one event thread ({@code entrain-session-events}) matches taps to cues, keeps the live
 * statistics, drives the protocol (phase changes, gated steps, all as live engine changes at the
 * next bar), calls listeners, and at the end waits until the last cue has sounded, closes the
 * outputs, listens a little longer (the input's delay), stops the input, closes the log and the
 * recording and writes the folder. One clock domain: every time is
 * engine nanoseconds on the builder's clock.
 *
 * <p>Virtual time: with a {@link ManualNanoClock} and {@link Builder#virtualTime(long)} the
 * session starts no threads; {@link #runVirtual()} drives the same engine, decider, input and
 * event code on the caller's thread, stepping the clock (the demo, tests).
 *
 * <pre>{@code
 * Session s = Session.builder()
 *         .folder(Path.of("sessions/today"))
 *         .protocol(protocol)                  // or .tempo(100) for a plain session
 *         .output("software synth", synthSink)
 *         .input(microphone)
 *         .listener(display)
 *         .build();                            // validates and fills defaults
 * s.start();
 * s.nudgeTempo(+1, ChangeAt.NOW);              // from any thread
 * s.stopAtBarEnd();
 * s.awaitEnd(30, TimeUnit.SECONDS);
 * Path report = s.result().report();
 * }</pre>
 */
public final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** How long after the last cue's deadline the session waits before it stops the input: 1.5 s (the cue's tail, detection delay). */
    public static final long DEFAULT_TAIL_NANOS = 1_500_000_000L;

    private final NanoClock clock;
    private final long virtualStepNanos;
    private final Path folder;
    private final Protocol protocol;
    private final Pattern pattern;
    private final TempoChange firstChange;
    private final List<CueSink> outputs;
    private final List<String> outputNames;
    private final List<SessionCompanion> companions;
    private final TapInput input;
    private final List<SessionListener> listeners;
    private final List<SessionArtifact> artifacts;
    private final AnalysisOptions analysisOptions;
    private final WaitStrategy waitStrategy;
    private final long tailNanos;
    private final String softwareVersion;
    private final Map<String, String> settings;
    private final Map<String, String> devices;
    private final Phase[] phases;

    private final ConcurrentLinkedQueue<Onset> onsets = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> warningsIn = new ConcurrentLinkedQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private final SessionRun run;

    private CueEngine engine;
    private SessionLogWriter log;
    private WavFileWriter recording;
    private volatile InputWatch inputWatch;
    private Thread eventThread;
    private volatile boolean started;
    private volatile SessionResult result;
    private volatile boolean engineFinished;
    private volatile boolean stopRequested;
    private volatile boolean failed;
    private final java.util.concurrent.atomic.AtomicInteger failedOutputs = new java.util.concurrent.atomic.AtomicInteger();

    private Session(Builder b) {
        this.clock = b.clock;
        this.virtualStepNanos = b.virtualStepNanos;
        this.folder = b.folder;
        this.protocol = b.protocol;
        this.pattern = b.pattern;
        this.firstChange = b.firstChange;
        this.outputs = List.copyOf(b.outputs);
        this.outputNames = List.copyOf(b.outputNames);
        this.companions = List.copyOf(b.companions);
        this.input = b.input;
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.artifacts = List.copyOf(b.artifacts);
        this.analysisOptions = b.analysisOptions;
        this.waitStrategy = b.waitStrategy;
        this.tailNanos = b.tailNanos;
        this.softwareVersion = b.softwareVersion;
        this.settings = new LinkedHashMap<>(b.settings);
        this.devices = new LinkedHashMap<>(b.devices);
        this.phases = protocol.phases().toArray(new Phase[0]);
        this.run = new SessionRun(this);
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---- accessors used by SessionRun (package-private) ----

    NanoClock clock() {
        return clock;
    }

    Phase[] phases() {
        return phases;
    }

    Pattern pattern() {
        return pattern;
    }

    CueEngine engine() {
        return engine;
    }

    SessionLogWriter log() {
        return log;
    }

    List<SessionListener> listeners() {
        return listeners;
    }

    ConcurrentLinkedQueue<Onset> onsetQueue() {
        return onsets;
    }

    WavFileWriter recording() {
        return recording;
    }

    InputWatch inputWatch() {
        return inputWatch;
    }

    ConcurrentLinkedQueue<String> warningQueue() {
        return warningsIn;
    }

    TempoChange firstChange() {
        return firstChange;
    }

    boolean engineFinished() {
        return engineFinished;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    long tailNanos() {
        return tailNanos;
    }

    /** How long the input may take to deliver what it has heard (0 in virtual time). */
    long inputDelayNanos() {
        return virtualStepNanos > 0 ? 0 : Math.min(tailNanos, 1_000_000_000L) + input.reportDelayNanos();
    }

    private volatile boolean companionsClosed;

    /** Closes the companions (outputs' devices, MIDI clock) once. Event thread only. */
    void closeCompanions(List<String> w) {
        if (companionsClosed) {
            return;
        }
        companionsClosed = true;
        for (SessionCompanion c : companions) {
            try {
                c.close();
            } catch (RuntimeException e) {
                w.add("closing " + c.describe() + " failed: " + e);
            }
        }
    }

    // ---- public API ----

    /**
     * The protocol being played (for a plain session: a count-in and one open phase).
     *
     * @return the protocol
     */
    public Protocol protocol() {
        return protocol;
    }

    /**
     * The session folder.
     *
     * @return the folder, or null for a session without files
     */
    public Path folder() {
        return folder;
    }

    /**
     * Adds a listener (before or during the session). Thread safe.
     *
     * @param listener the listener
     */
    public void addListener(SessionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
    }

    /**
     * Starts the session: creates the folder, the log and the recording, starts the input, the
     * engine, the companions and the event thread. The first cue sounds after the engine's lead-in
     * (about the largest output advance plus 100 ms). In virtual time, use {@link #runVirtual()}.
     *
     * @throws IOException if the folder, the log, the recording or the input cannot be opened
     * @throws IllegalStateException if already started, or the session runs in virtual time
     */
    public void start() throws IOException {
        if (virtualStepNanos > 0) {
            throw new IllegalStateException("a virtual-time session runs with runVirtual()");
        }
        open();
        for (SessionCompanion c : companions) {
            c.beforeStart(engine);
        }
        engine.start();
        for (SessionCompanion c : companions) {
            c.started(engine);
        }
        eventThread = new Thread(this::eventLoop, "entrain-session-events");
        eventThread.setDaemon(true);
        eventThread.start();
    }

    /**
     * Runs a virtual-time session to its end on the calling thread (the engine, the input, the
     * event code and the listeners all run here), stepping the manual clock.
     *
     * @return the result
     * @throws IOException if the folder, the log or the input cannot be opened
     * @throws IllegalStateException if the session is not in virtual time or already started
     */
    public SessionResult runVirtual() throws IOException {
        if (virtualStepNanos <= 0) {
            throw new IllegalStateException("runVirtual() needs a ManualNanoClock and virtualTime(step)");
        }
        ManualNanoClock manual = (ManualNanoClock) clock;
        open();
        engine.begin(manual.nanoTime() + 100_000_000L + maxAdvance());
        for (SessionCompanion c : companions) {
            c.started(engine);
        }
        while (result == null) {
            long now = manual.nanoTime();
            engine.doWork(now);
            input.advanceTo(now);
            run.pump(now);
            if (result == null) {
                manual.advance(virtualStepNanos);
            }
        }
        return result;
    }

    private long maxAdvance() {
        long m = 0;
        for (CueSink s : outputs) {
            m = Math.max(m, s.advanceNanos());
        }
        return m;
    }

    private void open() throws IOException {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("the session has already started");
            }
            started = true;
        }
        if (folder != null) {
            Files.createDirectories(folder);
        }
        CueDecider decider = new CueDecider(maxAdvance(), phases, pattern.beatsPerBar(), input);
        run.decider(decider);
        Phase first = phases[0];
        double bpm0 = run.startBpm(first);
        TempoMap.Builder map = TempoMap.builder(bpm0).beatsPerBar(pattern.beatsPerBar());
        if (firstChange != null && run.changePhase() == 0) {
            map.then(firstChange);
        } else if (first.kind() == PhaseKind.RAMP) {
            map.then(TempoChange.rampTo(first.shape(), first.targetBpm(), first.length()));
        }
        EngineListener engineListener = new EngineListener() {
            @Override
            public void onSinkFailed(int sinkIndex, CueSink sink, Throwable error, long nanos) {
                if (log != null) {
                    log.onSinkFailed(sinkIndex, sink, error, nanos);
                }
                // engine sink 0 is the cue decider; outputs follow in the order they were added
                String name = sinkIndex >= 1 && sinkIndex - 1 < outputNames.size() ? "'" + outputNames.get(sinkIndex - 1) + "'"
                        : String.valueOf(sink);
                String why = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
                if (sinkIndex >= 1 && failedOutputs.incrementAndGet() >= outputs.size()) {
                    // nothing sounds any more: the session stops cleanly, its files are written
                    warningsIn.add("output " + name + " failed (" + why + "); no output is left: the session stops");
                    failed = true;
                    stop();
                } else {
                    warningsIn.add("output " + name + " failed (" + why + "); the others go on");
                }
            }

            @Override
            public void onChange(String description, double beat, long nanos) {
                if (log != null) {
                    log.onChange(description, beat, nanos);
                }
            }

            @Override
            public void onFinished(long nanos) {
                if (log != null) {
                    log.onFinished(nanos);
                }
                engineFinished = true;
            }
        };
        CueEngine.Builder eb = CueEngine.builder().clock(clock).tempoMap(map.build()).pattern(pattern)
                .waitStrategy(waitStrategy).listener(engineListener).threadName("entrain-dispatcher")
                .commitHook(decider).sink(decider);
        for (CueSink s : outputs) {
            eb.sink(new GatedSink(decider, s));
        }
        engine = eb.build();
        if (folder != null) {
            Map<String, String> dev = new LinkedHashMap<>(devices);
            for (int i = 0; i < outputNames.size(); i++) {
                dev.putIfAbsent("output " + (i + 1), outputNames.get(i));
            }
            for (SessionCompanion c : companions) {
                dev.putIfAbsent("companion " + c.describe(), c.describe());
            }
            dev.put("input", input.describe());
            Map<String, String> rates = new LinkedHashMap<>();
            Map<String, String> cal = new LinkedHashMap<>();
            input.facts().forEach((k, v) -> (k.startsWith("calibration") ? cal : dev).put(k, v));
            if (input.audioSampleRate() > 0) {
                rates.put("input", Float.toString(input.audioSampleRate()));
            }
            Map<String, String> set = new LinkedHashMap<>(settings);
            set.put("protocol", protocol.name());
            set.put("phases", ProtocolFile.describe(protocol));
            set.put("meter", pattern.meter().toString());
            set.put("pattern", pattern.toString());
            log = SessionLogWriter.open(folder.resolve(SessionFiles.LOG), new SessionHeader(softwareVersion, set, dev,
                    rates, cal), clock);
            log.attach(engine);
            if (input.audioSampleRate() > 0) {
                recording = WavFileWriter.open(folder.resolve(SessionFiles.RECORDING), input.audioSampleRate());
            }
        }
        WavFileWriter rec = recording;
        InputWatch watch = new InputWatch(clock, input, rec == null ? (s, n, f) -> { } : rec::write);
        inputWatch = watch;
        try {
            input.start(clock, onsets::add, watch);
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        run.starting(bpm0);
    }

    /** After a failed start: closes the log and the recording, and releases the companions' devices (the synth's line). */
    private void closeQuietly() {
        for (SessionCompanion c : companions) {
            c.close();
        }
        try {
            if (log != null) {
                log.close();
            }
        } catch (IOException e) {
            LOG.info("closing the session log failed: {}", e.getMessage());
        }
        if (recording != null) {
            recording.close();
        }
    }

    private void eventLoop() {
        try {
            while (result == null) {
                run.pump(clock.nanoTime());
                if (result == null) {
                    Thread.sleep(4);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("session event thread failed; the session stops and writes what it has", e);
            failed = true;
            engine.stop();
            finish(EndReason.FAILED, List.of("session failed: " + e));
        }
    }

    /** The session's tap input (event thread: what it found of the cues). */
    TapInput input() {
        return input;
    }

    /**
     * Called by the event code once everything has sounded: stops the input, closes the files and
     * writes the folder. Event thread only.
     */
    void finish(EndReason reason, List<String> warnings) {
        // Read before the queue is drained: an output's warning is queued before failed is set, so
        // a session ending FAILED carries the line that says why.
        boolean failedNow = failed;
        List<String> w = new ArrayList<>(warnings);
        for (String q; (q = warningsIn.poll()) != null; ) {
            w.add(q);
        }
        CueHearing hearing = input.cueHearing();
        if (hearing != null && log != null) {
            log.cueHearingEvent(clock.nanoTime(), hearing);
        }
        String shallow = run.shallowCancellation(hearing);
        if (shallow != null) {
            w.add(shallow);
        }
        try {
            input.stop();
        } catch (RuntimeException e) {
            w.add("stopping the input failed: " + e);
        }
        run.drainOnsets();
        closeCompanions(w);
        List<Path> files = new ArrayList<>();
        AnalysisResult analysis = null;
        if (folder != null) {
            try {
                log.close();
                files.add(folder.resolve(SessionFiles.LOG));
            } catch (IOException e) {
                if (!run.logFailureReported()) {
                    w.add("the session log could not be completed: " + e.getMessage());
                }
            }
            if (recording != null) {
                recording.close();
                files.add(folder.resolve(SessionFiles.RECORDING));
                if (recording.failure() != null && !run.recordingFailureReported()) {
                    w.add("the recording could not be completed: " + recording.failure().getMessage());
                }
            }
            SessionRecord rec = null;
            try {
                rec = SessionLogReader.read(folder.resolve(SessionFiles.LOG));
                analysis = SessionAnalysis.analyze(rec, analysisOptions);
            } catch (IOException e) {
                w.add("the session log could not be read back: " + e.getMessage());
            } catch (RuntimeException e) {
                w.add("analysing the session failed: " + e.getMessage());
                LOG.warn("analysing the session failed", e);
            }
            if (analysis != null) {
                try {
                    files.addAll(SessionFiles.write(rec, analysis, folder));
                    for (SessionArtifact a : artifacts) {
                        try {
                            files.addAll(a.write(rec, analysis, folder));
                        } catch (IOException | RuntimeException e) {
                            w.add("writing a report file failed: " + e.getMessage());
                        }
                    }
                } catch (IOException e) {
                    // expected (a full disk): one line, no stack trace; the analysis is still in the result
                    w.add("the session's files could not be written to " + folder + ": " + e.getMessage());
                }
            }
        }
        Histogram h = engine.latenessSinceLastCall();
        SessionResult r = new SessionResult(failedNow ? EndReason.FAILED : reason, folder, analysis, files,
                run.decidedCount(), run.tapCount(), h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1e3, w,
                hearing);
        for (SessionListener l : listeners) {
            try {
                l.onEnd(r);
            } catch (RuntimeException e) {
                LOG.warn("a session listener failed", e);
            }
        }
        result = r;
        ended.countDown();
    }

    /**
     * Sets the tempo (a jump). Thread safe.
     *
     * @param bpm the new tempo, 1..1000
     * @param at now (from the current beat phase) or at the next bar
     */
    public void setTempo(double bpm, ChangeAt at) {
        if (!(bpm >= 1 && bpm <= 1000)) {
            throw new IllegalArgumentException("tempo must be between 1 and 1000 bpm, was " + bpm);
        }
        run.manualTempo(bpm, at);
    }

    /**
     * Changes the tempo by a number of bpm from the tempo in force (clamped to 1..1000). Thread safe.
     *
     * @param deltaBpm e.g. +1 or -5
     * @param at now or at the next bar
     */
    public void nudgeTempo(double deltaBpm, ChangeAt at) {
        run.nudge(deltaBpm, at);
    }

    /** Pauses the cue after the cues already committed. Thread safe. */
    public void pause() {
        run.pause(true);
    }

    /** Resumes after a pause, keeping the beat phase. Thread safe. */
    public void resume() {
        run.pause(false);
    }

    /**
     * Pauses if playing, resumes if paused. Thread safe.
     *
     * @return true if now paused
     */
    public boolean togglePause() {
        return run.togglePause();
    }

    /** Ends the current phase at the end of the current bar and goes on with the next (or ends the session). Thread safe. */
    public void nextPhase() {
        run.requestNextPhase();
    }

    /** Plays to the end of the current bar, then ends the session and writes everything. Thread safe. */
    public void stopAtBarEnd() {
        stopRequested = true;
        CueEngine e = engine;
        if (e != null) {
            e.stopAtBarEnd();
        }
    }

    /** Stops the cue at once, then (after the cues already sent have sounded) ends and writes everything. Thread safe. */
    public void stop() {
        stopRequested = true;
        CueEngine e = engine;
        if (e != null) {
            e.stop();
        }
    }

    /**
     * The latest live statistics. Thread safe.
     *
     * @return the snapshot
     */
    public LiveStats stats() {
        return run.stats();
    }

    /**
     * Waits for the end (every file written).
     *
     * @param timeout how long
     * @param unit its unit
     * @return true if ended
     * @throws InterruptedException if interrupted
     */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    /**
     * Whether the session has started.
     *
     * @return true once {@link #start()} or {@link #runVirtual()} began
     */
    public boolean isStarted() {
        return started;
    }

    /**
     * The result.
     *
     * @return the result, or null until the session has ended
     */
    public SessionResult result() {
        return result;
    }

    /**
     * Configures a {@link Session}; fails fast on a value set twice or out of range, and
     * {@link #build()} fills the defaults and validates everything in one step. Not thread safe.
     */
    public static final class Builder {
        private NanoClock clock;
        private long virtualStepNanos;
        private Path folder;
        private boolean folderSet;
        private Protocol protocol;
        private Double bpm;
        private TempoChange firstChange;
        private Length end;
        private boolean endSet;
        private Integer countIn;
        private Pattern pattern;
        private final List<CueSink> outputs = new ArrayList<>();
        private final List<String> outputNames = new ArrayList<>();
        private final List<SessionCompanion> companions = new ArrayList<>();
        private TapInput input;
        private final List<SessionListener> listeners = new ArrayList<>();
        private final List<SessionArtifact> artifacts = new ArrayList<>();
        private AnalysisOptions analysisOptions;
        private WaitStrategy waitStrategy;
        private Long tailNanos;
        private String softwareVersion;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> devices = new LinkedHashMap<>();

        private Builder() {
        }

        private static void once(Object current, String what) {
            if (current != null) {
                throw new IllegalArgumentException(what + " is already set");
            }
        }

        /**
         * The engine clock (default: the system clock).
         *
         * @param c the clock
         * @return this
         */
        public Builder clock(NanoClock c) {
            once(clock, "clock");
            this.clock = c;
            return this;
        }

        /**
         * Runs in virtual time: the clock must be a {@link ManualNanoClock}; {@link Session#runVirtual()}
         * steps it by {@code stepNanos}.
         *
         * @param stepNanos the step, 1 us .. 100 ms
         * @return this
         */
        public Builder virtualTime(long stepNanos) {
            if (virtualStepNanos != 0) {
                throw new IllegalArgumentException("virtual time is already set");
            }
            if (stepNanos < 1_000 || stepNanos > 100_000_000L) {
                throw new IllegalArgumentException("virtual time step must be between 1 us and 100 ms, was " + stepNanos + " ns");
            }
            this.virtualStepNanos = stepNanos;
            return this;
        }

        /**
         * The session folder (created if missing); null for a session without files.
         *
         * @param dir the folder
         * @return this
         */
        public Builder folder(Path dir) {
            if (folderSet) {
                throw new IllegalArgumentException("folder is already set");
            }
            folderSet = true;
            this.folder = dir;
            return this;
        }

        /**
         * Plays a protocol (instead of {@link #tempo}).
         *
         * @param p the protocol
         * @return this
         */
        public Builder protocol(Protocol p) {
            once(protocol, "protocol");
            if (p == null) {
                throw new IllegalArgumentException("protocol must not be null");
            }
            this.protocol = p;
            return this;
        }

        /**
         * A plain session (no protocol): this start tempo.
         *
         * @param startBpm 1..1000
         * @return this
         */
        public Builder tempo(double startBpm) {
            once(bpm, "tempo");
            if (!(startBpm >= 1 && startBpm <= 1000)) {
                throw new IllegalArgumentException("tempo must be between 1 and 1000 bpm, was " + startBpm);
            }
            this.bpm = startBpm;
            return this;
        }

        /**
         * A plain session: a ramp or steps from the start of its measured part (after the count-in).
         *
         * @param change the change
         * @return this
         */
        public Builder tempoChange(TempoChange change) {
            once(firstChange, "tempo change");
            this.firstChange = change;
            return this;
        }

        /**
         * A plain session: its length after the count-in (default: until stopped).
         *
         * @param length bars, beats or seconds, or null
         * @return this
         */
        public Builder end(Length length) {
            if (endSet) {
                throw new IllegalArgumentException("end is already set");
            }
            endSet = true;
            this.end = length;
            return this;
        }

        /**
         * Listen-only bars before the measured part (default: 1 for a plain session; a protocol's
         * own count-in, which this replaces; 0 for none).
         *
         * @param bars 0..64
         * @return this
         */
        public Builder countIn(int bars) {
            once(countIn, "count-in");
            if (bars < 0 || bars > 64) {
                throw new IllegalArgumentException("count-in must be between 0 and 64 bars, was " + bars);
            }
            this.countIn = bars;
            return this;
        }

        /**
         * The pattern: meter, accents, subdivision (default: 4/4, accent on 1).
         *
         * @param p the pattern
         * @return this
         */
        public Builder pattern(Pattern p) {
            once(pattern, "pattern");
            this.pattern = p;
            return this;
        }

        /**
         * Adds an output (the software synth's sink, a MIDI port's sink ...).
         *
         * @param name a name for the log and the display
         * @param sink the sink
         * @return this
         */
        public Builder output(String name, CueSink sink) {
            if (sink == null || name == null || name.isBlank()) {
                throw new IllegalArgumentException("an output needs a name and a sink");
            }
            outputs.add(sink);
            outputNames.add(name);
            return this;
        }

        /**
         * Adds a companion (MIDI clock, a device to close at the end).
         *
         * @param c the companion
         * @return this
         */
        public Builder companion(SessionCompanion c) {
            if (c == null) {
                throw new IllegalArgumentException("companion must not be null");
            }
            companions.add(c);
            return this;
        }

        /**
         * The tap input (default: none; the session only cues).
         *
         * @param in the input
         * @return this
         */
        public Builder input(TapInput in) {
            once(input, "input");
            this.input = in;
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param l the listener
         * @return this
         */
        public Builder listener(SessionListener l) {
            if (l == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            listeners.add(l);
            return this;
        }

        /**
         * Adds a file the front end writes at the end (the HTML report, the MIDI file).
         *
         * @param a the artifact
         * @return this
         */
        public Builder artifact(SessionArtifact a) {
            if (a == null) {
                throw new IllegalArgumentException("artifact must not be null");
            }
            artifacts.add(a);
            return this;
        }

        /**
         * The analysis options at the end (default {@link AnalysisOptions#DEFAULT}).
         *
         * @param o the options
         * @return this
         */
        public Builder analysisOptions(AnalysisOptions o) {
            once(analysisOptions, "analysis options");
            this.analysisOptions = o;
            return this;
        }

        /**
         * The dispatcher's wait strategy (default park-then-spin).
         *
         * @param w the strategy
         * @return this
         */
        public Builder waitStrategy(WaitStrategy w) {
            once(waitStrategy, "wait strategy");
            this.waitStrategy = w;
            return this;
        }

        /**
         * How long after the last cue's deadline the session waits before stopping the input
         * (default {@link #DEFAULT_TAIL_NANOS}).
         *
         * @param nanos 0..10 s
         * @return this
         */
        public Builder tailNanos(long nanos) {
            once(tailNanos, "tail");
            if (nanos < 0 || nanos > 10_000_000_000L) {
                throw new IllegalArgumentException("tail must be between 0 and 10 s, was " + nanos + " ns");
            }
            this.tailNanos = nanos;
            return this;
        }

        /**
         * The software version in the log header (default {@code entrain}).
         *
         * @param v e.g. {@code entrain 0.1.0}
         * @return this
         */
        public Builder softwareVersion(String v) {
            once(softwareVersion, "software version");
            this.softwareVersion = v;
            return this;
        }

        /**
         * A setting for the log header (the command line, the sound bank ...).
         *
         * @param key the key
         * @param value the value
         * @return this
         */
        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /**
         * A device fact for the log header (latency, sound bank ...).
         *
         * @param key the key
         * @param value the value
         * @return this
         */
        public Builder device(String key, String value) {
            devices.put(key, value);
            return this;
        }

        /**
         * Fills the defaults and validates everything.
         *
         * @return the session, not started
         * @throws IllegalArgumentException if the configuration is incomplete or contradictory
         */
        public Session build() {
            if (clock == null) {
                clock = SystemNanoClock.INSTANCE;
            }
            if (virtualStepNanos > 0 && !(clock instanceof ManualNanoClock)) {
                throw new IllegalArgumentException("virtual time needs a ManualNanoClock");
            }
            if (protocol != null && (bpm != null || firstChange != null || endSet)) {
                throw new IllegalArgumentException("give either a protocol or a tempo (with its change and end), not both");
            }
            if (protocol == null && bpm == null) {
                throw new IllegalArgumentException("a session needs a protocol or a tempo");
            }
            if (protocol == null) {
                protocol = new Protocol("session", bpm, List.of(Phase.match(end, bpm).named("session")))
                        .withCountIn(countIn == null ? 1 : countIn);
            } else if (countIn != null) {
                protocol = protocol.withCountIn(countIn);
            }
            if (pattern == null) {
                pattern = Pattern.defaults();
            }
            if (input == null) {
                input = NoInput.INSTANCE;
            }
            if (analysisOptions == null) {
                analysisOptions = AnalysisOptions.DEFAULT;
            }
            if (waitStrategy == null) {
                waitStrategy = virtualStepNanos > 0 ? WaitStrategies.named("park") : WaitStrategies.named("park-then-spin");
            }
            if (tailNanos == null) {
                tailNanos = DEFAULT_TAIL_NANOS;
            }
            if (softwareVersion == null) {
                softwareVersion = "entrain";
            }
            if (outputs.isEmpty() && virtualStepNanos == 0) {
                throw new IllegalArgumentException("a live session needs at least one output");
            }
            return new Session(this);
        }
    }

    /** The input of a session without one. */
    enum NoInput implements TapInput {
        INSTANCE;

        @Override
        public String describe() {
            return "none";
        }

        @Override
        public void start(NanoClock clock, org.entrain.onset.OnsetListener onsets, AudioSink audio) {
        }

        @Override
        public void stop() {
        }
    }
}
