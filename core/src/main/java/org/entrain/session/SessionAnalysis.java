package org.entrain.session;

import java.util.ArrayList;
import java.util.List;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.AnalysisResult;
import org.entrain.analysis.Segment;
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
        List<CueEvent> all = record.analysisCues();
        double[] tapsAll = record.tapTimesSeconds();
        if (phases.isEmpty()) {
            return TimingAnalyzer.analyze(all, tapsAll, options);
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
        for (CueEvent c : SessionFiles.soundedCues(record)) {
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
            return TimingAnalyzer.analyze(cues, taps, options);
        }
        return TimingAnalyzer.analyze(cues, taps, options.withSegments(segments));
    }
}
