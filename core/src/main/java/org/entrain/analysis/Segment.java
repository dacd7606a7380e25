package org.entrain.analysis;

import java.util.ArrayList;
import java.util.List;
import org.entrain.schedule.CueEvent;
import org.entrain.tempo.TempoMap;

/**
 * A stretch of a session summarised on its own: a constant tempo, a ramp, or a protocol phase
 * (baseline, match, step up, fade, continuation). Immutable.
 *
 * @param label a name for reports, e.g. {@code "ramp 100 -> 110 bpm"} or {@code "baseline"}
 * @param kind {@code constant}, {@code ramp}, a tempo-map kind ({@code linear}, {@code exp} ...) or {@code phase}
 * @param startSeconds where it starts, seconds from the first cue
 * @param endSeconds where it ends (exclusive), seconds; may be positive infinity
 */
public record Segment(String label, String kind, double startSeconds, double endSeconds) {

    /**
     * Validates.
     *
     * @param label see the record
     * @param kind see the record
     * @param startSeconds see the record
     * @param endSeconds see the record
     * @throws IllegalArgumentException if a text is null or blank, or the range is empty or NaN
     */
    public Segment {
        if (label == null || label.isBlank() || kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("segment label and kind must not be blank");
        }
        if (!(endSeconds > startSeconds)) {
            throw new IllegalArgumentException("segment '" + label + "' must end after it starts, was " + startSeconds
                    + " .. " + endSeconds + " s");
        }
    }

    /**
     * Whether a time falls inside.
     *
     * @param seconds a time, seconds from the first cue
     * @return true if start &lt;= seconds &lt; end
     */
    public boolean contains(double seconds) {
        return seconds >= startSeconds && seconds < endSeconds;
    }

    /**
     * One segment per tempo-map segment (a time 0 of the map is the first cue).
     *
     * @param map the tempo map the cues were planned with
     * @return the segments, in order
     */
    public static List<Segment> fromTempoMap(TempoMap map) {
        List<Segment> out = new ArrayList<>();
        int n = map.segmentCount();
        for (int i = 0; i < n; i++) {
            double start = i == 0 ? Double.NEGATIVE_INFINITY : map.segmentStartSeconds(i);
            double end = i + 1 < n ? map.segmentStartSeconds(i + 1) : Double.POSITIVE_INFINITY;
            if (end > start) {
                double b0 = map.bpmAtSeconds(Math.max(0, map.segmentStartSeconds(i)));
                String kind = map.segmentKind(i);
                String label = (i + 1) + ": " + kind + " " + bpm(b0)
                        + (i + 1 < n && !"constant".equals(kind) ? " -> " + bpm(map.bpmAtSeconds(end)) : "") + " bpm";
                out.add(new Segment(label, kind, start, end));
            }
        }
        return out;
    }

    /**
     * Segments found from the cue tempo column: runs of equal tempo ({@code constant}) and runs
     * where it changes from cue to cue ({@code ramp}); a single change between two constant runs
     * is a jump and only starts a new constant segment. Boundaries sit half an interval before
     * the first cue of a segment, so early taps belong to it.
     *
     * @param cues the cues, ascending in time
     * @return the segments (one open-ended segment for fewer than two cues)
     */
    public static List<Segment> fromCues(List<CueEvent> cues) {
        List<Segment> out = new ArrayList<>();
        int n = cues.size();
        if (n < 2) {
            out.add(new Segment("all", "constant", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
            return out;
        }
        // step k: from cue k to k+1; ramp if the tempo differs
        boolean[] ramp = new boolean[n - 1];
        for (int k = 0; k + 1 < n; k++) {
            ramp[k] = Math.abs(cues.get(k + 1).bpm() - cues.get(k).bpm()) > 1e-6;
        }
        // a lone changing step between constant steps is a jump
        for (int k = 0; k + 1 < n; k++) {
            boolean prev = k > 0 && ramp[k - 1];
            boolean next = k + 2 < n && ramp[k + 1];
            if (ramp[k] && !prev && !next) {
                ramp[k] = false;
                // mark the jump by a zero-length break: handled below by the tempo comparison
            }
        }
        int startCue = 0;
        for (int k = 1; k < n; k++) {
            boolean kindChange = k < n - 1 && ramp[k] != ramp[k - 1];
            boolean jump = !ramp[k - 1] && Math.abs(cues.get(k).bpm() - cues.get(k - 1).bpm()) > 1e-6;
            if (kindChange || jump) {
                out.add(cueSegment(cues, startCue, k, ramp[k - 1]));
                startCue = k;
            }
        }
        out.add(cueSegment(cues, startCue, n, startCue < n - 1 && ramp[startCue]));
        // open the ends
        Segment first = out.get(0);
        out.set(0, new Segment(first.label(), first.kind(), Double.NEGATIVE_INFINITY, first.endSeconds()));
        Segment last = out.get(out.size() - 1);
        out.set(out.size() - 1, new Segment(last.label(), last.kind(), last.startSeconds(), Double.POSITIVE_INFINITY));
        return out;
    }

    private static Segment cueSegment(List<CueEvent> cues, int from, int to, boolean ramp) {
        double start = boundary(cues, from);
        double end = to < cues.size() ? boundary(cues, to) : Double.POSITIVE_INFINITY;
        double b0 = cues.get(from).bpm();
        double b1 = cues.get(Math.min(to, cues.size() - 1)).bpm();
        String label = ramp ? "ramp " + bpm(b0) + " -> " + bpm(b1) + " bpm" : "constant " + bpm(b0) + " bpm";
        return new Segment(label, ramp ? "ramp" : "constant", start, end);
    }

    private static double boundary(List<CueEvent> cues, int k) {
        double t = cues.get(k).timeSeconds();
        return k == 0 ? t - 1 : t - (t - cues.get(k - 1).timeSeconds()) / 2;
    }

    private static String bpm(double b) {
        return Math.abs(b - Math.rint(b)) < 0.05 ? String.valueOf(Math.round(b)) : String.format(java.util.Locale.ROOT, "%.1f", b);
    }
}
