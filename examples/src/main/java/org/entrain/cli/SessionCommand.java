package org.entrain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.audio.InputSpec;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.SessionAssembly;
import org.entrain.midi.SessionSetup;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.pattern.Pattern;
import org.entrain.report.SessionArtifacts;
import org.entrain.session.Fade;
import org.entrain.session.Protocol;
import org.entrain.session.ProtocolFile;
import org.entrain.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entrain session}: a live session (cue + detect + record + report), from options or a protocol file. */
@Command(name = "session", mixinStandardHelpOptions = true,
        description = {"A live session: cues on the software synth (or --out NAME), taps from the microphone "
                + "(or --midi-in NAME) with the cue's own sound cancelled, a live display, and at the end the session "
                + "folder: session.jsonl, recording.wav, cues.csv, taps.csv, analysis.json, analysis.csv, report.html, "
                + "session.mid.",
                "Keys: up/down tempo +-1 bpm (shift +-5), space pause/resume, n next phase, q stop at the bar end. "
                        + "Ctrl-C or SIGTERM also write everything."})
final class SessionCommand implements Callable<Integer> {

    @Mixin
    TempoOptions tempo;

    @Mixin
    SoundOptions sound;

    @Option(names = "--protocol", paramLabel = "FILE", description = "a protocol file (YAML or JSON; see examples/protocols/) instead of the tempo options")
    Path protocolFile;

    @Option(names = "--out", paramLabel = "NAME", description = "MIDI output for the cues (default: the software synth)")
    String out;

    @Option(names = "--out-latency", paramLabel = "MS", defaultValue = "0", description = "output latency of --out, 0..2000 ms (default: ${DEFAULT-VALUE})")
    double outLatencyMs;

    @Option(names = "--clock-out", paramLabel = "NAME", description = "send MIDI clock to this output")
    String clockOut;

    @Option(names = "--input", paramLabel = "NAME", description = "audio input (default: the default microphone)")
    String input;

    @Option(names = "--midi-in", paramLabel = "NAME", description = "take taps from a MIDI pad instead of the microphone")
    String midiIn;

    @Option(names = "--headphones", description = "the client hears the cue on headphones: no cue cancellation on the microphone")
    boolean headphones;

    @Option(names = "--calibration", paramLabel = "FILE", description = "a calibration written by 'entrain calibrate' (output-to-input latency)")
    Path calibrationFile;

    @Option(names = "--count-in", paramLabel = "BARS", description = "listen-only bars before the measured part, 0..64 (default: 1, or the protocol's)")
    Integer countIn;

    @Option(names = "--dir", paramLabel = "DIR", description = "the session folder (default: sessions/<local date and time>)")
    Path dir;

    @Option(names = "--no-display", description = "one plain line per bar instead of the live display")
    boolean noDisplay;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "taps", description = "detector preset: taps or steps (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "44100", description = "microphone sample rate (default: ${DEFAULT-VALUE})")
    float rate;

    @Option(names = "--synth-latency", paramLabel = "MS", defaultValue = "80", description = "software synth line buffer, 1..1000 ms (default: ${DEFAULT-VALUE})")
    double synthLatencyMs;

    @Option(names = "--tail", paramLabel = "S", defaultValue = "1.5",
            description = "seconds to keep listening after the last cue, 0..10 (default: ${DEFAULT-VALUE})")
    double tailSeconds;

    @Option(names = "--drop-every", paramLabel = "K", description = "fade: drop every K-th beat, 2..64")
    Integer dropEvery;

    @Option(names = "--drop-random", paramLabel = "P", description = "fade: drop each beat with probability P, 0..1 (with --seed)")
    Double dropRandom;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of --drop-random (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--fade-over", paramLabel = "N", description = "fade: lower the volume to silence over N bars")
    Double fadeOver;

    @Option(names = "--gap", paramLabel = "PLAY:MUTE", description = "fade: play PLAY bars, then mute MUTE bars")
    String gap;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Pattern pattern = tempo.pattern();
        Fade fade = fade();
        Protocol protocol = null;
        if (protocolFile != null) {
            if (tempo.anyGiven() || fade.any()) {
                throw new IllegalArgumentException("--protocol replaces the tempo and fading options: give one or the other");
            }
            protocol = ProtocolFile.read(protocolFile);
        } else if (fade.any() && tempo.change() != null) {
            throw new IllegalArgumentException("fading options and a tempo ramp cannot be combined on the command line: use a protocol file");
        }
        if (protocol == null && !fade.any()) {
            // the ramp starts with the first measured bar, after the count-in: as a plan from 0
            String cutShort = tempo.cutShortWarning(tempo.tempoMap(pattern.beatsPerBar()), tempo.end(false), pattern.beatsPerBar(), "session");
            if (cutShort != null) {
                spec.commandLine().getErr().println("entrain: " + cutShort);
            }
        }
        if (!(outLatencyMs >= 0 && outLatencyMs <= 2000)) {
            throw new IllegalArgumentException("--out-latency " + outLatencyMs + " is outside 0..2000 ms");
        }
        if (!(synthLatencyMs >= 1 && synthLatencyMs <= 1000)) {
            throw new IllegalArgumentException("--synth-latency " + synthLatencyMs + " is outside 1..1000 ms");
        }
        if (input != null && midiIn != null) {
            throw new IllegalArgumentException("--input and --midi-in cannot be combined: the session has one tap input");
        }
        if (!(tailSeconds >= 0 && tailSeconds <= 10)) {
            throw new IllegalArgumentException("--tail " + tailSeconds + " is outside 0..10 s");
        }
        if (countIn != null && (countIn < 0 || countIn > 64)) {
            throw new IllegalArgumentException("--count-in " + countIn + " is outside 0..64 bars");
        }
        DetectorSettings detector = DetectorSettings.preset(preset);
        Calibration cal = calibrationFile == null ? Calibration.NONE : DetectCommand.readCalibration(calibrationFile);
        CueSounds sounds = sound.cueSounds();
        InputSpec mic = (input == null ? InputSpec.defaultInput() : InputSpec.named(input)).withSampleRate(rate);
        SessionSetup setup = new SessionSetup(protocol, protocol == null ? tempo.startBpm() : Double.NaN,
                protocol == null ? tempo.change() : null, protocol == null ? tempo.end(false) : null, fade, countIn, pattern,
                sounds, sound.settings(Math.round(synthLatencyMs * 1000)), out, Math.round(outLatencyMs * 1e6), clockOut,
                midiIn != null ? SessionSetup.Input.MIDI_PAD : SessionSetup.Input.MICROPHONE, mic, midiIn, detector,
                headphones, cal, null, Math.round(tailSeconds * 1e9));
        SessionAssembly a = SessionAssembly.open(setup, SystemNanoClock.INSTANCE);
        Path folder = dir == null ? SessionRunner.defaultFolder() : dir;
        LiveDisplay display = LiveDisplay.open(o, !noDisplay, "entrain session -> " + folder);
        a.builder().softwareVersion("entrain " + AnalyzeCommand.version()).analysisOptions(AnalysisOptions.DEFAULT)
                .setting("command line", "entrain session " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
                .folder(folder).artifact(SessionArtifacts.report(null)).artifact(SessionArtifacts.midi(sounds, pattern.meter()))
                .listener(display);
        Session s = a.build();
        o.println("session folder: " + folder.toAbsolutePath());
        o.flush();
        return SessionRunner.run(s, display, o);
    }

    private Fade fade() {
        int play = 0;
        int mute = 0;
        if (gap != null) {
            String[] p = gap.split(":");
            try {
                play = Integer.parseInt(p[0].trim());
                mute = Integer.parseInt(p[1].trim());
                if (p.length != 2 || play < 1 || mute < 1) {
                    throw new NumberFormatException();
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--gap '" + gap + "' must be PLAY:MUTE bars, both 1 or more (e.g. 2:1)");
            }
        }
        if (dropRandom != null && !(dropRandom >= 0 && dropRandom <= 1)) {
            throw new IllegalArgumentException("--drop-random " + dropRandom + " is outside 0..1");
        }
        try {
            return new Fade(dropEvery == null ? 0 : dropEvery, dropRandom == null ? 0 : dropRandom, seed,
                    fadeOver == null ? 0 : fadeOver, play, mute);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage().replace("drop_every", "drop-every")
                    .replace("fade_over", "fade-over").replace("drop_random", "drop-random"));
        }
    }
}
