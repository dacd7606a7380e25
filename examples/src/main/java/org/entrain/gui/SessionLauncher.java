package org.entrain.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.entrain.audio.AudioDevices;
import org.entrain.audio.InputSpec;
import org.entrain.clock.NanoClock;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.MidiPadInput;
import org.entrain.midi.MidiPortInfo;
import org.entrain.midi.MidiPorts;
import org.entrain.midi.MidiTapInput;
import org.entrain.midi.RenderedCueReferences;
import org.entrain.midi.SessionOutputs;
import org.entrain.midi.SynthCueSink;
import org.entrain.midi.SynthSettings;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.pattern.Voice;
import org.entrain.report.SessionArtifacts;
import org.entrain.schedule.ChangeAt;
import org.entrain.session.EndReason;
import org.entrain.session.LiveStats;
import org.entrain.session.MicrophoneInput;
import org.entrain.session.Phase;
import org.entrain.session.PhaseKind;
import org.entrain.session.Protocol;
import org.entrain.session.ProtocolFile;
import org.entrain.session.Session;
import org.entrain.session.SessionCue;
import org.entrain.session.SessionListener;
import org.entrain.session.SessionResult;
import org.entrain.session.SessionTap;

/**
 * The app's sessions, over {@link Session}: the forms' choices become a session builder with the
 * software synth or a MIDI port, a microphone or a MIDI pad, and the report at the end, the same
 * parts {@code entrain session} uses (its report and MIDI artifacts, its defaults: 40 ms synth line,
 * 44.1 kHz microphone). Thread safe; every method may block.
 */
final class SessionLauncher implements Launcher {

    /** The software synth's line buffer: 40 ms, as {@code entrain play} and {@code session} default to. */
    static final long SYNTH_LATENCY_MICROS = 40_000;

    private final NanoClock clock = SystemNanoClock.INSTANCE;

    @Override
    public LiveSession start(SessionRequest r, LiveListener listener) throws Exception {
        Session.Builder b = Session.builder().clock(clock).folder(r.folder()).pattern(r.pattern()).countIn(r.countIn())
                .softwareVersion(version());
        if (r.protocol() != null) {
            b.protocol(r.protocol());
            b.setting("protocol source", r.protocolSource());
        } else if (r.fade().any()) {
            b.protocol(new Protocol("session", r.bpm(), List.of(new Phase("session", PhaseKind.FADE, r.end(), r.bpm(), 0, null,
                    Double.NaN, null, null, r.fade()))));
        } else {
            b.tempo(r.bpm());
            if (r.change() != null) {
                b.tempoChange(r.change());
            }
            b.end(r.end());
        }
        b.setting("front end", "entrain gui");
        b.setting("client hears the cue on", r.headphones() ? "headphones" : "speakers");
        SynthSettings synth = SynthSettings.defaults().withLatencyMicros(SYNTH_LATENCY_MICROS);
        Session[] self = new Session[1];
        SynthCueSink synthSink = null;
        try {
            synthSink = SessionOutputs.addSynth(b, synth, r.sounds(), clock);
        } catch (javax.sound.midi.MidiUnavailableException | IllegalArgumentException e) {
            if (r.midiOut() == null) {
                throw new IllegalStateException("no audio output: the software synth cannot open a sound device ("
                        + Messages.oneLine(e) + ")");
            }
        }
        if (r.midiOut() != null) {
            SessionOutputs.addPort(b, r.midiOut(), Math.round(r.midiOutLatencyMs() * 1e6), r.sounds(), synthSink,
                    () -> self[0].stop(), clock);
        }
        Calibration calibration = r.calibration() == null ? Calibration.NONE : MainWindow.readCalibration(r.calibration());
        if (r.microphone() != null) {
            InputSpec spec = InputSpec.named(r.microphone());
            b.input(new MicrophoneInput(spec, DetectorSettings.preset(r.detector()),
                    r.headphones() ? null : RenderedCueReferences.render(r.sounds(), synth, spec.sampleRate()), calibration));
        } else if (r.midiPad() != null) {
            b.input(new MidiPadInput(r.midiPad(), MidiTapInput.ANY, 0, 127));
        }
        // the same end-of-session files as 'entrain session': report.html with its plots, session.mid
        b.artifact(SessionArtifacts.report(null)).artifact(SessionArtifacts.midi(r.sounds(), r.pattern().meter()));
        int beatsPerBar = r.pattern().beatsPerBar();
        Relay relay = new Relay(listener, beatsPerBar);
        b.listener(relay);
        Session s = b.build();
        relay.protocol = s.protocol();
        self[0] = s;
        try {
            s.start();
        } catch (IOException | RuntimeException e) {
            s.stop();
            throw e;
        }
        return new Live(s);
    }

    @Override
    public List<List<String>> devices() {
        List<String> outs = new ArrayList<>();
        List<String> ins = new ArrayList<>();
        for (MidiPortInfo p : MidiPorts.list()) {
            if (p.output() && !p.name().startsWith("Gervill") && !p.name().startsWith("Real Time Sequencer")) {
                outs.add(p.name());
            }
            if (p.input() && !p.name().startsWith("Real Time Sequencer")) {
                ins.add(p.name());
            }
        }
        return List.of(outs, AudioDevices.inputs(), ins);
    }

    @Override
    public Protocol protocol(Path file) throws IOException {
        return ProtocolFile.read(file);
    }

    private static String version() {
        String v = SessionLauncher.class.getPackage().getImplementationVersion();
        return "entrain " + (v == null ? "dev" : v) + " (gui)";
    }

    /** The live controls of one session. Thread safe. */
    private static final class Live implements LiveSession {
        private final Session s;

        Live(Session s) {
            this.s = s;
        }

        @Override
        public void tempoBy(double deltaBpm) {
            s.nudgeTempo(deltaBpm, ChangeAt.NEXT_BAR);
        }

        @Override
        public void togglePause() {
            s.togglePause();
        }

        @Override
        public void nextPhase() {
            s.nextPhase();
        }

        @Override
        public void stopAtBarEnd() {
            s.stopAtBarEnd();
        }

        @Override
        public void stopNow() {
            s.stop();
        }

        @Override
        public Path folder() {
            return s.folder();
        }
    }

    /** Hands the session's events to the app's listener. Called on the session's event thread only. */
    private static final class Relay implements SessionListener {
        private final LiveListener to;
        private final int beatsPerBar;
        /** Set once before the session starts; read on the event thread. */
        volatile Protocol protocol;

        Relay(LiveListener to, int beatsPerBar) {
            this.to = to;
            this.beatsPerBar = beatsPerBar;
        }

        @Override
        public void onCue(SessionCue c) {
            if (c.sounded()) {
                to.cue(c.bar(), c.beat(), c.sub(), beatsPerBar, c.voice() == Voice.ACCENT, c.bpm());
            }
        }

        @Override
        public void onTap(SessionTap t) {
            Protocol p = protocol;
            // plot what the statistics count: taps of measured phases (not the count-in)
            boolean measured = p == null || t.phase() < 0 || t.phase() >= p.phases().size()
                    || p.phases().get(t.phase()).kind().measured();
            if (t.matched() && measured) {
                to.tap(t.asynchronyMs());
            }
        }

        @Override
        public void onStats(LiveStats s) {
            to.progress(s.phaseName(), s.phase(), s.phaseCount(), s.elapsedNanos() / 1e9, s.progress());
            to.stats(new LiveListener.LiveStats(s.matched(), s.meanAsynchronyMs(), s.sdAsynchronyMs(), s.resultantLength(),
                    s.cadencePerMin()));
        }

        @Override
        public void onWarning(String message) {
            to.warning(message);
        }

        @Override
        public void onEnd(SessionResult result) {
            String error = null;
            if (result.reason() == EndReason.FAILED) {
                error = result.warnings().isEmpty() ? "a device failed" : result.warnings().get(0);
            }
            to.ended(result.folder(), error);
        }
    }

}
