package org.entrain.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.entrain.onset.Onset;
import org.entrain.schedule.CueEvent;

/**
 * A session log read back. Immutable.
 *
 * @param header the header line
 * @param cues every cue send, in log order (one per cue and sink)
 * @param onsets every onset, in log order
 * @param events live changes, device events and the end of the cues
 * @param eventLines how many event lines were read (all but the header and end lines)
 * @param closedCleanly whether the log ends with its {@code end} line
 * @param notes what the reader had to skip (a torn last line after a crash, unreadable lines)
 */
public record SessionRecord(SessionHeader header, List<LoggedCue> cues, List<Onset> onsets, List<LoggedEvent> events,
                            long eventLines, boolean closedCleanly, List<String> notes) {

    /**
     * Validates and copies.
     *
     * @param header see the record
     * @param cues see the record
     * @param onsets see the record
     * @param events see the record
     * @param eventLines see the record
     * @param closedCleanly see the record
     * @param notes see the record
     * @throws IllegalArgumentException if a part is null
     */
    public SessionRecord {
        if (header == null || cues == null || onsets == null || events == null || notes == null) {
            throw new IllegalArgumentException("session record parts must not be null");
        }
        cues = List.copyOf(cues);
        onsets = List.copyOf(onsets);
        events = List.copyOf(events);
        notes = List.copyOf(notes);
    }

    /**
     * Engine time taken as 0 s for analysis: the deadline of the first cue.
     *
     * @return engine nanos, or the first onset's time when there are no cues, or 0
     */
    public long originNanos() {
        if (!cues.isEmpty()) {
            long min = Long.MAX_VALUE;
            for (LoggedCue c : cues) {
                min = Math.min(min, c.deadlineNanos());
            }
            return min;
        }
        return onsets.isEmpty() ? 0 : onsets.get(0).timeNanos();
    }

    /**
     * The cues as they sounded, once each (the first sink's entry), with {@code timeNanos} the
     * deadline relative to {@link #originNanos()} (so pauses are included), ordered by time.
     *
     * @return the cues for analysis
     */
    public List<CueEvent> analysisCues() {
        long origin = originNanos();
        Set<Long> seen = new HashSet<>();
        List<CueEvent> out = new ArrayList<>();
        for (LoggedCue lc : cues) {
            CueEvent c = lc.cue();
            if (seen.add(c.index())) {
                out.add(new CueEvent(c.index(), c.bar(), c.beat(), c.sub(), c.layer(), c.beatPosition(),
                        lc.deadlineNanos() - origin, c.bpm(), c.voice(), c.velocity()));
            }
        }
        out.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
        return out;
    }

    /**
     * The taps: the onsets not flagged {@link Onset#CUE_RESIDUE} (the cue's own sound), in log order.
     *
     * @return the taps
     */
    public List<Onset> taps() {
        return onsets.stream().filter(Onset::isTap).toList();
    }

    /**
     * The tap times (onsets not flagged {@link Onset#CUE_RESIDUE}) relative to {@link #originNanos()},
     * in log order.
     *
     * @return seconds
     */
    public double[] tapTimesSeconds() {
        long origin = originNanos();
        return taps().stream().mapToDouble(o -> (o.timeNanos() - origin) / 1e9).toArray();
    }
}
