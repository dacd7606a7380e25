package org.entrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.AnalysisResult;
import org.entrain.midi.CueSounds;
import org.entrain.pattern.Meter;
import org.entrain.report.SessionArtifacts;
import org.entrain.session.SessionAnalysis;
import org.entrain.session.SessionLogReader;
import org.entrain.session.SessionRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code entrain report}: turns a session log into a report, the tidy CSV and the JSON summary. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Read a session log (also one cut short by a crash) and write into DIR (default: the log's folder): "
                + "report.html with PNG plots, analysis.json (per phase too), analysis.csv (one row per cue), the cues and "
                + "taps as cues.csv and taps.csv, and session.mid."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SESSION_LOG", description = "the session log (JSON Lines)")
    Path log;

    @Option(names = "--out", paramLabel = "DIR", description = "the output directory (default: the log's own folder, so the session folder is regenerated)")
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
        AnalysisResult r = SessionAnalysis.analyze(rec, options);
        PrintWriter o = spec.commandLine().getOut();
        for (String n : rec.notes()) {
            o.println("log: " + n);
        }
        AnalyzeCommand.printSummary(r, o);
        Path dir = out != null ? out : log.toAbsolutePath().getParent();
        Meter meter = rec.header().settings().containsKey("meter") ? Meter.parse(rec.header().settings().get("meter")) : Meter.COMMON;
        CueSounds sounds = CueSounds.defaults();
        String s = rec.header().devices().get("cue sounds");
        if (s != null) {
            try {
                sounds = CueSounds.defaults().parse(s);
            } catch (IllegalArgumentException e) {
                o.println("log: the cue sounds '" + s + "' could not be read back; session.mid uses the defaults");
            }
        }
        Map<String, String> extra = new java.util.LinkedHashMap<>();
        Path client = log.toAbsolutePath().getParent().resolve("client.json");
        if (java.nio.file.Files.isRegularFile(client)) {
            try {
                extra.putAll(org.entrain.demo.Demo.truthBesideEstimates(org.entrain.demo.Demo.readClient(client), r));
            } catch (IOException | RuntimeException e) {
                o.println("log: client.json could not be read: " + e.getMessage());
            }
        }
        extra.put("session log", log.toString());
        for (Path p : SessionArtifacts.regenerate(rec, r, dir, sounds, meter, extra)) {
            o.println("wrote " + p);
        }
        o.flush();
        return 0;
    }
}
