package org.entrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.AnalysisResult;
import org.entrain.csv.OnsetCsv;
import org.entrain.analysis.TimingAnalyzer;
import org.entrain.report.SessionReport;
import org.entrain.csv.CueCsv;
import org.entrain.session.SessionLogReader;
import org.entrain.session.SessionRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code entrain report}: turns a session log into a report, the tidy CSV and the JSON summary. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Read a session log (also one cut short by a crash) and write into DIR: report.html with PNG "
                + "plots, analysis.json, analysis.csv (one row per cue), and the cues and taps as cues.csv and taps.csv."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SESSION_LOG", description = "the session log (JSON Lines)")
    Path log;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the output directory (created if missing)")
    Path out;

    @Option(names = "--skip", paramLabel = "N", defaultValue = "0", description = "ignore the first N taps (default ${DEFAULT-VALUE})")
    int skip;

    @Option(names = "--window", paramLabel = "F", defaultValue = "0.4",
            description = "matching window, +-F x the cue interval, 0 < F <= 0.5 (default ${DEFAULT-VALUE})")
    double window;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        AnalyzeCommand.requireFile(log, "session log");
        AnalysisOptions options = AnalysisOptions.of(AnalyzeCommand.options(skip, window));
        SessionRecord rec = SessionLogReader.read(log);
        AnalysisResult r = TimingAnalyzer.analyze(rec.analysisCues(), rec.tapTimesSeconds(), options);
        PrintWriter o = spec.commandLine().getOut();
        for (String n : rec.notes()) {
            o.println("log: " + n);
        }
        AnalyzeCommand.printSummary(r, o);
        Files.createDirectories(out);
        try (Writer w = Files.newBufferedWriter(out.resolve("cues.csv"), StandardCharsets.UTF_8)) {
            CueCsv.write(rec.analysisCues(), w);
        }
        try (Writer w = Files.newBufferedWriter(out.resolve("taps.csv"), StandardCharsets.UTF_8)) {
            OnsetCsv.write(OnsetCsv.rows(rec.onsets(), rec.originNanos()), w);
        }
        Map<String, String> facts = SessionReport.facts("session log", log.toString(),
                "recorded with", rec.header().softwareVersion(),
                "log complete", rec.closedCleanly() ? "yes" : "no: " + String.join("; ", rec.notes()));
        rec.header().settings().forEach((k, v) -> facts.put("setting: " + k, v));
        rec.header().devices().forEach((k, v) -> facts.put("device: " + k, v));
        rec.header().calibration().forEach((k, v) -> facts.put("calibration: " + k, v));
        AnalyzeCommand.write(r, out.resolve("analysis.json"), out.resolve("analysis.csv"), out,
                "Session report: " + log.getFileName(), facts, o);
        return 0;
    }
}
