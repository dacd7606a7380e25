package org.entrain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.entrain.demo.ClientParameters;
import org.entrain.demo.Demo;
import org.entrain.session.Protocol;
import org.entrain.session.ProtocolFile;
import org.entrain.session.Session;
import org.entrain.session.SessionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entrain demo}: a whole RAS session with a simulated client, offline, in seconds. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A whole session offline, no hardware needed: a short RAS protocol (count-in, match, gated "
                + "step-up, fade, continuation), cues rendered by the software synth, a simulated client (phase "
                + "correction, timekeeper and motor noise) tapping real recorded drum hits into the same audio as the "
                + "cue's bleed, detection with cue cancellation, analysis, and the session folder with client.json "
                + "(the client's true parameters, shown in the report beside the estimates).",
                "The last line printed is the path of report.html."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "the session folder (default: sessions/<local date and time>-demo)")
    Path dir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "the simulation's random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--protocol", paramLabel = "FILE", description = "another protocol file (YAML or JSON; default: examples/protocols/demo.yaml, built in)")
    Path protocolFile;

    @Option(names = "--live", description = "run in real time and play the room's sound through the default audio output")
    boolean live;

    @Option(names = "--no-display", description = "with --live: plain lines instead of the live display")
    boolean noDisplay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Protocol protocol = protocolFile == null ? Demo.builtInProtocol() : ProtocolFile.read(protocolFile);
        Path folder = dir == null ? Path.of(SessionRunner.defaultFolder() + "-demo") : dir;
        ClientParameters client = ClientParameters.typical(seed);
        o.printf(Locale.ROOT, "demo: %s; simulated client alpha %.2f, sigma_T %.0f ms, sigma_M %.0f ms, mean asynchrony %.0f ms%n",
                protocol.name(), client.alpha(), client.sigmaTMs(), client.sigmaMMs(), client.meanAsynchronyMs());
        o.flush();
        String version = "entrain " + AnalyzeCommand.version();
        if (live) {
            LiveDisplay display = LiveDisplay.open(o, !noDisplay, "entrain demo (live)");
            Session s = Demo.build(folder, client, protocol, display, version, true);
            int code = SessionRunner.run(s, display, o);
            Demo.finishLive(folder, client, s.result());
            return code;
        }
        long t0 = System.nanoTime();
        SessionResult r = Demo.run(folder, client, protocol, LiveDisplay.plain(o, "entrain demo"), version);
        o.printf(Locale.ROOT, "simulated %.0f s of session in %.1f s%n", r.analysis() == null ? 0
                : lastCue(r), (System.nanoTime() - t0) / 1e9);
        SessionRunner.summary(r, o);
        return r.report() == null ? 1 : 0;
    }

    private static double lastCue(SessionResult r) {
        var rows = r.analysis().rows();
        return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).cueTimeSeconds();
    }
}
