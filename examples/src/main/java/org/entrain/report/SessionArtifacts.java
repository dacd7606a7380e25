package org.entrain.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.entrain.analysis.AnalysisResult;
import org.entrain.midi.CueSounds;
import org.entrain.midi.MidiFiles;
import org.entrain.pattern.Meter;
import org.entrain.schedule.CueEvent;
import org.entrain.session.SessionArtifact;
import org.entrain.session.SessionFiles;
import org.entrain.session.SessionRecord;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;

/**
 * The session folder's front-end files: {@code report.html} with its plots and
 * {@code session.mid}, as {@link SessionArtifact}s a session calls at its end, and
 * {@link #regenerate} for {@code entrain report}. Stateless; thread safe.
 */
public final class SessionArtifacts {

    private SessionArtifacts() {
    }

    /**
     * The HTML report, with the log header's facts and any extra facts.
     *
     * @param extra extra facts computed from the analysis (e.g. the demo client's truth beside the estimates), or null
     * @return the artifact
     */
    public static SessionArtifact report(Function<AnalysisResult, Map<String, String>> extra) {
        warmUp();
        return (rec, analysis, folder) -> List.of(writeReport(rec, analysis, folder,
                extra == null ? Map.of() : extra.apply(analysis)));
    }

    /**
     * Renders a tiny chart once, so that Java2D, fonts and ImageIO initialise now: a session that
     * ends because of Ctrl-C or SIGTERM writes its report inside a shutdown hook, where that
     * initialisation would fail ("Shutdown in progress").
     */
    static void warmUp() {
        try {
            org.knowm.xchart.XYChart c = new org.knowm.xchart.XYChartBuilder().width(16).height(16).build();
            c.addSeries("warm-up", new double[] {0, 1}, new double[] {0, 1});
            org.knowm.xchart.BitmapEncoder.getBitmapBytes(c, org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException | RuntimeException e) {
            // the report will say what fails when it is written
        }
    }

    /**
     * Writes {@code report.html} and its PNGs.
     *
     * @param rec the log
     * @param analysis its analysis
     * @param folder where
     * @param extra extra facts first
     * @return the HTML file
     * @throws IOException if writing fails
     */
    public static Path writeReport(SessionRecord rec, AnalysisResult analysis, Path folder, Map<String, String> extra)
            throws IOException {
        Map<String, String> facts = new LinkedHashMap<>(extra);
        facts.put("session folder", folder.toAbsolutePath().toString());
        facts.put("recorded with", rec.header().softwareVersion());
        facts.put("log complete", rec.closedCleanly() ? "yes" : "no: " + String.join("; ", rec.notes()));
        rec.header().settings().forEach((k, v) -> facts.put("setting: " + k, v));
        rec.header().devices().forEach((k, v) -> facts.put("device: " + k, v));
        rec.header().calibration().forEach((k, v) -> facts.put("calibration: " + k, v));
        return SessionReport.write(analysis, folder, "Session report: " + folder.getFileName(), facts);
    }

    /**
     * The MIDI file: the cues that sounded and the taps on their own tracks, with the tempo map.
     *
     * @param sounds the cue sounds
     * @param meter the meter
     * @return the artifact
     */
    public static SessionArtifact midi(CueSounds sounds, Meter meter) {
        return (rec, analysis, folder) -> List.of(writeMidi(rec, folder, sounds, meter));
    }

    /**
     * Writes {@code session.mid}.
     *
     * @param rec the log
     * @param folder where
     * @param sounds the cue sounds
     * @param meter the meter
     * @return the file
     * @throws IOException if writing fails
     */
    public static Path writeMidi(SessionRecord rec, Path folder, CueSounds sounds, Meter meter) throws IOException {
        List<CueEvent> cues = SessionFiles.soundedCues(rec);
        Path f = folder.resolve(SessionFiles.MIDI);
        MidiFiles.write(tempoMap(rec.analysisCues(), meter.beats()), meter, cues, sounds, rec.tapTimesSeconds(), f);
        return f;
    }

    /** A tempo map with a jump wherever the beat cues' tempo changed (ramps become fine steps). */
    static TempoMap tempoMap(List<CueEvent> cues, int beatsPerBar) {
        double bpm = cues.isEmpty() ? 60 : cues.get(0).bpm();
        TempoMap.Builder b = TempoMap.builder(bpm).beatsPerBar(beatsPerBar);
        double from = 0;
        for (CueEvent c : cues) {
            if (c.sub() != 0 || Double.isNaN(c.beatPosition())) {
                continue;
            }
            if (Math.abs(c.bpm() - bpm) > 1e-9) {
                if (c.beatPosition() - from > 1e-9) {
                    b.then(new TempoChange.Hold(Length.beats(c.beatPosition() - from)));
                }
                b.then(TempoChange.jumpTo(c.bpm()));
                bpm = c.bpm();
                from = c.beatPosition();
            }
        }
        return b.build();
    }

    /**
     * Rewrites a session folder's analysis and report files from its log (after a crash, or with
     * other matching options): CSV, JSON, HTML with PNGs and MIDI.
     *
     * @param rec the log
     * @param analysis its analysis
     * @param folder where
     * @param sounds the cue sounds for the MIDI file
     * @param meter the meter
     * @param extra extra facts
     * @return the files written
     * @throws IOException if writing fails
     */
    public static List<Path> regenerate(SessionRecord rec, AnalysisResult analysis, Path folder, CueSounds sounds,
                                        Meter meter, Map<String, String> extra) throws IOException {
        Files.createDirectories(folder);
        List<Path> out = new ArrayList<>(SessionFiles.write(rec, analysis, folder));
        out.add(writeReport(rec, analysis, folder, extra));
        out.add(writeMidi(rec, folder, sounds, meter));
        return out;
    }
}
