package org.entrain.session;

import java.util.SplittableRandom;
import org.entrain.pattern.Voice;
import org.entrain.schedule.CommitHook;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;

/**
 * The session's decision for each cue, made once when the engine commits it (a {@link CommitHook}
 * on the dispatcher thread): which phase it belongs to and whether (and how loud, how displaced) it
 * sounds. It hands sounded cues to the input for cancellation and passes every decision to the
 * event thread through a single-producer ring. The output sinks, wrapped in {@link GatedSink}, read
 * the decision when they are sent the cue, on the dispatcher or the sender thread, without waiting:
 * the engine publishes a cue to the sender thread only after this hook has returned. It is also the
 * engine's first sink (sink 0 of the session log, where every cue, sounded or not, is logged); as
 * a sink it does nothing. Only the dispatcher thread calls {@link #onCommit(Cue)}; {@link #plan(int, long)}
 * from any thread; {@link #velocityOf(long)} and {@link #shiftOf(long)} from any sink's thread
 * once the engine has sent it the cue; the ring is read by one consumer thread. Allocation free
 * per cue.
 */
final class CueDecider implements CueSink, CommitHook {

    static final int RING = 1 << 12;
    private static final int MASK = RING - 1;
    private static final Voice[] VOICES = Voice.values();

    private final long advance;
    private final Phase[] phases;
    private final int beatsPerBar;
    private final TapInput input;
    // planned switch: (bar << 16) | phase, written by the controller
    private volatile long plan;
    // dispatcher state
    private int phase = -1;
    private long phaseStartBar;
    private long beatsInPhase;
    private SplittableRandom random;
    private SplittableRandom perturbRandom;
    private long nextPerturbBeat = Long.MAX_VALUE;
    private final long[] decidedShift = new long[RING];
    private final int[] decidedVelocity = new int[RING];
    private final long[] decidedFor = new long[RING];
    // ring to the event thread
    final long[] rIndex = new long[RING];
    final long[] rBar = new long[RING];
    final int[] rBeat = new int[RING];
    final int[] rSub = new int[RING];
    final int[] rLayer = new int[RING];
    final int[] rVoice = new int[RING];
    final int[] rVelocity = new int[RING];
    final long[] rDeadline = new long[RING];
    final double[] rBpm = new double[RING];
    final int[] rPhase = new int[RING];
    final boolean[] rPhaseStart = new boolean[RING];
    final double[] rBeatPosition = new double[RING];
    final long[] rShift = new long[RING];
    private volatile long tail;
    private long head;
    private volatile long overflow;

    CueDecider(long advanceNanos, Phase[] phases, int beatsPerBar, TapInput input) {
        this.advance = advanceNanos;
        this.phases = phases;
        this.beatsPerBar = beatsPerBar;
        this.input = input;
        this.plan = 0L; // phase 0 from bar 0
        java.util.Arrays.fill(decidedFor, -1);
    }

    /** Phase {@code phaseIndex} starts at bar {@code bar} (or the first bar not yet decided after it). Any thread. */
    void plan(int phaseIndex, long bar) {
        plan = (bar << 16) | phaseIndex;
    }

    @Override
    public long advanceNanos() {
        return advance;
    }

    /** As a sink: nothing (every cue was decided when committed). */
    @Override
    public void onCue(Cue cue) {
    }

    @Override
    public void onCommit(Cue cue) {
        long p = plan;
        int planned = (int) (p & 0xFFFF);
        long fromBar = p >>> 16;
        boolean start = false;
        if (planned != phase && cue.bar() >= fromBar && cue.beat() == 0 && cue.sub() == 0) {
            phase = planned;
            phaseStartBar = cue.bar();
            beatsInPhase = 0;
            start = true;
            Fade f = phases[phase].fade();
            random = f.dropProbability() > 0 ? new SplittableRandom(f.seed()) : null;
            Perturbation pt = phases[phase].perturbation();
            perturbRandom = pt == null ? null : new SplittableRandom(pt.seed());
            nextPerturbBeat = pt == null ? Long.MAX_VALUE : nextGap(pt);
        }
        if (phase < 0) {
            phase = 0;
        }
        Phase ph = phases[phase];
        int velocity = ph.kind().cued() ? fade(ph.fade(), cue) : 0;
        long shift = 0;
        if (cue.sub() == 0 && cue.layer() == Cue.MAIN_GRID) {
            beatsInPhase++;
            if (beatsInPhase >= nextPerturbBeat && velocity > 0) {
                Perturbation pt = ph.perturbation();
                shift = Math.round(pt.shiftMs() * 1e6) * (perturbRandom.nextBoolean() ? 1 : -1);
                nextPerturbBeat = beatsInPhase + nextGap(pt);
            }
        }
        int slot = (int) (cue.index() & MASK);
        decidedVelocity[slot] = velocity;
        decidedShift[slot] = shift;
        decidedFor[slot] = cue.index();
        if (velocity > 0 && input != null) {
            input.cue(cue.deadlineNanos() + shift, cue.voice(), velocity);
        }
        push(cue, velocity, start, shift);
    }

    private int fade(Fade f, Cue cue) {
        int v = cue.velocity();
        if (!f.any()) {
            return v;
        }
        long barInPhase = cue.bar() - phaseStartBar;
        if (f.gapPlayBars() > 0 && barInPhase % (f.gapPlayBars() + f.gapMuteBars()) >= f.gapPlayBars()) {
            return 0;
        }
        boolean beatCue = cue.sub() == 0 && cue.layer() == Cue.MAIN_GRID;
        if (beatCue && f.dropEvery() > 0 && (beatsInPhase + 1) % f.dropEvery() == 0) {
            return 0;
        }
        if (beatCue && random != null && random.nextDouble() < f.dropProbability()) {
            return 0;
        }
        if (f.fadeOverBars() > 0) {
            double x = (barInPhase + cue.beat() / (double) beatsPerBar) / f.fadeOverBars();
            if (x >= 1) {
                return 0;
            }
            v = (int) Math.round(v * (1 - x));
            return Math.max(1, v);
        }
        return v;
    }

    private long nextGap(Perturbation pt) {
        return pt.minBeats() + perturbRandom.nextInt(pt.maxBeats() - pt.minBeats() + 1);
    }

    /** The displacement decided for a cue, nanos (0: on the grid). A sink's thread, once sent the cue. */
    long shiftOf(long index) {
        int slot = (int) (index & MASK);
        return decidedFor[slot] == index ? decidedShift[slot] : 0;
    }

    /** The velocity decided for a cue (0: silent). A sink's thread, once sent the cue. */
    int velocityOf(long index) {
        int slot = (int) (index & MASK);
        return decidedFor[slot] == index ? decidedVelocity[slot] : 0;
    }

    private void push(Cue c, int velocity, boolean start, long shift) {
        long t = tail;
        if (t - head >= RING) {
            overflow++;
            return;
        }
        int i = (int) (t & MASK);
        rIndex[i] = c.index();
        rBar[i] = c.bar();
        rBeat[i] = c.beat();
        rSub[i] = c.sub();
        rLayer[i] = c.layer();
        rVoice[i] = c.voice().ordinal();
        rVelocity[i] = velocity;
        rDeadline[i] = c.deadlineNanos();
        rBpm[i] = c.bpm();
        rPhase[i] = phase;
        rPhaseStart[i] = start;
        rBeatPosition[i] = c.beatPosition();
        rShift[i] = shift;
        tail = t + 1;
    }

    /** Consumer: the ring slot of the next decision, or -1. */
    int peekSlot() {
        return head == tail ? -1 : (int) (head & MASK);
    }

    /** Consumer: done with the slot from {@link #peekSlot()}. */
    void advanceHead() {
        head++;
    }

    static Voice voice(int ordinal) {
        return VOICES[ordinal];
    }

    /** Cues decided so far (any thread). */
    long decidedCount() {
        return tail;
    }

    long overflowCount() {
        return overflow;
    }
}
