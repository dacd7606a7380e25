package org.entrain.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.MutableCue;
import org.entrain.csv.CueCsv;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code entrain plan}: prints the cue schedule as CSV, without sound. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the cue schedule as CSV (index,bar,beat,sub,time_s,bpm,voice,velocity); no sound.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    TempoOptions tempo;

    @Option(names = "--csv", paramLabel = "FILE", description = "write the CSV here instead of stdout")
    Path csv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Pattern pattern = tempo.pattern();
        TempoMap map = tempo.tempoMap(pattern.beatsPerBar());
        Length end = tempo.end(true);
        String warning = tempo.cutShortWarning(map, end, pattern.beatsPerBar());
        if (warning != null) {
            spec.commandLine().getErr().println("entrain: " + warning);
        }
        CuePlanner planner = new CuePlanner(map, pattern, end);
        if (csv == null) {
            PrintWriter out = spec.commandLine().getOut();
            Writer w = new BufferedWriter(out, 1 << 16);
            if (!stream(planner, w, out) || out.checkError()) {
                // standard output was closed (e.g. piped into head): stop quietly, as other tools do
                return 0;
            }
        } else {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                stream(planner, w, null);
            }
        }
        return 0;
    }

    /**
     * Writes the plan one cue at a time, so that any length runs in constant memory and the first
     * rows appear at once.
     *
     * @param sink the PrintWriter under {@code w}, checked for errors (it swallows them), or null
     * @return false if {@code sink} reported an error (output closed)
     */
    private static boolean stream(CuePlanner planner, Writer w, PrintWriter sink) throws IOException {
        w.write(CueCsv.HEADER);
        w.write('\n');
        MutableCue cue = new MutableCue();
        long n = 0;
        while (planner.next(cue)) {
            w.write(CueCsv.row(cue.toEvent()));
            w.write('\n');
            if ((++n & 0xfff) == 0) {
                w.flush();
                if (sink != null && sink.checkError()) {
                    return false;
                }
            }
        }
        w.flush();
        return true;
    }
}
