package org.entrain.session;

import java.util.ArrayList;
import java.util.List;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.AnalysisResult;
import org.entrain.analysis.Segment;
import org.entrain.analysis.Summary;
import org.entrain.analysis.TimingAnalyzer;
import org.entrain.schedule.CueEvent;

/**
 * The analysis of a session log: the cues that sounded (not the count-in's, not silent or dropped
 * ones) against the taps after the count-in, with each protocol phase as a segment (baseline and
 * continuation segments have no cues: their taps give cadence, ITI and Wing-Kristofferson
 * figures). A log without phase lines (older logs, other front ends) is analysed whole.
 * Stateless; thread safe.
 */
public final class SessionAnalysis {

    private SessionAnalysis() {
    }

    /** One phase as the log recorded it. */
    private record LoggedPhase(long startNanos, String kind, String name) {
    }

    /**
     * Analyses a session.
     *
     * @param record the log read back
     * @param options matching options (their segments are replaced by the phases)
     * @return the result; times are seconds from the session's first cue
     */
    public static AnalysisResult analyze(SessionRecord record, AnalysisOptions options) {
        List<LoggedPhase> phases = new ArrayList<>();
        for (LoggedEvent e : record.events()) {
            if (e.type().equals("phase")) {
                String d = e.description();
                int sp = d.indexOf(' ');
                phases.add(new LoggedPhase(e.nanos(), sp < 0 ? d : d.substring(0, sp), sp < 0 ? d : d.substring(sp + 1)));
            }
        }
        long origin = record.originNanos();
        List<double[]> gaps = inputGaps(record, origin);
        List<CueEvent> all = measured(record.analysisCues(), gaps);
        double[] tapsAll = record.tapTimesSeconds();
        if (phases.isEmpty()) {
            return noted(TimingAnalyzer.analyze(all, tapsAll, options), record, gaps);
        }
        double measuredFrom = Double.NEGATIVE_INFINITY;
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            LoggedPhase p = phases.get(i);
            double start = (p.startNanos() - origin) / 1e9;
            double end = i + 1 < phases.size() ? (phases.get(i + 1).startNanos() - origin) / 1e9 : Double.POSITIVE_INFINITY;
            if (p.kind().equals(PhaseKind.COUNT_IN.id())) {
                measuredFrom = Math.max(measuredFrom, end);
                continue;
            }
            if (end > start) {
                segments.add(new Segment(p.name(), "phase", start, end));
            }
        }
        List<CueEvent> cues = new ArrayList<>();
        double firstIoi = Double.NaN;
        for (CueEvent c : measured(SessionFiles.soundedCues(record), gaps)) {
            if (c.timeSeconds() < measuredFrom - 0.25 * 60 / c.bpm()) {
                continue;
            }
            if (Double.isNaN(firstIoi)) {
                firstIoi = 60.0 / c.bpm();
            }
            cues.add(c);
        }
        // taps from half an interval before the measured part (negative asynchrony on its first cue)
        double from = measuredFrom == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                : measuredFrom - 0.5 * (Double.isNaN(firstIoi) ? 0.5 : firstIoi);
        double[] taps = java.util.Arrays.stream(tapsAll).filter(t -> t >= from).toArray();
        if (segments.isEmpty()) {
            return noted(TimingAnalyzer.analyze(cues, taps, options), record, gaps);
        }
        return noted(TimingAnalyzer.analyze(cues, taps, options.withSegments(segments)), record, gaps);
    }

    /**
     * The stretches in which the tap input delivered nothing ({@code input} lines: from each
     * {@code stopped} to the next {@code resumed}, or the end), seconds from the origin.
     */
    private static List<double[]> inputGaps(SessionRecord record, long origin) {
        List<double[]> gaps = new ArrayList<>();
        double from = Double.NaN;
        for (LoggedEvent e : record.events()) {
            if (!e.type().equals("input")) {
                continue;
            }
            double t = (e.nanos() - origin) / 1e9;
            if (e.description().startsWith("stopped ") && Double.isNaN(from)) {
                from = t;
            } else if (e.description().startsWith("resumed ") && !Double.isNaN(from)) {
                gaps.add(new double[] {from, t});
                from = Double.NaN;
            }
        }
        if (!Double.isNaN(from)) {
            gaps.add(new double[] {from, Double.POSITIVE_INFINITY});
        }
        return gaps;
    }

    /** The cues outside the input's gaps: a cue no input could hear a tap for is not measured. */
    private static List<CueEvent> measured(List<CueEvent> cues, List<double[]> gaps) {
        if (gaps.isEmpty()) {
            return cues;
        }
        List<CueEvent> out = new ArrayList<>();
        for (CueEvent c : cues) {
            if (!inGap(c.timeSeconds(), gaps)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean inGap(double t, List<double[]> gaps) {
        for (double[] g : gaps) {
            if (t >= g[0] && t < g[1]) {
                return true;
            }
        }
        return false;
    }

    /** Adds to the overall notes what the input's gaps left out. */
    private static AnalysisResult noted(AnalysisResult r, SessionRecord record, List<double[]> gaps) {
        if (gaps.isEmpty()) {
            return r;
        }
        List<String> notes = new ArrayList<>(r.overall().notes());
        for (double[] g : gaps) {
            int n = 0;
            for (CueEvent c : SessionFiles.soundedCues(record)) {
                if (c.timeSeconds() >= g[0] && c.timeSeconds() < g[1]) {
                    n++;
                }
            }
            notes.add(String.format(java.util.Locale.ROOT, "the tap input delivered no audio from %s %s: the %d cues in that"
                    + " time are not measured", clock(g[0]), Double.isInfinite(g[1]) ? "to the end" : "to " + clock(g[1]), n));
        }
        Summary o = r.overall();
        Summary s = new Summary(o.nCues(), o.nTaps(), o.nMatched(), o.nMissed(), o.nExtra(), o.meanAsynchronyMs(),
                o.sdAsynchronyMs(), o.meanAbsAsynchronyMs(), o.itiMeanMs(), o.itiSdMs(), o.itiCv(), o.cadencePerMin(),
                o.stepTimeCvPercent(), o.circular(), o.phaseCorrection(), notes);
        return new AnalysisResult(r.options(), s, r.segments(), r.rows(), r.extraTapTimesSeconds(), r.skippedTaps(),
                r.tempoTracking());
    }

    private static String clock(double seconds) {
        long s = Math.max(0, (long) Math.floor(seconds));
        return String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
