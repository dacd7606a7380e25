package org.entrain.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.entrain.pattern.Voice;
import org.entrain.schedule.CueEvent;

/**
 * Analyses a session: matches taps to cues and computes the statistics of the whole session and
 * of each segment. Stateless and thread safe.
 *
 * <pre>{@code
 * List<CueEvent> cues = CueCsv.read(reader, "cues.csv");
 * double[] taps = OnsetCsv.times(OnsetCsv.read(tapReader, "taps.csv"));
 * AnalysisResult r = TimingAnalyzer.analyze(cues, taps, AnalysisOptions.DEFAULT);
 * }</pre>
 */
public final class TimingAnalyzer {

    /** Largest accepted |time|: 1e9 s (31 years), so that every difference and product stays finite. */
    static final double MAX_ABS_SECONDS = 1e9;

    private TimingAnalyzer() {
    }

    /**
     * Analyses taps against cues.
     *
     * @param cues the cues (any voices; see {@link AnalysisOptions#beatsOnly()}), times from the first cue
     * @param tapTimesSeconds tap times in the cues' time base, seconds, finite (sorted here if needed)
     * @param options the options
     * @return the result
     * @throws IllegalArgumentException if a time is NaN, infinite or beyond +-1e9 s, or two analysed cues share a time
     */
    public static AnalysisResult analyze(List<CueEvent> cues, double[] tapTimesSeconds, AnalysisOptions options) {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < tapTimesSeconds.length; i++) {
            if (!Double.isFinite(tapTimesSeconds[i]) || Math.abs(tapTimesSeconds[i]) > MAX_ABS_SECONDS) {
                throw new IllegalArgumentException("tap " + i + " time must be a finite number of seconds within +-1e9 s, was "
                        + tapTimesSeconds[i]);
            }
        }
        double[] taps = tapTimesSeconds.clone();
        int[] tapOrder = sortedOrder(taps);
        if (!isIdentity(tapOrder)) {
            notes.add("taps were not in time order; sorted before matching");
        }
        List<CueEvent> used = withoutSettling(analysedCues(cues, options, notes), taps, options, notes);
        int nc = used.size();
        double[] cueTimes = new double[nc];
        double[] bpm = new double[nc];
        for (int k = 0; k < nc; k++) {
            cueTimes[k] = used.get(k).timeSeconds();
            bpm[k] = used.get(k).bpm();
        }
        TapMatcher.checkTimes(cueTimes, "cue", true);
        Matching m = TapMatcher.match(cueTimes, taps, options.match());
        double[] ioi = TapMatcher.iois(cueTimes);
        List<Segment> segs = options.segments().isEmpty() ? Segment.fromCues(used) : options.segments();
        int[] cueSeg = new int[nc];
        for (int k = 0; k < nc; k++) {
            cueSeg[k] = segmentOf(segs, cueTimes[k]);
        }
        int[] cueOfTap = cueOfTap(m, nc, taps.length);
        int[] tapSeg = tapSegments(m, taps, cueOfTap, cueSeg, segs);
        List<CueRow> rows = rows(used, cueTimes, ioi, bpm, cueSeg, taps, tapOrder, m);
        Context ctx = new Context(cueTimes, ioi, bpm, taps, m, cueOfTap, cueSeg, tapSeg);
        Summary overall = ctx.summarize(-1, notes);
        List<SegmentSummary> segSummaries = new ArrayList<>();
        for (int s = 0; s < segs.size(); s++) {
            Summary sum = ctx.summarize(s, new ArrayList<>());
            segSummaries.add(new SegmentSummary(segs.get(s), sum, ctx.tracking(s), WingKristofferson.of(ctx.itis(s))));
        }
        List<Double> extra = new ArrayList<>();
        for (int j : m.extraTaps()) {
            extra.add(taps[j]);
        }
        return new AnalysisResult(options, overall, segSummaries, rows, extra, m.skippedTaps(), ctx.tracking(-1));
    }

    /** The cues analysed: beat-level ones if asked (all if there are none). */
    private static List<CueEvent> analysedCues(List<CueEvent> cues, AnalysisOptions options, List<String> notes) {
        if (!options.beatsOnly()) {
            return cues;
        }
        List<CueEvent> used = new ArrayList<>();
        for (CueEvent c : cues) {
            if (c.sub() == 0 && (c.voice() == Voice.BEAT || c.voice() == Voice.ACCENT)) {
                used.add(c);
            }
        }
        if (used.isEmpty() && !cues.isEmpty()) {
            notes.add("no beat-level cues; all cues analysed");
            return cues;
        }
        return used;
    }

    /**
     * Settling: with taps skipped, cues whose late window closes before the first analysed tap
     * are left out, not counted as missed.
     */
    private static List<CueEvent> withoutSettling(List<CueEvent> used, double[] taps, AnalysisOptions options,
                                                  List<String> notes) {
        if (options.match().skipTaps() <= 0 || taps.length <= options.match().skipTaps() || used.size() <= 1) {
            return used;
        }
        double first = taps[options.match().skipTaps()];
        int from = 0;
        while (from < used.size() - 1) {
            double c = used.get(from).timeSeconds();
            double next = used.get(from + 1).timeSeconds();
            if (c + options.match().windowIoi() * (next - c) < first) {
                from++;
            } else {
                break;
            }
        }
        if (from == 0) {
            return used;
        }
        notes.add(from + " cue" + (from == 1 ? "" : "s") + " before the first analysed tap (settling) left out");
        return used.subList(from, used.size());
    }

    /** For each tap, the cue it matched, or -1. */
    private static int[] cueOfTap(Matching m, int cues, int taps) {
        int[] cueOfTap = new int[taps];
        Arrays.fill(cueOfTap, -1);
        for (int k = 0; k < cues; k++) {
            int j = m.tapOf(k);
            if (j >= 0) {
                cueOfTap[j] = k;
            }
        }
        return cueOfTap;
    }

    /** The segment of each analysed tap: its cue's if matched, else by time; -1 for skipped taps. */
    private static int[] tapSegments(Matching m, double[] taps, int[] cueOfTap, int[] cueSeg, List<Segment> segs) {
        int[] tapSeg = new int[taps.length];
        Arrays.fill(tapSeg, -1);
        for (int j = m.skippedTaps(); j < taps.length; j++) {
            tapSeg[j] = cueOfTap[j] >= 0 ? cueSeg[cueOfTap[j]] : segmentOf(segs, taps[j]);
        }
        return tapSeg;
    }

    /** One row per analysed cue: its tap, asynchrony in ms and relative phase in radians. */
    private static List<CueRow> rows(List<CueEvent> used, double[] cueTimes, double[] ioi, double[] bpm, int[] cueSeg,
                                     double[] taps, int[] tapOrder, Matching m) {
        List<CueRow> rows = new ArrayList<>(used.size());
        for (int k = 0; k < used.size(); k++) {
            int j = m.tapOf(k);
            double a = j >= 0 ? (taps[j] - cueTimes[k]) * 1000 : Double.NaN;
            rows.add(new CueRow(used.get(k).index(), cueTimes[k], ioi[k], bpm[k], used.get(k).voice().id(), cueSeg[k],
                    j >= 0 ? tapOrder[j] : -1, j >= 0 ? taps[j] : Double.NaN, a,
                    j >= 0 ? 2 * Math.PI * (taps[j] - cueTimes[k]) / ioi[k] : Double.NaN));
        }
        return rows;
    }

    /**
     * Analyses taps against bare cue times (all beat cues, tempo from the intervals).
     *
     * @param cueTimesSeconds cue times, seconds, strictly ascending
     * @param tapTimesSeconds tap times, seconds
     * @param options the options
     * @return the result
     * @throws IllegalArgumentException if a time is not finite or beyond +-1e9 s, or the cues are not ascending
     */
    public static AnalysisResult analyze(double[] cueTimesSeconds, double[] tapTimesSeconds, AnalysisOptions options) {
        TapMatcher.checkTimes(cueTimesSeconds, "cue", true);
        for (int k = 0; k < cueTimesSeconds.length; k++) {
            if (Math.abs(cueTimesSeconds[k]) > MAX_ABS_SECONDS) {
                throw new IllegalArgumentException("cue " + k + " time must be within +-1e9 s, was " + cueTimesSeconds[k]);
            }
        }
        double[] ioi = TapMatcher.iois(cueTimesSeconds);
        List<CueEvent> cues = new ArrayList<>(cueTimesSeconds.length);
        for (int k = 0; k < cueTimesSeconds.length; k++) {
            cues.add(new CueEvent(k, 0, 0, 0, -1, k, Math.round(cueTimesSeconds[k] * 1e9), 60 / ioi[k], Voice.BEAT, 100));
        }
        return analyze(cues, tapTimesSeconds, options);
    }

    private static int segmentOf(List<Segment> segs, double t) {
        for (int s = 0; s < segs.size(); s++) {
            if (segs.get(s).contains(t)) {
                return s;
            }
        }
        return -1;
    }

    private static int[] sortedOrder(double[] taps) {
        Integer[] idx = new Integer[taps.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        boolean sorted = true;
        for (int i = 1; i < taps.length; i++) {
            if (taps[i] < taps[i - 1]) {
                sorted = false;
                break;
            }
        }
        int[] order = new int[taps.length];
        if (sorted) {
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            return order;
        }
        double[] copy = taps.clone();
        Arrays.sort(idx, (a, b) -> Double.compare(copy[a], copy[b]));
        for (int i = 0; i < order.length; i++) {
            order[i] = idx[i];
            taps[i] = copy[idx[i]];
        }
        return order;
    }

    private static boolean isIdentity(int[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The shared arrays of one analysis; {@code seg == -1} means the whole session. */
    private static final class Context {
        final double[] cueTimes;
        final double[] ioi;
        final double[] bpm;
        final double[] taps;
        final Matching m;
        final int[] cueOfTap;
        final int[] cueSeg;
        final int[] tapSeg;

        Context(double[] cueTimes, double[] ioi, double[] bpm, double[] taps, Matching m, int[] cueOfTap, int[] cueSeg,
                int[] tapSeg) {
            this.cueTimes = cueTimes;
            this.ioi = ioi;
            this.bpm = bpm;
            this.taps = taps;
            this.m = m;
            this.cueOfTap = cueOfTap;
            this.cueSeg = cueSeg;
            this.tapSeg = tapSeg;
        }

        boolean cueIn(int k, int seg) {
            return seg < 0 || cueSeg[k] == seg;
        }

        boolean tapIn(int j, int seg) {
            return j >= m.skippedTaps() && (seg < 0 || tapSeg[j] == seg);
        }

        double[] itis(int seg) {
            double[] out = new double[taps.length];
            int n = 0;
            int prev = -1;
            for (int j = m.skippedTaps(); j < taps.length; j++) {
                if (tapIn(j, seg)) {
                    if (prev >= 0 && !spansMissedCue(prev, j)) {
                        out[n++] = (taps[j] - taps[prev]) * 1000;
                    }
                    prev = j;
                }
            }
            return Arrays.copyOf(out, n);
        }

        /** Both taps matched to cues with a cue between them: the interval covers two beats. */
        boolean spansMissedCue(int a, int b) {
            return cueOfTap[a] >= 0 && cueOfTap[b] >= 0 && cueOfTap[b] - cueOfTap[a] > 1;
        }

        int intervalsSpanningMissedCues() {
            int n = 0;
            int prev = -1;
            for (int j = m.skippedTaps(); j < taps.length; j++) {
                if (prev >= 0 && spansMissedCue(prev, j)) {
                    n++;
                }
                prev = j;
            }
            return n;
        }

        TempoTracking tracking(int seg) {
            int nc = cueTimes.length;
            double[] iti = new double[nc];
            double[] io = new double[nc];
            int n = 0;
            for (int k = 0; k + 1 < nc; k++) {
                int a = m.tapOf(k);
                int b = m.tapOf(k + 1);
                if (a >= 0 && b >= 0 && cueIn(k, seg) && cueIn(k + 1, seg)) {
                    iti[n] = (taps[b] - taps[a]) * 1000;
                    io[n] = (cueTimes[k + 1] - cueTimes[k]) * 1000;
                    n++;
                }
            }
            return TempoTracking.of(Arrays.copyOf(iti, n), Arrays.copyOf(io, n));
        }

        Summary summarize(int seg, List<String> notes) {
            int nc = cueTimes.length;
            int nCues = 0;
            int nMatched = 0;
            double[] async = new double[nc];
            double[] phase = new double[nc];
            for (int k = 0; k < nc; k++) {
                if (!cueIn(k, seg)) {
                    continue;
                }
                nCues++;
                int j = m.tapOf(k);
                if (j >= 0) {
                    double a = taps[j] - cueTimes[k];
                    async[nMatched] = a * 1000;
                    phase[nMatched] = 2 * Math.PI * a / ioi[k];
                    nMatched++;
                }
            }
            int nTaps = 0;
            int nExtra = 0;
            for (int j = m.skippedTaps(); j < taps.length; j++) {
                if (tapIn(j, seg)) {
                    nTaps++;
                    if (cueOfTap[j] < 0) {
                        nExtra++;
                    }
                }
            }
            double[] iti = itis(seg);
            double itiMean = Stats.mean(iti, iti.length);
            double itiSd = Stats.sd(iti, iti.length);
            double cv = itiMean > 0 ? itiSd / itiMean : Double.NaN;
            if (nCues == 0 && seg < 0) {
                notes.add("no cues: asynchrony and synchrony statistics are undefined");
            }
            if (nTaps == 0) {
                notes.add("no taps to analyse" + (m.skippedTaps() > 0 ? " after skipping " + m.skippedTaps() : ""));
            } else if (nMatched == 0 && nCues > 0) {
                notes.add("no tap fell within the matching window of any cue (all " + nExtra + " taps extra)");
            } else if (nMatched == 1) {
                notes.add("only one matched tap: SD of asynchrony undefined");
            }
            if (nTaps == 1) {
                notes.add("one tap: inter-tap intervals undefined");
            }
            if (iti.length > 0 && !(itiMean > 0)) {
                notes.add("all taps at the same time: intervals are 0, cadence undefined");
            }
            if (seg < 0) {
                int spanning = intervalsSpanningMissedCues();
                if (spanning > 0) {
                    notes.add(spanning + " inter-tap interval" + (spanning == 1 ? "" : "s")
                            + " spanning a missed cue left out of the ITI statistics");
                }
            }
            PhaseCorrection pc = phaseCorrection(seg);
            if (nMatched > 0 && !pc.note().isEmpty()) {
                notes.add(pc.note());
            }
            return new Summary(nCues, nTaps, nMatched, nCues - nMatched, nExtra, Stats.mean(async, nMatched),
                    Stats.sd(async, nMatched), Stats.meanAbs(async, nMatched), itiMean, itiSd, cv,
                    itiMean > 0 ? 60_000 / itiMean : Double.NaN, 100 * cv, CircularStats.of(phase, nMatched), pc, notes);
        }

        PhaseCorrection phaseCorrection(int seg) {
            int nc = cueTimes.length;
            double[] x = new double[nc];
            double[] y = new double[nc];
            boolean[] linked = new boolean[nc];
            int n = 0;
            int lastK = -2;
            for (int k = 0; k + 1 < nc; k++) {
                int a = m.tapOf(k);
                int b = m.tapOf(k + 1);
                double period = bpm[k] > 0 && Double.isFinite(bpm[k]) ? 60.0 / bpm[k] : ioi[k];
                // a silent (dropped, gap) cue between k and k+1 breaks the model's one-period step
                boolean adjacent = cueTimes[k + 1] - cueTimes[k] < 1.5 * period;
                if (a >= 0 && b >= 0 && adjacent && cueIn(k, seg) && cueIn(k + 1, seg)) {
                    x[n] = (taps[a] - cueTimes[k]) * 1000;
                    y[n] = (taps[b] - taps[a] - period) * 1000;
                    linked[n] = lastK == k - 1;
                    lastK = k;
                    n++;
                }
            }
            return Bgls.fit(Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(linked, n));
        }
    }
}
