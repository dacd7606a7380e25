package org.entrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.entrain.pattern.Pattern;
import org.entrain.csv.CueCsv;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
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
        List<CueEvent> cues = CuePlanner.plan(tempo.tempoMap(pattern.beatsPerBar()), pattern, tempo.end(true));
        if (csv == null) {
            PrintWriter out = spec.commandLine().getOut();
            CueCsv.write(cues, out);
        } else {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                CueCsv.write(cues, w);
            }
        }
        return 0;
    }
}
