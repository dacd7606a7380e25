package org.entrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.entrain.analysis.AnalysisExport;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.AnalysisResult;
import org.entrain.analysis.MatchOptions;
import org.entrain.analysis.PhaseCorrection;
import org.entrain.analysis.Summary;
import org.entrain.analysis.TimingAnalyzer;
import org.entrain.audio.AudioFileOnsets;
import org.entrain.audio.DetectionReport;
import org.entrain.csv.CueCsv;
import org.entrain.csv.OnsetCsv;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.report.PlainWords;
import org.entrain.report.SessionReport;
import org.entrain.schedule.CueEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entrain analyze}: matches taps to cues and reports timing statistics. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Match taps (or steps) to cues one-to-one and compute timing statistics: asynchrony, "
                + "inter-tap intervals and cadence, synchrony (R, Rayleigh test), phase correction (bGLS), per segment.",
                "Prints a short summary; writes JSON, a tidy CSV (one row per cue) and an HTML report on request."})
final class AnalyzeCommand implements Callable<Integer> {

    @Option(names = "--cues", paramLabel = "FILE", required = true,
            description = "the cue CSV (index,bar,beat,sub,time_s,bpm,voice,velocity), e.g. from 'entrain plan'")
    Path cues;

    @Option(names = "--taps", paramLabel = "FILE", description = "the tap CSV (index,time_s,strength), times in the cue file's time base")
    Path taps;

    @Option(names = "--audio", paramLabel = "FILE", description = "a recording to detect taps from (instead of --taps)")
    Path audio;

    @Option(names = "--json", paramLabel = "FILE", description = "write the JSON summary here")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "write the tidy CSV (one row per cue) here")
    Path csv;

    @Option(names = "--report", paramLabel = "DIR", description = "write PNG plots and report.html into this directory")
    Path report;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "taps",
            description = "with --audio: detector preset, taps or steps (default ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--cue-offset", paramLabel = "S", defaultValue = "0",
            description = "with --audio, only if the cues are not heard (headphones): where the cues' time 0 lies in the recording, s (default ${DEFAULT-VALUE})")
    double cueOffset;

    @Option(names = "--count-in", paramLabel = "BARS", defaultValue = "1",
            description = "with --audio: listen-only bars at the start, 1..16, where the room is measured (default ${DEFAULT-VALUE})")
    int countIn;

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "with --audio: a calibration from 'entrain calibrate'; its latency places the cues when they are not heard (headphones)")
    Path calibrationFile;

    @Mixin
    SoundOptions sound;

    @Option(names = "--skip", paramLabel = "N", defaultValue = "0", description = "ignore the first N taps (default ${DEFAULT-VALUE})")
    int skip;

    @Option(names = "--window", paramLabel = "F", defaultValue = "0.4",
            description = "matching window, +-F x the cue interval, 0 < F <= 0.5 (default ${DEFAULT-VALUE})")
    double window;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if ((taps == null) == (audio == null)) {
            throw new IllegalArgumentException("give exactly one of --taps FILE or --audio FILE");
        }
        MatchOptions match = options(skip, window);
        List<CueEvent> cueList = readCues(cues);
        DetectionReport rep = audio != null ? detect(cueList) : null;
        double[] tapTimes = rep != null ? scheduleSeconds(rep) : readTaps(taps);
        AnalysisResult r = TimingAnalyzer.analyze(cueList, tapTimes, AnalysisOptions.of(match));
        PrintWriter out = spec.commandLine().getOut();
        printSummary(r, out);
        Path tapSource = audio != null ? audio : taps;
        java.util.Map<String, String> facts = SessionReport.facts("cue file", cues.toString(),
                audio != null ? "recording" : "tap file", tapSource.toString());
        String source = "tap file";
        if (rep != null) {
            source = rep.cuesHeard() ? "cues-in-recording" : calibrationFile != null ? "calibration" : "none";
            facts.put("latency source", source);
        }
        write(r, null, csv, report, "Tapping analysis: " + tapSource.getFileName(), facts, out);
        if (json != null) {
            ObjectNode n = AnalysisExport.json(r);
            n.put("latency_source", source);
            if (rep != null) {
                ObjectNode c = n.putObject("cancellation");
                c.put("cues_heard", rep.cuesHeard());
                num(c, "latency_ms", rep.latencyNanos() / 1e6);
                num(c, "drift_ppm", rep.driftPpm());
                c.put("cues_aligned", rep.cuesAligned());
                num(c, "depth_count_in_db", rep.depthDb());
                num(c, "depth_cue_only_db", rep.cueOnlyDepthDb());
                c.put("onsets_flagged_cue_residue", rep.onsets().size() - rep.taps().size());
                if (rep.warning() == null) {
                    c.putNull("warning");
                } else {
                    c.put("warning", rep.warning());
                }
            }
            try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(w, n);
            }
            out.println("wrote " + json);
        }
        return 0;
    }

    private static void num(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    /**
     * Detects the taps in the recording, keeping the cues' own sound apart with their exact
     * references (the sound options as for render/play), the alignment found in the recording.
     */
    private DetectionReport detect(List<CueEvent> cueList) throws IOException {
        requireFile(audio, "audio");
        if (!(cueOffset >= 0 && cueOffset <= 3600)) {
            throw new IllegalArgumentException("--cue-offset must be between 0 and 3600 s, was " + cueOffset);
        }
        if (countIn < 1 || countIn > 16) {
            throw new IllegalArgumentException("--count-in must be between 1 and 16 bars, was " + countIn);
        }
        Calibration cal = calibrationFile == null ? Calibration.NONE
                : DetectCommand.readCalibration(calibrationFile).withoutDrift();
        float rate = AudioFileOnsets.sampleRate(audio);
        DetectionReport rep = DetectCommand.detectWithCues(audio, -1, rate, DetectorSettings.preset(preset), cueList, sound,
                countIn, Math.round(cueOffset * 1e9) + cal.latencyNanos());
        PrintWriter err = spec.commandLine().getErr();
        err.println(DetectCommand.describe(rep));
        if (rep.warning() != null) {
            err.println("entrain: warning: " + rep.warning());
        }
        err.flush();
        return rep;
    }

    /** The taps (cue residue left out) on the cue file's time line: asynchrony against the cues as heard. */
    private static double[] scheduleSeconds(DetectionReport rep) {
        List<Onset> t = rep.taps();
        double[] times = new double[t.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = rep.toScheduleNanos(t.get(i).timeNanos()) / 1e9;
        }
        return times;
    }

    static MatchOptions options(int skip, double window) {
        if (skip < 0) {
            throw new IllegalArgumentException("--skip must be 0 or more, was " + skip);
        }
        if (!(window > 0 && window <= 0.5)) {
            throw new IllegalArgumentException("--window must be above 0 and at most 0.5 (fraction of the cue interval), was "
                    + window);
        }
        return MatchOptions.of(window, skip);
    }

    static List<CueEvent> readCues(Path file) throws IOException {
        requireFile(file, "cue");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CueCsv.read(r, file.toString());
        }
    }

    static double[] readTaps(Path file) throws IOException {
        requireFile(file, "tap");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return OnsetCsv.times(OnsetCsv.read(r, file.toString()));
        }
    }

    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " file '" + file + "' not found");
        }
    }

    static void write(AnalysisResult r, Path json, Path csv, Path report, String title,
                      java.util.Map<String, String> facts, PrintWriter out) throws IOException {
        if (json != null) {
            try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                AnalysisExport.writeJson(r, w);
            }
            out.println("wrote " + json);
        }
        if (csv != null) {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                AnalysisExport.writeCsv(r, w);
            }
            out.println("wrote " + csv);
        }
        if (report != null) {
            facts.put("software", "entrain " + version());
            Path html = SessionReport.write(r, report, title, facts);
            out.println("wrote " + html);
        }
    }

    static String version() {
        String v = AnalyzeCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static void printSummary(AnalysisResult r, PrintWriter out) {
        Summary s = r.overall();
        out.printf(Locale.ROOT, "cues %d, taps %d (first %d skipped): matched %d, missed %d, extra %d%n", s.nCues(),
                s.nTaps(), r.skippedTaps(), s.nMatched(), s.nMissed(), s.nExtra());
        out.printf(Locale.ROOT, "asynchrony mean %s ms, SD %s ms, mean abs %s ms%n", f(s.meanAsynchronyMs()),
                f(s.sdAsynchronyMs()), f(s.meanAbsAsynchronyMs()));
        out.printf(Locale.ROOT, "synchrony R %s, circular mean %s deg, Rayleigh z %s, p %s%n",
                f3(s.circular().resultantLength()), f(s.circular().meanDirectionDeg()), f(s.circular().rayleighZ()),
                s.circular().rayleighP() < 0.001 ? "< 0.001" : f3(s.circular().rayleighP()));
        out.printf(Locale.ROOT, "inter-tap interval mean %s ms, SD %s ms, CV %s; cadence %s per min%n", f(s.itiMeanMs()),
                f(s.itiSdMs()), f3(s.itiCv()), f(s.cadencePerMin()));
        PhaseCorrection pc = s.phaseCorrection();
        out.printf(Locale.ROOT, "phase correction (bGLS) alpha %s, sigma_T %s ms, sigma_M %s ms%n", f3(pc.alpha()),
                f(pc.sigmaTMs()), f(pc.sigmaMMs()));
        for (String line : PlainWords.describe(s, "tap")) {
            out.println(line);
        }
        for (String n : s.notes()) {
            out.println("note: " + n);
        }
        out.flush();
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "n/a";
    }

    private static String f3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }
}
