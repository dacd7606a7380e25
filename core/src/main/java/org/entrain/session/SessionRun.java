package org.entrain.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.entrain.onset.Onset;
import org.entrain.schedule.ChangeAt;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueEngine;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event side of a session: drains the decider's ring and the onsets, matches taps to cues,
 * keeps the live statistics, drives the protocol, calls listeners and ends the session. Only the
 * event thread (or the virtual-time driver) calls {@link #pump(long)}; the control methods are
 * thread safe (they set volatile requests or go to the engine's own queue).
 */
final class SessionRun {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRun.class);
    private static final int HISTORY = 128;

    private final Session s;
    private final Phase[] phases;
    private final int bpb;
    private CueDecider decider;

    // controls
    private volatile boolean nextPhaseRequested;
    private volatile boolean paused;
    private volatile double tempoInForce;
    private volatile LiveStats stats;

    // protocol state (event thread)
    private int phase;
    private long phaseStartBar;
    private long phaseBars;
    private long phaseEndNanos;
    private long stepBars;
    private boolean atTarget;
    private boolean lastPhasePlanned;
    private double baselineCadence = Double.NaN;
    private final List<long[]> phaseStarts = new ArrayList<>(); // {startNanos, phaseIndex}
    private long firstCueNanos = Long.MIN_VALUE;
    private double totalBars = Double.NaN;

    // cue history of sounded beat cues: deadline, ioi, index, matched
    private final long[] hDeadline = new long[HISTORY];
    private final long[] hIoi = new long[HISTORY];
    private final long[] hIndex = new long[HISTORY];
    private final boolean[] hMatched = new boolean[HISTORY];
    private long hCount;
    private final ArrayDeque<SessionCue> pending = new ArrayDeque<>();
    private final ArrayDeque<Onset> waitingTaps = new ArrayDeque<>();
    private long lastDecidedDeadline = Long.MIN_VALUE;
    private long tapCount;

    // phase statistics
    private int taps;
    private int matched;
    private int cues;
    private double mean;
    private double m2;
    private double sumSin;
    private double sumCos;
    private double lastAsync = Double.NaN;
    private long lastTapNanos = Long.MIN_VALUE;
    private final double[] itis = new double[8];
    private int itiCount;
    private final double[] gateAsync = new double[1000];
    private final double[] gateAngle = new double[1000];
    private int gateCount;
    private final List<Double> baselineItis = new ArrayList<>();
    private long lastBar;
    private int lastBeat;
    private double lastBpm;

    // end
    private long drainUntil = Long.MIN_VALUE;
    private boolean outputsClosed;
    private EndReason reason;
    private final List<String> warnings = new ArrayList<>();

    SessionRun(Session s) {
        this.s = s;
        this.phases = s.phases();
        this.bpb = s.pattern().beatsPerBar();
    }

    void decider(CueDecider d) {
        this.decider = d;
    }

    /** The phase whose start applies the plain session's tempo change: the first measured one. */
    int changePhase() {
        for (int i = 0; i < phases.length; i++) {
            if (phases[i].kind() != PhaseKind.COUNT_IN) {
                return i;
            }
        }
        return 0;
    }

    double startBpm(Phase first) {
        if (first.kind() == PhaseKind.COUNT_IN) {
            return pickFirst(s.protocol().startBpm());
        }
        return Double.isNaN(first.bpm()) ? s.protocol().startBpm() : first.bpm();
    }

    /** Count-in: the tempo of the first measured phase if it gives one, else the protocol's. */
    private double pickFirst(double fallback) {
        for (Phase p : phases) {
            if (p.kind() != PhaseKind.COUNT_IN) {
                return Double.isNaN(p.bpm()) ? fallback : p.bpm();
            }
        }
        return fallback;
    }

    void starting(double bpm0) {
        tempoInForce = bpm0;
        lastBpm = bpm0;
        totalBars = plannedBars(bpm0);
        stats = LiveStats.initial(phases[0], phases.length, bpm0);
        enterPhase(0, 0, bpm0, false);
    }

    private double plannedBars(double bpm0) {
        double total = 0;
        for (Phase p : phases) {
            Length l = p.length();
            if (l == null) {
                return Double.NaN;
            }
            total += switch (l.unit()) {
                case BARS -> l.amount();
                case BEATS -> Math.ceil(l.amount() / bpb);
                case SECONDS -> l.amount() * bpm0 / 60.0 / bpb;
            };
        }
        return total;
    }

    long decidedCount() {
        return decider == null ? 0 : decider.decidedCount() + decider.overflowCount();
    }

    long tapCount() {
        return tapCount;
    }

    LiveStats stats() {
        return stats;
    }

    void requestNextPhase() {
        nextPhaseRequested = true;
    }

    void pause(boolean on) {
        CueEngine e = s.engine();
        if (e == null || on == paused) {
            return;
        }
        paused = on;
        if (on) {
            e.pause();
        } else {
            e.resume();
        }
    }

    synchronized boolean togglePause() {
        pause(!paused);
        return paused;
    }

    void manualTempo(double bpm, ChangeAt at) {
        CueEngine e = s.engine();
        if (e != null) {
            tempoInForce = bpm;
            e.changeTempo(TempoChange.jumpTo(bpm), at);
        }
    }

    synchronized void nudge(double delta, ChangeAt at) {
        double b = Math.max(1, Math.min(1000, Math.round((tempoInForce + delta) * 10) / 10.0));
        manualTempo(b, at);
    }

    // ---- event thread ----

    void pump(long now) {
        // Devices' warnings are taken until the end: an output that fails while the last cues
        // play out still ends the session FAILED, and its line must be in the result (a synth
        // line that threw in the tail gave FAILED with no warning, once in a loaded run).
        String w;
        while ((w = s.warningQueue().poll()) != null) {
            warn(w);
        }
        if (reason == null) {
            drainCues();
            matchDueTaps(now);
            InputWatch watch = s.inputWatch();
            InputWatch.Finding f;
            while (watch != null && (f = watch.check(now, firstCueNanos == Long.MIN_VALUE ? now : firstCueNanos)) != null) {
                onInput(f);
            }
            checkHearing(now);
        }
        checkFiles(now);
        deliverDue(now);
        if (reason == null && s.engineFinished()) {
            reason = s.stopRequested() ? EndReason.STOPPED : EndReason.COMPLETED;
            long last = lastDecidedDeadline == Long.MIN_VALUE ? now : Math.max(now, lastDecidedDeadline);
            drainUntil = last + s.tailNanos();
        }
        if (reason != null) {
            drainOnsets();
            if (!outputsClosed && now - drainUntil >= 0) {
                // Every cue has sounded: release the outputs first (a closing synth line also plays out
                // what its buffers still hold), then listen for what the input has yet to deliver.
                outputsClosed = true;
                s.closeCompanions(warnings);
                drainUntil = now + s.inputDelayNanos();
            } else if (outputsClosed && now - drainUntil >= 0) {
                deliverDue(Long.MAX_VALUE);
                s.finish(reason, warnings);
            }
        }
    }

    private boolean logFailureReported;
    private boolean recordingFailureReported;

    /** Whether a failure of the log was told to the user while the session ran. */
    boolean logFailureReported() {
        return logFailureReported;
    }

    /** Whether a failure of the recording was told to the user while the session ran. */
    boolean recordingFailureReported() {
        return recordingFailureReported;
    }

    /** A file that stops being written (a full disk, a folder gone) is told to the user when it happens, once. */
    private void checkFiles(long now) {
        String at = InputWatch.clock(now, firstCueNanos == Long.MIN_VALUE ? now : firstCueNanos);
        SessionLogWriter log = s.log();
        if (!logFailureReported && log != null && log.failure() != null) {
            logFailureReported = true;
            String m = "the session log could not be written at " + at + " (" + why(log.failure())
                    + "): cues continue, but nothing after that is recorded";
            warnings.add(m);
            for (SessionListener l : s.listeners()) {
                l.onWarning(m);
            }
        }
        WavFileWriter rec = s.recording();
        if (!recordingFailureReported && rec != null && rec.failure() != null) {
            recordingFailureReported = true;
            warn("the recording could not be written at " + at + " (" + why(rec.failure())
                    + "): cues and taps go on, " + SessionFiles.RECORDING + " holds the audio before that");
        }
    }

    private static String why(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private CueHearing.State hearingState = CueHearing.State.SEARCHING;
    private long foundAtNanos;
    private boolean lowDepthTold;

    /**
     * The input found the cues it hears, or gave up, or cancels them too little: the log gets a
     * {@code cue_hearing} line on every change; not hearing them and a depth under {@link
     * CueHearing#USEFUL_DEPTH_DB} 10 s after they were found are told to the user, once.
     */
    private void checkHearing(long now) {
        CueHearing h = s.input().cueHearing();
        if (h == null) {
            return;
        }
        if (h.state() != hearingState) {
            hearingState = h.state();
            SessionLogWriter log = s.log();
            if (log != null) {
                log.cueHearingEvent(now, h);
            }
            LOG.info("input: {}", h.describe());
            if (h.state() == CueHearing.State.NOT_HEARD) {
                tell(h.describe());
            } else if (h.state() == CueHearing.State.FOUND) {
                foundAtNanos = now;
            }
        }
        if (h.state() == CueHearing.State.FOUND && now - foundAtNanos > 10_000_000_000L) {
            String m = shallowCancellation(h);
            if (m != null) {
                tell(m);
            }
        }
    }

    /**
     * The warning for a cancellation too shallow to tell taps from the cue's residue, once: null
     * when it is deep enough, not found, or already told.
     */
    String shallowCancellation(CueHearing h) {
        if (lowDepthTold || h == null || h.state() != CueHearing.State.FOUND || !(h.depthDb() < CueHearing.USEFUL_DEPTH_DB)) {
            return null;
        }
        lowDepthTold = true;
        return String.format(java.util.Locale.ROOT, "the cue's sound was cancelled by only %.0f dB in the microphone"
                + " (%.0f dB is useful): taps near the cues may be the cue's own sound; move the microphone nearer the"
                + " client, or use headphones", h.depthDb(), CueHearing.USEFUL_DEPTH_DB);
    }

    private void tell(String message) {
        warnings.add(message);
        for (SessionListener l : s.listeners()) {
            l.onWarning(message);
        }
    }

    /** The input stopped, resumed or is silent: the user is told, the log gets an {@code input} line. */
    private void onInput(InputWatch.Finding f) {
        warnings.add(f.message());
        SessionLogWriter log = s.log();
        if (log != null) {
            log.inputEvent(f.nanos(), f.kind().name().toLowerCase(java.util.Locale.ROOT), f.message());
        }
        LOG.info("input: {}", f.message());
        for (SessionListener l : s.listeners()) {
            l.onWarning(f.message());
        }
    }

    private void warn(String message) {
        warnings.add(message);
        SessionLogWriter log = s.log();
        if (log != null) {
            log.deviceEvent(s.clock().nanoTime(), message);
        }
        for (SessionListener l : s.listeners()) {
            l.onWarning(message);
        }
    }

    private void drainCues() {
        int i;
        while ((i = decider.peekSlot()) >= 0) {
            long index = decider.rIndex[i];
            long bar = decider.rBar[i];
            int beat = decider.rBeat[i];
            int sub = decider.rSub[i];
            int layer = decider.rLayer[i];
            int velocity = decider.rVelocity[i];
            long deadline = decider.rDeadline[i];
            double bpm = decider.rBpm[i];
            int ph = decider.rPhase[i];
            boolean start = decider.rPhaseStart[i];
            double beatPos = decider.rBeatPosition[i];
            long shift = decider.rShift[i];
            SessionCue cue = new SessionCue(index, bar, beat, sub, CueDecider.voice(decider.rVoice[i]), Math.max(velocity, 0),
                    deadline + shift, bpm, ph, velocity > 0);
            decider.advanceHead();
            if (firstCueNanos == Long.MIN_VALUE) {
                firstCueNanos = deadline;
            }
            lastDecidedDeadline = deadline;
            if (start) {
                phaseStarts.add(new long[] {deadline, ph});
                SessionLogWriter log = s.log();
                if (log != null) {
                    log.phaseEvent(deadline, beatPos, bar, phases[ph].kind().id(), phases[ph].name());
                }
            }
            if (velocity <= 0 || shift != 0) {
                SessionLogWriter log = s.log();
                if (log != null) {
                    if (velocity <= 0) {
                        log.mutedCue(deadline, index);
                    } else {
                        log.shiftedCue(deadline, index, shift);
                    }
                }
            }
            boolean beatCue = sub == 0 && layer == Cue.MAIN_GRID;
            if (velocity > 0 && beatCue) {
                int h = (int) (hCount % HISTORY);
                long prev = hCount > 0 ? hDeadline[(int) ((hCount - 1) % HISTORY)] : Long.MIN_VALUE;
                long ioi = Math.round(60e9 / bpm);
                hDeadline[h] = deadline + shift;
                hIoi[h] = prev != Long.MIN_VALUE && deadline - prev < 2 * ioi && deadline - prev > ioi / 2 ? deadline - prev : ioi;
                hIndex[h] = index;
                hMatched[h] = false;
                hCount++;
            }
            pending.add(cue);
            if (beatCue && beat == 0) {
                onBar(bar, deadline, bpm);
            }
        }
    }

    /**
     * Logs every onset the input has delivered (cue residue too, with its flag, for the record) and
     * keeps the taps for matching: an onset flagged {@link Onset#CUE_RESIDUE} is the cue's own sound.
     */
    private void pollOnsets() {
        Onset o;
        while ((o = s.onsetQueue().poll()) != null) {
            SessionLogWriter log = s.log();
            if (log != null) {
                log.onOnset(o);
            }
            if (o.isTap()) {
                tapCount++;
                waitingTaps.add(o);
            }
        }
    }

    /** The end: every tap is matched now (no cue is to come). */
    void drainOnsets() {
        pollOnsets();
        Onset o;
        while ((o = waitingTaps.poll()) != null) {
            onTap(o);
        }
    }

    /**
     * Matches the taps whose matching window has been decided: a tap may precede its cue by up to
     * 0.4 of an interval, more than the cue is decided ahead of its sound (the largest output
     * advance: a few ms for a MIDI port), so a tap waits until a cue beyond its window is decided,
     * or the window has passed (a pause, the end), so it is never matched before its own cue is known.
     */
    private void matchDueTaps(long now) {
        pollOnsets();
        long known = lastDecidedDeadline == Long.MIN_VALUE ? now : Math.max(now, lastDecidedDeadline);
        long window = Math.round(0.4 * (hCount > 0 ? hIoi[(int) ((hCount - 1) % HISTORY)] : 60e9 / Math.max(1, lastBpm)));
        Onset o;
        while ((o = waitingTaps.peek()) != null && known - o.timeNanos() >= window) {
            onTap(waitingTaps.poll());
        }
    }

    private void deliverDue(long now) {
        while (!pending.isEmpty() && now - pending.peek().deadlineNanos() >= 0) {
            SessionCue c = pending.poll();
            if (!announced || c.phase() != statsPhase) {
                // a phase's first cue sounds: its statistics start afresh
                announced = true;
                beginPhaseStats(c.phase(), c.bar(), c.bpm());
            }
            if (c.sounded() && c.sub() == 0) {
                cues++;
            }
            lastBar = c.bar();
            lastBeat = c.beat();
            lastBpm = c.bpm();
            for (SessionListener l : s.listeners()) {
                l.onCue(c);
            }
            publishStats(c.deadlineNanos());
        }
    }

    private int statsPhase;
    private boolean announced;

    private void beginPhaseStats(int ph, long bar, double bpm) {
        if (phases[statsPhase].kind() == PhaseKind.BASELINE && !baselineItis.isEmpty()) {
            baselineCadence = cadence(baselineItis);
        }
        statsPhase = ph;
        taps = 0;
        matched = 0;
        cues = 0;
        mean = 0;
        m2 = 0;
        sumSin = 0;
        sumCos = 0;
        lastAsync = Double.NaN;
        itiCount = 0;
        gateCount = 0;
        baselineItis.clear();
        for (SessionListener l : s.listeners()) {
            l.onPhase(ph, phases[ph], bar, bpm);
        }
    }

    private static double cadence(List<Double> itisMs) {
        List<Double> sorted = new ArrayList<>(itisMs);
        sorted.sort(null);
        double median = sorted.get(sorted.size() / 2);
        return 60_000.0 / median;
    }

    private void publishStats(long now) {
        double sd = matched > 1 ? Math.sqrt(m2 / (matched - 1)) : Double.NaN;
        double r = matched > 0 ? Math.hypot(sumSin, sumCos) / matched : Double.NaN;
        double cad = Double.NaN;
        if (itiCount > 0) {
            double sum = 0;
            int n = Math.min(itiCount, itis.length);
            for (int i = 0; i < n; i++) {
                sum += itis[i];
            }
            cad = 60_000.0 / (sum / n);
        }
        double progress = Double.isNaN(totalBars) || totalBars <= 0 ? Double.NaN
                : Math.min(1.0, (lastBar + (lastBeat + 1.0) / bpb) / totalBars);
        Phase p = phases[statsPhase];
        LiveStats st = new LiveStats(statsPhase, p.name(), p.kind(), phases.length, lastBpm, lastBar, lastBeat,
                firstCueNanos == Long.MIN_VALUE ? 0 : Math.max(0, now - firstCueNanos), progress, paused, lastAsync,
                matched > 0 ? mean : Double.NaN, sd, r, cad, taps, matched, cues);
        stats = st;
        for (SessionListener l : s.listeners()) {
            l.onStats(st);
        }
    }

    private int phaseAt(long nanos) {
        int ph = 0;
        for (long[] st : phaseStarts) {
            if (nanos - st[0] >= -halfBeat()) {
                ph = (int) st[1];
            }
        }
        return ph;
    }

    private long halfBeat() {
        return Math.round(30e9 / Math.max(1, lastBpm));
    }

    private void onTap(Onset o) {
        long t = o.timeNanos();
        int ph = phaseAt(t);
        long cueIndex = -1;
        double async = Double.NaN;
        long lo = Math.max(0, hCount - HISTORY);
        long best = -1;
        long bestAbs = Long.MAX_VALUE;
        for (long k = hCount - 1; k >= lo; k--) {
            int h = (int) (k % HISTORY);
            long d = t - hDeadline[h];
            long abs = Math.abs(d);
            if (abs <= 0.4 * hIoi[h] && abs < bestAbs) {
                best = k;
                bestAbs = abs;
            }
            if (hDeadline[h] - t < -4 * hIoi[h]) {
                break;
            }
        }
        double angle = Double.NaN;
        if (best >= 0) {
            int h = (int) (best % HISTORY);
            if (!hMatched[h]) {
                hMatched[h] = true;
                cueIndex = hIndex[h];
                async = (t - hDeadline[h]) / 1e6;
                angle = 2 * Math.PI * (t - hDeadline[h]) / hIoi[h];
            }
        }
        boolean counted = ph == statsPhase && phases[ph].kind().measured();
        if (counted) {
            taps++;
            if (lastTapNanos != Long.MIN_VALUE) {
                double iti = (t - lastTapNanos) / 1e6;
                if (iti > 150 && iti < 3000) {
                    itis[itiCount % itis.length] = iti;
                    itiCount++;
                    if (phases[ph].kind() == PhaseKind.BASELINE) {
                        baselineItis.add(iti);
                    }
                }
            }
            if (cueIndex >= 0) {
                matched++;
                double d = async - mean;
                mean += d / matched;
                m2 += d * (async - mean);
                sumSin += Math.sin(angle);
                sumCos += Math.cos(angle);
                lastAsync = async;
                gateAsync[gateCount % gateAsync.length] = async;
                gateAngle[gateCount % gateAngle.length] = angle;
                gateCount++;
            }
        }
        lastTapNanos = t;
        SessionTap tap = new SessionTap(t, o.strength(), o.source(), cueIndex, async, ph);
        for (SessionListener l : s.listeners()) {
            l.onTap(tap);
        }
        publishStats(s.clock().nanoTime());
    }

    // ---- protocol ----

    /** At the first cue of bar {@code bar} (decided ahead of its sound): what happens at bar + 1. */
    private void onBar(long bar, long deadline, double bpm) {
        if (lastPhasePlanned || s.stopRequested() || bar < phaseStartBar) {
            return;
        }
        Phase p = phases[phase];
        long done = bar - phaseStartBar + 1;
        long barNanos = Math.round(bpb * 60e9 / bpm);
        boolean end = nextPhaseRequested;
        if (phaseBars > 0 && done >= phaseBars) {
            end = true;
        }
        if (phaseEndNanos != Long.MIN_VALUE && deadline + barNanos + barNanos / 2 - phaseEndNanos >= 0) {
            end = true;
        }
        if (!end && p.kind() == PhaseKind.STEP_UP && done % stepBars == 0) {
            if (atTarget) {
                end = phaseBars <= 0;
            } else {
                boolean open = p.gate() == null || gateOpen(p.gate());
                if (open) {
                    double next = bpm * (1 + p.stepPercent() / 100.0);
                    double target = p.targetBpm();
                    if (!Double.isNaN(target) && (p.stepPercent() > 0 ? next >= target : next <= target)) {
                        next = target;
                        atTarget = true;
                    }
                    next = Math.max(1, Math.min(1000, next));
                    tempoInForce = next;
                    s.engine().changeTempo(TempoChange.jumpTo(next), ChangeAt.NEXT_BAR);
                } else {
                    warn(String.format(java.util.Locale.ROOT, "step held at %.1f bpm: %s not met over the last %d cues",
                            bpm, gateText(p.gate()), p.gate().lastCues()));
                }
            }
        }
        if (end) {
            nextPhaseRequested = false;
            if (phase + 1 < phases.length) {
                enterPhase(phase + 1, bar + 1, bpm, true);
            } else {
                lastPhasePlanned = true;
                s.engine().stopAtBarEnd();
            }
        }
    }

    private String gateText(Gate g) {
        int n = Math.min(gateCount, g.lastCues());
        return String.format(java.util.Locale.ROOT, "R %.2f >= %.2f and |mean| %.0f <= %.0f ms (%d matched)",
                gateR(n), g.minResultant(), gateMean(n), g.maxAbsMeanAsynchronyMs(), n);
    }

    private boolean gateOpen(Gate g) {
        int n = Math.min(gateCount, g.lastCues());
        return g.open(gateR(n), gateMean(n), n);
    }

    private double gateR(int n) {
        double ss = 0;
        double cc = 0;
        for (int i = 0; i < n; i++) {
            int k = (gateCount - 1 - i) % gateAngle.length;
            ss += Math.sin(gateAngle[k]);
            cc += Math.cos(gateAngle[k]);
        }
        return n == 0 ? Double.NaN : Math.hypot(ss, cc) / n;
    }

    private double gateMean(int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += gateAsync[(gateCount - 1 - i) % gateAsync.length];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private void enterPhase(int q, long bar, double bpmNow, boolean live) {
        Phase p = phases[q];
        phase = q;
        phaseStartBar = bar;
        atTarget = false;
        double bpm = bpmNow;
        if (!Double.isNaN(p.bpm())) {
            bpm = p.bpm();
        } else if (p.kind() == PhaseKind.MATCH && live) {
            if (phases[statsPhase].kind() == PhaseKind.BASELINE && baselineItis.size() >= 3) {
                baselineCadence = cadence(baselineItis);
            }
            if (!Double.isNaN(baselineCadence)) {
                bpm = Math.max(1, Math.min(1000, Math.round(baselineCadence * 10) / 10.0));
            } else if (q > 0 && phases[q - 1].kind() == PhaseKind.BASELINE) {
                warn("no cadence measured in the baseline; match goes on at " + bpmNow + " bpm");
            }
        }
        if (live) {
            CueEngine e = s.engine();
            if (bpm != bpmNow) {
                e.changeTempo(TempoChange.jumpTo(bpm), ChangeAt.NEXT_BAR);
            }
            if (p.kind() == PhaseKind.RAMP) {
                e.changeTempo(TempoChange.rampTo(p.shape(), p.targetBpm(), p.length()), ChangeAt.NEXT_BAR);
            }
            if (q == changePhase() && s.firstChange() != null) {
                e.changeTempo(s.firstChange(), ChangeAt.NEXT_BAR);
            }
            tempoInForce = bpm;
        }
        phaseBars = -1;
        phaseEndNanos = Long.MIN_VALUE;
        Length l = p.length();
        if (l != null) {
            switch (l.unit()) {
                case BARS -> phaseBars = Math.max(1, (long) Math.ceil(l.amount()));
                case BEATS -> phaseBars = Math.max(1, (long) Math.ceil(l.amount() / bpb));
                case SECONDS -> {
                    long barNanos = Math.round(bpb * 60e9 / bpm);
                    long start = lastDecidedDeadline == Long.MIN_VALUE ? s.clock().nanoTime() : lastDecidedDeadline + barNanos;
                    phaseEndNanos = start + Math.round(l.amount() * 1e9);
                }
            }
        }
        stepBars = 1;
        if (p.stepEvery() != null) {
            Length e = p.stepEvery();
            stepBars = switch (e.unit()) {
                case BARS -> Math.max(1, Math.round(e.amount()));
                case BEATS -> Math.max(1, (long) Math.ceil(e.amount() / bpb));
                case SECONDS -> Math.max(1, Math.round(e.amount() * bpm / 60.0 / bpb));
            };
        }
        decider.plan(q, bar);
        LOG.debug("phase {} ({}) from bar {} at {} bpm", q, p.name(), bar, bpm);
    }
}
