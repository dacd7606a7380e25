package org.entrain.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.schedule.Failover;
import org.entrain.midi.SessionAssembly;
import org.entrain.midi.SessionSetup;
import org.entrain.midi.SynthCueSink;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.WaitStrategies;
import org.entrain.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code entrain play}: plays cues live on the software synth or a MIDI port, optionally with MIDI
 * clock: a {@link Session} without input or files, with the live display and its keys.
 */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Play cues live on the software synth (default) or a MIDI output (--out NAME), "
                + "optionally sending MIDI clock (--clock-out NAME). Without a length it plays until stopped.",
                "Keys: up/down tempo +-1 bpm (shift +-5), space pause/resume, q stop at the bar end. "
                        + "Ctrl-C or SIGTERM print the summary too."})
final class PlayCommand implements Callable<Integer> {

    @Mixin
    TempoOptions tempo;

    @Mixin
    SoundOptions sound;

    @Option(names = "--out", paramLabel = "NAME", description = "MIDI output: exact name or unique part of it (see 'entrain devices')")
    String out;

    @Option(names = "--out-latency", paramLabel = "MS", defaultValue = "0",
            description = "output latency of --out, 0..2000 ms: its cues are sent that much early (default: ${DEFAULT-VALUE})")
    double outLatencyMs;

    @Option(names = "--clock-out", paramLabel = "NAME", description = "send MIDI clock (24 PPQ, Start/Stop) to this output")
    String clockOut;

    @Option(names = "--synth-latency", paramLabel = "MS", defaultValue = "80",
            description = "software synth line buffer, 1..1000 ms (default: ${DEFAULT-VALUE})")
    double synthLatencyMs;

    @Option(names = "--no-fallback", description = "if --out fails mid-session, stop instead of going on with the software synth")
    boolean noFallback;

    @Option(names = "--wait", paramLabel = "STRATEGY", defaultValue = "park-then-spin",
            description = "dispatcher wait: park-then-spin, spin, park (default: ${DEFAULT-VALUE})")
    String waitName;

    @Option(names = "--no-display", description = "one plain line per bar instead of the live display")
    boolean noDisplay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Pattern pattern = tempo.pattern();
        double bpm = tempo.startBpm();
        var change = tempo.change();
        var end = tempo.end(false);
        String cutShort = tempo.cutShortWarning(tempo.tempoMap(pattern.beatsPerBar()), end, pattern.beatsPerBar(), "session");
        if (cutShort != null) {
            spec.commandLine().getErr().println("entrain: " + cutShort);
        }
        CueSounds sounds = sound.cueSounds();
        var wait = WaitStrategies.named(waitName);
        if (!(outLatencyMs >= 0 && outLatencyMs <= 2000)) {
            throw new IllegalArgumentException("--out-latency " + outLatencyMs + " is outside 0..2000 ms");
        }
        if (!(synthLatencyMs >= 1 && synthLatencyMs <= 1000)) {
            throw new IllegalArgumentException("--synth-latency " + synthLatencyMs + " is outside 1..1000 ms");
        }
        PrintWriter o = spec.commandLine().getOut();
        var clock = SystemNanoClock.INSTANCE;
        SessionSetup setup = new SessionSetup(null, bpm, change, end, null, 0, pattern, sounds,
                out == null || !noFallback ? sound.settings(Math.round(synthLatencyMs * 1000)) : null, out,
                Math.round(outLatencyMs * 1e6), clockOut, SessionSetup.Input.NONE, null, null, null, true, null, wait,
                1_000_000_000L);
        SessionAssembly a;
        try {
            a = SessionAssembly.open(setup, clock);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; use 'entrain render --wav FILE' to render offline instead");
        }
        SynthCueSink synth = a.synth();
        Failover failover = a.failover();
        Session.Builder b = a.builder().folder(null);
        LiveDisplay display = LiveDisplay.open(o, !noDisplay, "entrain play");
        b.listener(display);
        Session s = a.build();
        o.printf(Locale.ROOT, "playing on %s%s; q or Ctrl-C to stop%n", out == null ? "the software synth" : out,
                clockOut == null ? "" : " with MIDI clock to " + clockOut);
        o.flush();
        int code = SessionRunner.run(s, display, o);
        if (synth != null && synth.lateCues() > 0) {
            o.println("software synth: " + synth.lateCues() + " cues arrived too late for sample-accurate placement");
        }
        if (failover != null) {
            for (Failover.Failure f : failover.failures()) {
                o.printf(Locale.ROOT, "output '%s' failed at cue %d: %s (%s)%n", f.device(), f.cueIndex(), f.error(),
                        failover.failedOver() ? "went on with the software synth" : "stopped");
            }
            if (!failover.failures().isEmpty() && !failover.failedOver()) {
                code = 1;
            }
        }
        o.flush();
        return code;
    }
}
