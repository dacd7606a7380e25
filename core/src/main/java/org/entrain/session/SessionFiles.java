package org.entrain.session;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.entrain.analysis.AnalysisExport;
import org.entrain.analysis.AnalysisResult;
import org.entrain.csv.CueCsv;
import org.entrain.csv.OnsetCsv;
import org.entrain.schedule.CueEvent;

/**
 * The session folder's names and its CSV and JSON files, written from the log (so a folder can be
 * rebuilt from {@code session.jsonl} alone, e.g. after a crash). Stateless; thread safe.
 */
public final class SessionFiles {

    /** The crash-safe log. */
    public static final String LOG = "session.jsonl";
    /** The microphone recording. */
    public static final String RECORDING = "recording.wav";
    /** The cues that sounded (cue CSV). */
    public static final String CUES = "cues.csv";
    /** The taps (onset CSV, seconds from the first cue). */
    public static final String TAPS = "taps.csv";
    /** The analysis summary, with one entry per phase under {@code segments}. */
    public static final String ANALYSIS_JSON = "analysis.json";
    /** One row per cue. */
    public static final String ANALYSIS_CSV = "analysis.csv";
    /** The MIDI file (written by {@code midi-device}). */
    public static final String MIDI = "session.mid";
    /** The HTML report (written by the front end). */
    public static final String REPORT = "report.html";

    private SessionFiles() {
    }

    /**
     * The cues that sounded, once each, times from the first cue, perturbed cues at the time they
     * sounded ({@code shift} lines), silent ones ({@code mute} lines) left out.
     *
     * @param record the log
     * @return the cues, in time order
     */
    public static List<CueEvent> soundedCues(SessionRecord record) {
        Set<Long> muted = new HashSet<>();
        java.util.Map<Long, Long> shifts = new java.util.HashMap<>();
        for (LoggedEvent e : record.events()) {
            if (e.type().equals("mute")) {
                muted.add(Long.parseLong(e.description().trim()));
            } else if (e.type().equals("shift")) {
                shifts.put(Long.parseLong(e.description().trim()), (long) e.beat());
            }
        }
        List<CueEvent> out = new ArrayList<>();
        for (CueEvent c : record.analysisCues()) {
            if (muted.contains(c.index())) {
                continue;
            }
            Long sh = shifts.get(c.index());
            out.add(sh == null ? c : new CueEvent(c.index(), c.bar(), c.beat(), c.sub(), c.layer(), c.beatPosition(),
                    c.timeNanos() + sh, c.bpm(), c.voice(), c.velocity()));
        }
        out.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
        return out;
    }

    /**
     * Writes {@code cues.csv}, {@code taps.csv}, {@code analysis.json} and {@code analysis.csv}.
     *
     * @param record the log
     * @param analysis its analysis ({@link SessionAnalysis#analyze})
     * @param folder where
     * @return the files written
     * @throws IOException if writing fails
     */
    public static List<Path> write(SessionRecord record, AnalysisResult analysis, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        Path cues = folder.resolve(CUES);
        try (Writer w = Files.newBufferedWriter(cues, StandardCharsets.UTF_8)) {
            CueCsv.write(soundedCues(record), w);
        }
        files.add(cues);
        Path taps = folder.resolve(TAPS);
        try (Writer w = Files.newBufferedWriter(taps, StandardCharsets.UTF_8)) {
            OnsetCsv.write(OnsetCsv.rows(record.taps(), record.originNanos()), w);
        }
        files.add(taps);
        Path json = folder.resolve(ANALYSIS_JSON);
        try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            AnalysisExport.writeJson(analysis, w);
        }
        files.add(json);
        Path csv = folder.resolve(ANALYSIS_CSV);
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            AnalysisExport.writeCsv(analysis, w);
        }
        files.add(csv);
        return files;
    }
}
