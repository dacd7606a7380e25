package org.entrain.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.entrain.clock.Deadlines;
import org.entrain.clock.NanoClock;
import org.entrain.clock.SystemNanoClock;
import org.entrain.pattern.Pattern;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;

/**
 * The cue engine: plans cues from a tempo map and a pattern and hands each to its sinks at its
 * deadline. Control methods ({@link #changeTempo}, {@link #pause()}, {@link #resume()},
 * {@link #stopAtBarEnd()}, {@link #stop()}) are thread safe and may be called from any thread;
 * they are queued and applied by the dispatcher before the next cue is committed.
 * {@link #doWork(long)} may be called only by the dispatcher: the thread {@link #start()} makes,
 * or the one thread that drives an engine begun with {@link #begin(long)}.
 *
 * <p>Threads after {@link #start()}: the <em>dispatcher</em> (an {@link AgentRunner} with the
 * engine's wait strategy) applies live changes, commits cues and sends to the real-time sinks at
 * their deadlines, with any agents added by {@link #runOnDispatcher(Agent)} on the same thread;
 * if there are {@link CueSink#timestamped() timestamped} sinks, a <em>sender</em> thread (named
 * after the dispatcher, plus {@code -sender}; it parks) sends them each committed cue at
 * {@code deadline - advance}, so a device lock such as Gervill's is never taken on the
 * dispatcher. An engine driven by hand ({@link #begin(long)}) does all of it on the driving
 * thread. On the dispatcher, a due cue is sent before live changes are applied.
 *
 * <p>A cue is <em>committed</em> (planned into the ring) a short plan-ahead time (default 2 ms)
 * before the first sink is due to receive it (its deadline minus the largest sink advance), so
 * that planning never delays a send; from then on it never moves. Live changes re-time only cues
 * not yet committed, from the later of "now" and the last committed cue, so the beat phase stays
 * continuous and no cue is lost or doubled; a change therefore takes effect at most the plan-ahead
 * time plus the largest sink advance after it is made.
 *
 * <p>Steady state is allocation free: cues live in a preallocated ring, lateness goes to an
 * HdrHistogram {@link SingleWriterRecorder}, each send to a preallocated {@link DispatchLog}.
 *
 * <pre>{@code
 * CueEngine engine = CueEngine.builder()
 *         .tempoMap(TempoMap.constant(100))
 *         .sink(cue -> synth.play(cue))
 *         .build();
 * engine.start();
 * engine.changeTempo(TempoChange.rampTo(RampShape.LINEAR, 110, Length.bars(8)), ChangeAt.NEXT_BAR);
 * engine.stopAtBarEnd();
 * engine.awaitFinished(10, TimeUnit.SECONDS);
 * }</pre>
 */
public final class CueEngine {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CueEngine.class);

    /** Default plan-ahead: 2 ms. */
    public static final long DEFAULT_PLAN_AHEAD_NANOS = 2_000_000L;

    /** The most time {@link #start()}'s thread spends warming the dispatch path: 50 ms. */
    static final long WARM_UP_BUDGET_NANOS = 50_000_000L;
    /** Warm-up ends at least this long before the first real wake-up: 20 ms, for the JIT to finish. */
    static final long WARM_UP_SLACK_NANOS = 20_000_000L;
    /** Cues dispatched by the warm-up at most (C2 compiles after ~10k invocations). */
    static final int WARM_UP_CUES = 30_000;

    /** Highest lateness the histogram tracks: 60 s (higher values are clamped). */
    static final long MAX_TRACKED_NANOS = 60_000_000_000L;

    private final NanoClock clock;
    private final CuePlanner planner;
    private final Pattern pattern;
    private final CueSink[] sinks;
    private final long[] advance;
    /** 1 once sink s has thrown; written only by the thread that sends to s. */
    private final AtomicIntegerArray disabled;
    /** Sink s's next cue (ring sequence); written only by the thread that sends to s, read by the dispatcher. */
    private final AtomicLongArray cursor;
    /** Sink s is sent to by the sender thread (a timestamped sink, after start()); else by the dispatcher. */
    private final boolean[] onSender;
    private final long maxAdvance;
    /** Cues are planned this long before the first sink needs them, so planning is off the send path. */
    private final long planAhead;
    private final MutableCue[] ring;
    private final int mask;
    private final WaitStrategy waitStrategy;
    private final EngineListener listener;
    private final long leadInNanos;
    private final String threadName;
    private final boolean warmUp;
    private final SingleWriterRecorder lateness = new SingleWriterRecorder(1, MAX_TRACKED_NANOS, 3);
    private final SingleWriterRecorder senderLateness = new SingleWriterRecorder(1, MAX_TRACKED_NANOS, 3);
    /** The committed count, published by the dispatcher to the sender thread. */
    private final PaddedSequence published = new PaddedSequence();
    /** What the sender thread's sinks see. */
    private final CueView senderView = new CueView();
    /** Parts that must end before the engine has finished: the dispatcher, and the sender if any. */
    private final AtomicInteger partsLeft = new AtomicInteger(1);
    private final DispatchLog log;
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    private final CountDownLatch finishedLatch = new CountDownLatch(1);
    private final List<Agent> dispatcherAgents = new ArrayList<>();
    private final MutableCue peek = new MutableCue();
    /** What sinks see: a read-only view of the ring slot (dispatcher thread only). */
    private final CueView view = new CueView();

    private volatile boolean running;
    private volatile boolean finished;
    private volatile TempoMap currentMap;
    private volatile long originNanos;
    private volatile long sentCount;
    private volatile long senderSentCount;
    private volatile Runnable wakeRunner;
    private volatile Runnable wakeSender;
    private volatile AgentRunner runner;
    /** Set by the dispatcher once nothing more will be committed (after the last publish). */
    private volatile boolean planComplete;
    private boolean anyOnSender;
    private boolean begun;

    // Dispatcher-thread state.
    private long committed;
    private boolean peeked;
    private boolean planEnded;
    private boolean paused;
    private long pausedAtNanos;
    private double lastCommittedBeat = Double.NaN;
    private boolean endReported;
    // Sender-thread state.
    private boolean senderEnded;

    private CueEngine(Builder b) {
        this.clock = b.clock;
        this.pattern = b.pattern;
        this.planner = new CuePlanner(b.tempoMap, b.pattern, b.end);
        this.currentMap = b.tempoMap;
        this.sinks = b.sinks.toArray(new CueSink[0]);
        this.advance = new long[sinks.length];
        long max = 0;
        for (int i = 0; i < sinks.length; i++) {
            long a = sinks[i].advanceNanos();
            if (a < 0 || a > 10_000_000_000L) {
                throw new IllegalArgumentException("sink " + sinks[i] + " asks for an advance of " + a
                        + " ns; allowed 0 to 10 s");
            }
            advance[i] = a;
            max = Math.max(max, a);
        }
        this.maxAdvance = max;
        this.planAhead = b.planAheadNanos;
        this.disabled = new AtomicIntegerArray(sinks.length);
        this.cursor = new AtomicLongArray(sinks.length);
        this.onSender = new boolean[sinks.length];
        this.ring = new MutableCue[b.ringCapacity];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new MutableCue();
        }
        this.mask = b.ringCapacity - 1;
        this.waitStrategy = b.waitStrategy;
        this.listener = b.listener;
        this.leadInNanos = b.leadInNanos >= 0 ? b.leadInNanos : maxAdvance + planAhead + 100_000_000L;
        this.threadName = b.threadName;
        this.warmUp = b.warmUp;
        this.log = new DispatchLog(b.logCapacity, 2);
    }

    /**
     * A builder with the defaults: system clock, default pattern, no end, park-then-spin waits.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the dispatcher thread (an {@link AgentRunner} with the engine's wait strategy, running
     * the engine and every agent added by {@link #runOnDispatcher(Agent)}); the first cue sounds
     * {@code leadIn} after now.
     *
     * @throws IllegalStateException if already started or begun
     */
    public synchronized void start() {
        for (int s = 0; s < sinks.length; s++) {
            onSender[s] = sinks[s].timestamped();
            anyOnSender |= onSender[s];
        }
        begin(clock.nanoTime() + leadInNanos);
        List<Agent> agents = new ArrayList<>();
        agents.add(new Dispatcher());
        agents.addAll(dispatcherAgents);
        AgentRunner r = new AgentRunner(threadName, clock, waitStrategy, agents);
        runner = r;
        wakeRunner = r::wakeUp;
        if (anyOnSender) {
            partsLeft.set(2);
            AgentRunner sender = new AgentRunner(threadName + "-sender", clock, WaitStrategies.park(),
                    List.of(new Sender()));
            wakeSender = sender::wakeUp;
            sender.start();
        }
        r.start();
    }

    /**
     * Runs another timed agent on the dispatcher thread, beside the engine (a MIDI clock out, say),
     * so that a session has one spinning thread, not one per output. It starts with the engine
     * ({@link Agent#onStart(Runnable)} on the dispatcher, after the engine's origin is set) and is
     * closed when the engine finishes. Call before {@link #start()}.
     *
     * @param agent the agent
     * @throws IllegalStateException if the engine has started
     */
    public synchronized void runOnDispatcher(Agent agent) {
        if (agent == null) {
            throw new IllegalArgumentException("agent must not be null");
        }
        if (begun) {
            throw new IllegalStateException("add agents before the engine starts");
        }
        dispatcherAgents.add(agent);
    }

    /**
     * Begins without a thread: the caller drives the engine with {@link #doWork(long)} (offline
     * rendering, tests with a manual clock, an embedder's own real-time thread).
     *
     * @param originNanos engine time of beat 0
     * @throws IllegalStateException if already begun
     */
    public synchronized void begin(long originNanos) {
        if (begun) {
            throw new IllegalStateException("the engine has already started");
        }
        begun = true;
        this.originNanos = originNanos;
        running = true;
    }

    /**
     * Engine time of beat 0 (moves later by each pause).
     *
     * @return engine nanos
     */
    public long originNanos() {
        return originNanos;
    }

    /**
     * The tempo map in force (changes with each live tempo change).
     *
     * @return the map
     */
    public TempoMap tempoMap() {
        return currentMap;
    }

    /**
     * The pattern.
     *
     * @return the pattern
     */
    public Pattern pattern() {
        return pattern;
    }

    /**
     * Changes the tempo live: the change starts from the current beat phase ({@link ChangeAt#NOW})
     * or the next bar, with the tempo in force there. Thread safe.
     *
     * @param change the change (a jump, ramp or steps)
     * @param at when it starts
     */
    public void changeTempo(TempoChange change, ChangeAt at) {
        if (change == null || at == null) {
            throw new IllegalArgumentException("tempo change and its start must not be null");
        }
        submit(new Command.Tempo(change, at, clock.nanoTime()));
    }

    /** Pauses after the cues already committed; the beat phase resumes where it stopped. Thread safe. */
    public void pause() {
        submit(new Command.Pause(clock.nanoTime()));
    }

    /** Resumes after {@link #pause()}: later cues move later by the length of the pause. Thread safe. */
    public void resume() {
        submit(new Command.Resume(clock.nanoTime()));
    }

    /** Plays to the end of the current bar (the last bar with a committed cue), then finishes. Thread safe. */
    public void stopAtBarEnd() {
        submit(new Command.StopAtBarEnd(clock.nanoTime()));
    }

    /** Stops at once: no further cue is sent. Thread safe. */
    public void stop() {
        running = false;
        wakeUp();
        wakeSender();
    }

    /**
     * Waits until the engine has finished.
     *
     * @param timeout how long to wait
     * @param unit the unit of {@code timeout}
     * @return true if finished
     * @throws InterruptedException if interrupted
     */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finishedLatch.await(timeout, unit);
    }

    /**
     * Whether the engine has sent its last cue.
     *
     * @return true when finished
     */
    public boolean isFinished() {
        return finished;
    }

    /**
     * Cue sends so far (one per cue per sink). Thread safe.
     *
     * @return the count
     */
    public long sentCount() {
        return sentCount + senderSentCount;
    }

    /**
     * The send lateness (actual minus planned send time, nanos) recorded since the last call:
     * see {@link SingleWriterRecorder#getIntervalHistogram()}. One reader thread at a time.
     *
     * @return a new histogram of lateness in nanos
     */
    public Histogram latenessSinceLastCall() {
        Histogram h = lateness.getIntervalHistogram();
        h.add(senderLateness.getIntervalHistogram());
        return h;
    }

    /**
     * Every send with its planned and actual time, for a recorder thread to drain.
     *
     * @return the log
     */
    public DispatchLog dispatchLog() {
        return log;
    }

    /**
     * The engine time of the next thing to do, or {@link Deadlines#NULL_DEADLINE} if nothing is
     * due until a command arrives (paused) or the engine has finished. Dispatcher only. After
     * {@link #start()} the dispatcher's own work only: commits and real-time sends (the sender
     * thread waits for the timestamped sinks itself).
     *
     * @return engine nanos
     */
    public long nextWakeNanos() {
        long wakeAt = Deadlines.NULL_DEADLINE;
        boolean any = false;
        if (canCommit()) {
            if (ensurePeek()) {
                wakeAt = peek.deadlineNanos() - maxAdvance - planAhead;
                any = true;
            }
        } else if (anyOnSender && !paused && !planEnded) {
            // The ring may be full because the sender thread lags: look again in 1 ms.
            wakeAt = clock.nanoTime() + 1_000_000L;
            any = true;
        }
        for (int s = 0; s < sinks.length; s++) {
            long c = cursor.getPlain(s);
            if (!onSender[s] && disabled.getPlain(s) == 0 && c != committed) {
                long t = ring[(int) c & mask].deadlineNanos() - advance[s];
                wakeAt = any ? Deadlines.earlier(wakeAt, t) : t;
                any = true;
            }
        }
        // A real wake-up that lands on the sentinel value moves 1 ns earlier; the caller re-checks.
        return any && wakeAt == Deadlines.NULL_DEADLINE ? wakeAt - 1 : wakeAt;
    }

    /**
     * Does everything due at {@code now}: hands due cues to sinks, then applies live changes and
     * commits due cues. Never blocks. Dispatcher only; allocation free in steady state. After
     * {@link #start()} it serves the real-time sinks only (timestamped ones are the sender
     * thread's); driven by hand after {@link #begin(long)}, every sink.
     *
     * @param now the current engine time (a fresh {@link NanoClock#nanoTime()})
     * @return how many cue sends it made
     */
    public int doWork(long now) {
        if (!begun) {
            throw new IllegalStateException("the engine has not started: call start() or begin()");
        }
        if (finished) {
            return 0;
        }
        if (!running) {
            finish(now);
            return 0;
        }
        // Send what is due first: a due cue never waits behind a live change (applying one
        // allocates a new tempo map and tells the listener) nor behind planning. Live changes
        // touch only cues not yet committed, so applying them after these sends changes nothing
        // they sent. A cue is committed from the peek made while waiting for it (planAhead before
        // its first send), and only then is the cue after it planned (the peek in the loop).
        int sends = sendDue(now);
        if (!commands.isEmpty()) {
            applyCommands(now);
        }
        long before = committed;
        while (canCommit() && ensurePeek() && Deadlines.reached(now, peek.deadlineNanos() - maxAdvance - planAhead)) {
            MutableCue slot = ring[(int) committed & mask];
            slot.copyFrom(peek);
            planner.skipPeeked(peek);
            slot.deadlineNanos(originNanos + slot.timeNanos());
            lastCommittedBeat = slot.beatPosition();
            committed++;
            peeked = false;
            sends += sendDue(now);
        }
        if (committed != before && anyOnSender) {
            published.setRelease(committed);
            wakeSender();
        }
        if (sends > 0) {
            sentCount += sends;
        }
        if ((planEnded && allSent()) || allDisabled()) {
            finish(now);
        }
        return sends;
    }

    /** Hands every committed cue that is due at {@code now} to the real-time sinks; returns the sends made. */
    private int sendDue(long now) {
        int sends = 0;
        for (int s = 0; s < sinks.length; s++) {
            if (!onSender[s]) {
                sends += sendDue(s, committed, now, false);
            }
        }
        return sends;
    }

    /**
     * The one send loop of both threads: hands sink {@code s} each cue from its cursor up to
     * {@code upTo} (exclusive) whose send time has come at {@code now}, in order; records the
     * lateness and the dispatch log, and advances the cursor (release) after each send. A sink that
     * throws is disabled and reported. Only the thread that owns sink {@code s} may call it: the
     * dispatcher for real-time sinks ({@code onSenderThread} false), the sender for timestamped
     * ones (true; it also stops when the engine stops). Allocation and lock free.
     *
     * @return the sends made
     */
    private int sendDue(int s, long upTo, long now, boolean onSenderThread) {
        CueView v = onSenderThread ? senderView : view;
        SingleWriterRecorder late = onSenderThread ? senderLateness : lateness;
        int producer = onSenderThread ? 1 : 0;
        int sends = 0;
        long c;
        while (disabled.getPlain(s) == 0 && (c = cursor.getPlain(s)) != upTo) {
            Cue cue = ring[(int) c & mask];
            long planned = cue.deadlineNanos() - advance[s];
            if (!Deadlines.reached(now, planned) || (onSenderThread && !running)) {
                break;
            }
            long actual = clock.nanoTime();
            try {
                sinks[s].onCue(v.of(cue));
            } catch (RuntimeException | LinkageError | AssertionError e) {
                disabled.setRelease(s, 1);
                listener.onSinkFailed(s, sinks[s], e, actual);
                break;
            }
            long lateNanos = actual - planned;
            late.recordValue(lateNanos < 0 ? 0 : Math.min(lateNanos, MAX_TRACKED_NANOS));
            log.record(producer, cue, s, planned, actual);
            cursor.setRelease(s, c + 1);
            sends++;
        }
        return sends;
    }

    private boolean canCommit() {
        if (paused || planEnded) {
            return false;
        }
        for (int s = 0; s < sinks.length; s++) {
            if (disabled.get(s) == 0 && committed - cursor.get(s) > mask) {
                return false;
            }
        }
        return true;
    }

    private boolean ensurePeek() {
        if (!peeked) {
            if (!planner.peek(peek)) {
                planEnded = true;
                return false;
            }
            peek.deadlineNanos(originNanos + peek.timeNanos());
            peeked = true;
        }
        return true;
    }

    /** Whether every dispatcher-thread sink has been sent every committed cue. */
    private boolean allSent() {
        for (int s = 0; s < sinks.length; s++) {
            if (!onSender[s] && disabled.getPlain(s) == 0 && cursor.getPlain(s) != committed) {
                return false;
            }
        }
        return true;
    }

    private boolean allDisabled() {
        for (int s = 0; s < sinks.length; s++) {
            if (disabled.get(s) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The dispatcher's part of the end: its sinks' {@link CueSink#onEnd()}; then the sender thread
     * sends what is committed and ends its own sinks (or at once, after {@link #stop()}).
     */
    private void finish(long now) {
        if (endReported) {
            return;
        }
        endReported = true;
        endSinks(false, now);
        planComplete = true;
        wakeSender();
        partDone(now);
    }

    private void endSinks(boolean sender, long now) {
        for (int s = 0; s < sinks.length; s++) {
            if (onSender[s] == sender && disabled.get(s) == 0) {
                try {
                    sinks[s].onEnd();
                } catch (RuntimeException e) {
                    listener.onSinkFailed(s, sinks[s], e, now);
                }
            }
        }
    }

    private void partDone(long now) {
        if (partsLeft.decrementAndGet() == 0) {
            finished = true;
            running = false;
            listener.onFinished(now);
            finishedLatch.countDown();
            wakeUp();
        }
    }

    private void wakeSender() {
        Runnable w = wakeSender;
        if (w != null) {
            w.run();
        }
    }

    /**
     * Sends every committed cue that is due at {@code now} to the timestamped sinks (sender thread
     * only); ends them when the plan is complete and sent, or at once after a stop.
     */
    private int senderWork(long now) {
        if (senderEnded) {
            return 0;
        }
        if (!running) {
            endSender(now);
            return 0;
        }
        boolean complete = planComplete;
        long c = published.getAcquire();
        int sends = 0;
        boolean caughtUp = true;
        for (int s = 0; s < sinks.length; s++) {
            if (!onSender[s]) {
                continue;
            }
            sends += sendDue(s, c, now, true);
            caughtUp &= disabled.getPlain(s) != 0 || cursor.getPlain(s) == c;
        }
        if (sends > 0) {
            senderSentCount += sends;
        }
        if (complete && caughtUp) {
            endSender(now);
        }
        return sends;
    }

    private long senderNextWakeNanos() {
        if (senderEnded) {
            return Deadlines.NULL_DEADLINE;
        }
        long c = published.getAcquire();
        long wakeAt = Deadlines.NULL_DEADLINE;
        boolean any = false;
        for (int s = 0; s < sinks.length; s++) {
            long k = cursor.getPlain(s);
            if (onSender[s] && disabled.getPlain(s) == 0 && k != c) {
                long t = ring[(int) k & mask].deadlineNanos() - advance[s];
                wakeAt = any ? Deadlines.earlier(wakeAt, t) : t;
                any = true;
            }
        }
        return any && wakeAt == Deadlines.NULL_DEADLINE ? wakeAt - 1 : wakeAt;
    }

    private void endSender(long now) {
        senderEnded = true;
        endSinks(true, now);
        partDone(now);
    }

    /** The beat of the map at an engine time. */
    private double beatAtNanos(long nanos) {
        return currentMap.beatAt((nanos - originNanos) / 1e9);
    }

    /** The beat from which a change may act: not before a committed cue, not before the given time. */
    private double firstFreeBeat(long issuedNanos) {
        double b = Math.max(0.0, beatAtNanos(issuedNanos));
        return Double.isNaN(lastCommittedBeat) ? b : Math.max(b, lastCommittedBeat);
    }

    private double nextBarAfter(double beat) {
        int bpb = pattern.beatsPerBar();
        if (Double.isNaN(lastCommittedBeat) && beat == 0.0) {
            return 0.0;
        }
        return (Math.floor(beat / bpb) + 1) * bpb;
    }

    private void applyCommands(long now) {
        Command c;
        while ((c = commands.poll()) != null) {
            if (c instanceof Command.Tempo) {
                Command.Tempo t = (Command.Tempo) c;
                double free = firstFreeBeat(t.issuedNanos());
                double at = t.at() == ChangeAt.NOW ? free : nextBarAfter(free);
                TempoMap next = currentMap.changedAt(at, t.change(), pattern.beatsPerBar());
                currentMap = next;
                planner.tempoMap(next);
                peeked = false;
                listener.onChange("tempo " + t.change() + " from " + t.at(), at, now);
            } else if (c instanceof Command.Pause) {
                if (!paused) {
                    paused = true;
                    long lastDeadline = committed == 0 ? c.issuedNanos()
                            : ring[(int) (committed - 1) & mask].deadlineNanos();
                    pausedAtNanos = Deadlines.before(c.issuedNanos(), lastDeadline) ? lastDeadline : c.issuedNanos();
                    listener.onChange("pause", beatAtNanos(pausedAtNanos), now);
                }
            } else if (c instanceof Command.Resume) {
                if (paused) {
                    paused = false;
                    long shift = c.issuedNanos() - pausedAtNanos;
                    if (shift > 0) {
                        originNanos += shift;
                    }
                    peeked = false;
                    listener.onChange("resume", beatAtNanos(c.issuedNanos()), now);
                }
            } else {
                int bpb = pattern.beatsPerBar();
                double end = (Math.floor(firstFreeBeat(c.issuedNanos()) / bpb) + 1) * bpb;
                planner.endBefore(end);
                peeked = false;
                listener.onChange("stop at bar end", end, now);
            }
        }
    }

    private void submit(Command c) {
        commands.add(c);
        wakeUp();
    }

    private void wakeUp() {
        Runnable w = wakeRunner;
        if (w != null) {
            w.run();
        }
    }

    /** The engine as the dispatcher thread's leading agent. */
    private final class Dispatcher implements Agent {
        @Override
        public void onStart(Runnable wake) {
            if (warmUp) {
                warmUp();
            }
        }

        @Override
        public int doWork(long nowNanos) {
            return CueEngine.this.doWork(nowNanos);
        }

        @Override
        public long nextWakeNanos() {
            return CueEngine.this.nextWakeNanos();
        }

        @Override
        public boolean isDone() {
            // The whole engine, not only the dispatcher's part: agents on this thread (a MIDI
            // clock) keep running until the sender thread has sent the last timestamped cue.
            return finished;
        }

        @Override
        public void onClose() {
            if (!endReported) {
                LOG.error("dispatcher thread ended before the engine finished; the engine stops");
                running = false;
                finish(clock.nanoTime());
            }
        }
    }

    /** The timestamped sinks' sender, on a thread of its own that parks: they place cues by timestamp. */
    private final class Sender implements Agent {
        @Override
        public int doWork(long nowNanos) {
            return senderWork(nowNanos);
        }

        @Override
        public long nextWakeNanos() {
            return senderNextWakeNanos();
        }

        @Override
        public boolean isDone() {
            return senderEnded;
        }

        @Override
        public void onClose() {
            if (!senderEnded) {
                LOG.error("sender thread ended before the engine finished; its sinks stop");
                endSender(clock.nanoTime());
            }
        }
    }

    /**
     * Runs the dispatch path, before the first cue, on a private engine of the same tempo map,
     * pattern, sink advances and plan-ahead, on a manual clock, into no-op sinks of three classes
     * (so the sink call is compiled megamorphic and a real sink's class does not deoptimise it),
     * until {@link #WARM_UP_CUES} cues or the time budget: at 8 cues per second the path would
     * otherwise stay interpreted, and deoptimise at every send, for the first minute of a
     * session. Dispatcher thread only; never fails the run.
     */
    private void warmUp() {
        long now = clock.nanoTime();
        long firstWake = nextWakeNanos();
        if (firstWake == Deadlines.NULL_DEADLINE) {
            return;
        }
        long stopAt = Deadlines.earlier(now + WARM_UP_BUDGET_NANOS, firstWake - WARM_UP_SLACK_NANOS);
        if (!Deadlines.before(now, stopAt)) {
            return;
        }
        try {
            org.entrain.clock.ManualNanoClock shadowClock = new org.entrain.clock.ManualNanoClock(0);
            Builder b = builder().clock(shadowClock).tempoMap(planner.tempoMap()).pattern(pattern)
                    .planAheadNanos(planAhead).ringCapacity(16).dispatchLogCapacity(16).warmUp(false);
            int n = Math.max(3, sinks.length);
            for (int s = 0; s < n; s++) {
                long a = s < sinks.length ? advance[s] : 0;
                b.sink(s % 3 == 0 ? new WarmUpSinkA(a) : s % 3 == 1 ? new WarmUpSinkB(a) : new WarmUpSinkC(a));
            }
            CueEngine shadow = b.build();
            shadow.begin(0);
            DispatchLog.Handler drain = (cue, sink, planned, actual) -> { };
            int cues = 0;
            for (int i = 0; cues < WARM_UP_CUES; i++) {
                if ((i & 63) == 0 && !Deadlines.before(clock.nanoTime(), stopAt)) {
                    break;
                }
                long wake = shadow.nextWakeNanos();
                if (wake == Deadlines.NULL_DEADLINE) {
                    break;
                }
                // Now and then a little late, as a real wake-up is.
                shadowClock.set(wake + (i & 3) * 1_000L);
                cues += shadow.doWork(shadowClock.nanoTime());
                shadow.dispatchLog().drain(drain);
                if (shadow.isFinished()) {
                    break;
                }
            }
            shadow.latenessSinceLastCall();
            LOG.debug("warmed the dispatch path with {} cue sends in {} us", cues, (clock.nanoTime() - now) / 1000);
        } catch (RuntimeException e) {
            LOG.debug("dispatch warm-up failed; going on cold", e);
        }
    }

    /** A warm-up sink (one of three classes). */
    private static final class WarmUpSinkA implements CueSink {
        private final long advance;
        private long sum;

        WarmUpSinkA(long advance) {
            this.advance = advance;
        }

        @Override
        public long advanceNanos() {
            return advance;
        }

        @Override
        public void onCue(Cue cue) {
            sum += cue.index() + cue.velocity();
        }
    }

    /** A warm-up sink (one of three classes). */
    private static final class WarmUpSinkB implements CueSink {
        private final long advance;
        private long sum;

        WarmUpSinkB(long advance) {
            this.advance = advance;
        }

        @Override
        public long advanceNanos() {
            return advance;
        }

        @Override
        public void onCue(Cue cue) {
            sum += cue.deadlineNanos();
        }
    }

    /** A warm-up sink (one of three classes). */
    private static final class WarmUpSinkC implements CueSink {
        private final long advance;
        private long sum;

        WarmUpSinkC(long advance) {
            this.advance = advance;
        }

        @Override
        public long advanceNanos() {
            return advance;
        }

        @Override
        public void onCue(Cue cue) {
            sum += cue.voice().ordinal();
        }
    }

    /** Live commands, applied on the dispatcher thread. */
    private interface Command {
        long issuedNanos();

        record Tempo(TempoChange change, ChangeAt at, long issuedNanos) implements Command {
        }

        record Pause(long issuedNanos) implements Command {
        }

        record Resume(long issuedNanos) implements Command {
        }

        record StopAtBarEnd(long issuedNanos) implements Command {
        }
    }

    /**
     * Builds a {@link CueEngine}. Not thread safe. Each option may be set once; {@link #build()}
     * fills the defaults and checks everything before the engine exists.
     */
    public static final class Builder {
        private NanoClock clock = SystemNanoClock.INSTANCE;
        private TempoMap tempoMap;
        private Pattern pattern;
        private Length end;
        private final List<CueSink> sinks = new ArrayList<>();
        private WaitStrategy waitStrategy = WaitStrategies.parkThenSpin();
        private EngineListener listener = EngineListener.NONE;
        private long leadInNanos = -1;
        private long planAheadNanos = DEFAULT_PLAN_AHEAD_NANOS;
        private int ringCapacity = 1024;
        private int logCapacity = 1 << 16;
        private String threadName = "entrain-dispatcher";
        private boolean warmUp = true;
        private final java.util.HashSet<String> set = new java.util.HashSet<>();

        private Builder() {
        }

        private void once(String option, Object value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " must not be null");
            }
            if (!set.add(option)) {
                throw new IllegalStateException(option + " is already set");
            }
        }

        /**
         * The clock (default: the system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(NanoClock clock) {
            once("clock", clock);
            this.clock = clock;
            return this;
        }

        /**
         * The tempo map (required).
         *
         * @param map the map
         * @return this builder
         */
        public Builder tempoMap(TempoMap map) {
            once("tempoMap", map);
            this.tempoMap = map;
            return this;
        }

        /**
         * The pattern (default: 4/4, accent on 1).
         *
         * @param pattern the pattern
         * @return this builder
         */
        public Builder pattern(Pattern pattern) {
            once("pattern", pattern);
            this.pattern = pattern;
            return this;
        }

        /**
         * Where the run ends (default: never; stop it with {@link CueEngine#stopAtBarEnd()}).
         *
         * @param end a length in bars, beats or seconds
         * @return this builder
         */
        public Builder end(Length end) {
            once("end", end);
            this.end = end;
            return this;
        }

        /**
         * Adds a sink (at least one).
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder sink(CueSink sink) {
            if (sink == null) {
                throw new IllegalArgumentException("sink must not be null");
            }
            sinks.add(sink);
            return this;
        }

        /**
         * The wait strategy (default {@link WaitStrategies#parkThenSpin()}).
         *
         * @param strategy the strategy
         * @return this builder
         */
        public Builder waitStrategy(WaitStrategy strategy) {
            once("waitStrategy", strategy);
            this.waitStrategy = strategy;
            return this;
        }

        /**
         * The listener for rare events (default: none).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(EngineListener listener) {
            once("listener", listener);
            this.listener = listener;
            return this;
        }

        /**
         * How long after {@link CueEngine#start()} beat 0 sounds (default: the largest sink
         * advance + the plan-ahead + 100 ms, time for the dispatcher thread to start).
         *
         * @param nanos 0 to 10 s
         * @return this builder
         */
        public Builder leadInNanos(long nanos) {
            once("leadIn", nanos);
            if (nanos < 0 || nanos > 10_000_000_000L) {
                throw new IllegalArgumentException("lead-in must be between 0 and 10 s, was " + nanos + " ns");
            }
            this.leadInNanos = nanos;
            return this;
        }

        /**
         * How long before the first sink needs a cue the engine plans it (default 2 ms): planning
         * happens off the send path, and a live change waits at most this long.
         *
         * @param nanos 0 to 1 s
         * @return this builder
         */
        public Builder planAheadNanos(long nanos) {
            once("planAhead", nanos);
            if (nanos < 0 || nanos > 1_000_000_000L) {
                throw new IllegalArgumentException("plan-ahead must be between 0 and 1 s, was " + nanos + " ns");
            }
            this.planAheadNanos = nanos;
            return this;
        }

        /**
         * Committed cues held for the slowest sink (default 1024).
         *
         * @param capacity a power of two, 16..65536
         * @return this builder
         */
        public Builder ringCapacity(int capacity) {
            once("ringCapacity", capacity);
            if (capacity < 16 || capacity > 65536 || Integer.bitCount(capacity) != 1) {
                throw new IllegalArgumentException("ring capacity must be a power of two from 16 to 65536, was " + capacity);
            }
            this.ringCapacity = capacity;
            return this;
        }

        /**
         * Sends the dispatch log holds before its reader must drain it (default 65536).
         *
         * @param capacity a power of two, 16..2^24
         * @return this builder
         */
        public Builder dispatchLogCapacity(int capacity) {
            once("dispatchLogCapacity", capacity);
            this.logCapacity = capacity;
            return this;
        }

        /**
         * The dispatcher thread's name (default {@code entrain-dispatcher}).
         *
         * @param name the name
         * @return this builder
         */
        public Builder threadName(String name) {
            once("threadName", name);
            this.threadName = name;
            return this;
        }

        /**
         * Whether {@link CueEngine#start()}'s thread warms the dispatch path before the first cue
         * (default true): it dispatches cues of the same plan into no-op sinks on a private engine
         * for up to 50 ms of the lead-in, ending 20 ms before the first real wake-up, so that the
         * JIT has compiled the send path before it matters. {@link CueEngine#begin(long)} never
         * warms up.
         *
         * @param warmUp true to warm up
         * @return this builder
         */
        public Builder warmUp(boolean warmUp) {
            once("warmUp", warmUp);
            this.warmUp = warmUp;
            return this;
        }

        /**
         * Fills defaults, checks the options against each other, and builds.
         *
         * @return the engine, not yet started
         * @throws IllegalArgumentException if the tempo map or sinks are missing
         */
        public CueEngine build() {
            if (tempoMap == null) {
                throw new IllegalArgumentException("a tempo map is required");
            }
            if (sinks.isEmpty()) {
                throw new IllegalArgumentException("at least one sink is required");
            }
            if (pattern == null) {
                pattern = Pattern.defaults();
            }
            return new CueEngine(this);
        }
    }
}
