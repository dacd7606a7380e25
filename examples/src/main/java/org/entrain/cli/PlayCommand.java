package org.entrain.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;
import org.HdrHistogram.Histogram;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.MidiClockOut;
import org.entrain.midi.MidiPorts;
import org.entrain.midi.PortCueSink;
import org.entrain.midi.SoftSynth;
import org.entrain.midi.SynthCueSink;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.Failover;
import org.entrain.schedule.WaitStrategies;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entrain play}: plays cues live on the software synth or a MIDI port, optionally with MIDI clock. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Play cues live on the software synth (default) or a MIDI output (--out NAME), "
                + "optionally sending MIDI clock (--clock-out NAME). Without a length it plays until stopped.")
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

    @Option(names = "--synth-latency", paramLabel = "MS", defaultValue = "40",
            description = "software synth line buffer, 1..1000 ms (default: ${DEFAULT-VALUE})")
    double synthLatencyMs;

    @Option(names = "--no-fallback", description = "if --out fails mid-session, stop instead of going on with the software synth")
    boolean noFallback;

    @Option(names = "--wait", paramLabel = "STRATEGY", defaultValue = "park-then-spin",
            description = "dispatcher wait: park-then-spin (margin adapts), park-then-spin-fixed (200 us), spin, park (default: ${DEFAULT-VALUE})")
    String waitName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Pattern pattern = tempo.pattern();
        TempoMap map = tempo.tempoMap(pattern.beatsPerBar());
        Length end = tempo.end(false);
        CueSounds sounds = sound.cueSounds();
        var wait = WaitStrategies.named(waitName);
        if (!(outLatencyMs >= 0 && outLatencyMs <= 2000)) {
            throw new IllegalArgumentException("--out-latency " + outLatencyMs + " is outside 0..2000 ms");
        }
        if (!(synthLatencyMs >= 1 && synthLatencyMs <= 1000)) {
            throw new IllegalArgumentException("--synth-latency " + synthLatencyMs + " is outside 1..1000 ms");
        }
        MidiDevice port = out == null ? null : MidiPorts.output(out);
        MidiDevice clockPort = clockOut == null ? null : MidiPorts.output(clockOut);
        PrintWriter o = spec.commandLine().getOut();

        SoftSynth synth = null;
        if (port == null || !noFallback) {
            try {
                synth = SoftSynth.openLive(sound.settings(Math.round(synthLatencyMs * 1000)));
            } catch (MidiUnavailableException | IllegalArgumentException e) {
                if (port == null) {
                    throw new IllegalStateException("no audio output device: the software synth cannot open a line ("
                            + e.getMessage() + "); use 'entrain render --wav FILE' to render offline instead");
                }
            }
        }
        CueEngine[] ref = new CueEngine[1];
        CueEngine.Builder b = CueEngine.builder().tempoMap(map).pattern(pattern).waitStrategy(wait);
        if (end != null) {
            b.end(end);
        }
        SynthCueSink synthSink = synth == null ? null
                : SynthCueSink.live(synth, sounds, SystemNanoClock.INSTANCE, SynthCueSink.estimatedOutputLatencyNanos(synth),
                        SynthCueSink.recommendedMarginNanos(synth));
        Failover failover = null;
        if (port != null) {
            port.open();
            PortCueSink portSink = PortCueSink.open(out, port.getReceiver(), sounds, Math.round(outLatencyMs * 1e6));
            failover = Failover.of(port.getDeviceInfo().getName(), portSink, synthSink,
                    synthSink == null ? Failover.Policy.STOP : Failover.Policy.FALLBACK, () -> ref[0].stop(),
                    SystemNanoClock.INSTANCE);
            b.sink(failover.primary());
            if (failover.standby() != null) {
                b.sink(failover.standby());
            }
        } else {
            b.sink(synthSink);
        }
        CueEngine engine = b.build();
        ref[0] = engine;
        MidiClockOut clock = null;
        if (clockPort != null) {
            clockPort.open();
            double endBeat = end == null ? Double.POSITIVE_INFINITY : map.beatOf(end);
            clock = MidiClockOut.create(clockPort.getReceiver(), MidiClockOut.Timeline.of(engine),
                    pattern.meter().quartersPerBeat(), 0, SystemNanoClock.INSTANCE, wait, endBeat);
            // On the dispatcher thread: one spinning thread for cues and clock, not two.
            engine.runOnDispatcher(clock);
        }
        engine.start();
        o.printf(Locale.ROOT, "playing on %s%s; Ctrl-C to stop%n", port == null ? "the software synth" : out,
                clockPort == null ? "" : " with MIDI clock to " + clockOut);
        o.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(engine::stop));
        while (!engine.awaitFinished(1, TimeUnit.SECONDS)) {
            // keep waiting; the engine thread does the work
        }
        if (clock != null) {
            clock.close();
            clock.awaitFinished(1, TimeUnit.SECONDS);
        }
        Histogram h = engine.latenessSinceLastCall();
        o.printf(Locale.ROOT, "sent %d cues; send lateness p50 %.1f us, p99 %.1f us, max %.1f us%n",
                engine.sentCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3);
        if (synthSink != null && synthSink.lateCues() > 0) {
            o.println("software synth: " + synthSink.lateCues() + " cues arrived too late for sample-accurate placement");
        }
        if (failover != null) {
            for (Failover.Failure f : failover.failures()) {
                o.printf(Locale.ROOT, "output '%s' failed at cue %d: %s (%s)%n", f.device(), f.cueIndex(), f.error(),
                        failover.failedOver() ? "went on with the software synth" : "stopped");
            }
        }
        o.flush();
        if (clockPort != null) {
            clockPort.close();
        }
        if (port != null) {
            port.close();
        }
        if (synth != null) {
            synth.close();
        }
        return failover != null && !failover.failures().isEmpty() && !failover.failedOver() ? 1 : 0;
    }
}
