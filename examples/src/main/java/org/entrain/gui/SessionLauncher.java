package org.entrain.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.entrain.audio.AudioDevices;
import org.entrain.audio.InputSpec;
import org.entrain.clock.NanoClock;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.MidiPortInfo;
import org.entrain.midi.MidiPorts;
import org.entrain.midi.SessionAssembly;
import org.entrain.midi.SessionSetup;
import org.entrain.midi.SynthSettings;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.pattern.Voice;
import org.entrain.report.SessionArtifacts;
import org.entrain.schedule.ChangeAt;
import org.entrain.session.EndReason;
import org.entrain.session.LiveStats;
import org.entrain.session.Protocol;
import org.entrain.session.ProtocolFile;
import org.entrain.session.Session;
import org.entrain.session.SessionCue;
import org.entrain.session.SessionListener;
import org.entrain.session.SessionResult;
import org.entrain.session.SessionTap;

/**
 * The app's sessions, over {@link Session}: the forms' choices become a {@link SessionSetup},
 * assembled by {@link SessionAssembly} as {@code entrain session} assembles its options (the
 * software synth or a MIDI port, a microphone or a MIDI pad), plus the same report and MIDI
 * artifacts and defaults (40 ms synth line, 44.1 kHz microphone). Thread safe; every method may block.
 */
final class SessionLauncher implements Launcher {

    /** The software synth's line buffer: 80 ms, as {@code entrain play} and {@code session} default to. */
    static final long SYNTH_LATENCY_MICROS = 80_000;

    private final NanoClock clock = SystemNanoClock.INSTANCE;

    @Override
    public LiveSession start(SessionRequest r, LiveListener listener) throws Exception {
        Calibration calibration = r.calibration() == null ? Calibration.NONE : MainWindow.readCalibration(r.calibration());
        SessionSetup.Input input = r.microphone() != null ? SessionSetup.Input.MICROPHONE
                : r.midiPad() != null ? SessionSetup.Input.MIDI_PAD : SessionSetup.Input.NONE;
        SessionSetup setup = new SessionSetup(r.protocol(), r.protocol() == null ? r.bpm() : Double.NaN,
                r.protocol() == null ? r.change() : null, r.protocol() == null ? r.end() : null,
                r.protocol() == null ? r.fade() : null, r.countIn(), r.pattern(), r.sounds(),
                SynthSettings.defaults().withLatencyMicros(SYNTH_LATENCY_MICROS), r.midiOut(),
                Math.round(r.midiOutLatencyMs() * 1e6), null, input,
                r.microphone() == null ? null : InputSpec.named(r.microphone()), r.midiPad(),
                DetectorSettings.preset(r.detector()), r.headphones(), calibration, null, -1);
        SessionAssembly a = SessionAssembly.open(setup, clock);
        Session.Builder b = a.builder().folder(r.folder()).softwareVersion(version()).setting("front end", "entrain gui");
        if (r.protocolSource() != null) {
            b.setting("protocol source", r.protocolSource());
        }
        // the same end-of-session files as 'entrain session': report.html with its plots, session.mid
        b.artifact(SessionArtifacts.report(null)).artifact(SessionArtifacts.midi(r.sounds(), r.pattern().meter()));
        Relay relay = new Relay(listener, r.pattern().beatsPerBar());
        b.listener(relay);
        Session s = a.build();
        relay.protocol = s.protocol();
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
