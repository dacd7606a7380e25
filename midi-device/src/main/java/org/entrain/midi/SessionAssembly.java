package org.entrain.midi;

import java.util.List;
import javax.sound.midi.MidiUnavailableException;
import org.entrain.clock.NanoClock;
import org.entrain.schedule.Failover;
import org.entrain.session.MicrophoneInput;
import org.entrain.session.Phase;
import org.entrain.session.PhaseKind;
import org.entrain.session.Protocol;
import org.entrain.session.Session;

/**
 * The one assembly of a live session from a {@link SessionSetup}: the plan, the software synth
 * (warmed up), the MIDI port with the synth as stand-by, MIDI clock on the dispatcher, the
 * microphone with cue cancellation fed by the session's own cues or the MIDI pad. Every front end
 * ({@code entrain session}, {@code entrain play}, the desktop app) assembles here and adds only
 * its own parts (listeners, report files, header settings) to {@link #builder()} before
 * {@link #build()}. Not thread safe: use from the thread that builds the session.
 *
 * <pre>{@code
 * SessionAssembly a = SessionAssembly.open(setup, SystemNanoClock.INSTANCE);
 * a.builder().folder(dir).listener(display);
 * Session s = a.build();
 * }</pre>
 */
public final class SessionAssembly {

    private final Session.Builder builder;
    private final SynthCueSink synth;
    private final Failover failover;
    /** The session once built, for the MIDI output's stop action. */
    private final Session[] holder;

    private SessionAssembly(Session.Builder builder, SynthCueSink synth, Failover failover, Session[] holder) {
        this.builder = builder;
        this.synth = synth;
        this.failover = failover;
        this.holder = holder;
    }

    /**
     * Opens the devices and fills a session builder.
     *
     * @param setup what the session is made of
     * @param clock the session clock
     * @return the assembly, its session not yet built
     * @throws MidiUnavailableException if the MIDI output or the clock's port cannot be opened
     * @throws IllegalStateException if there is no audio output for the synth and no MIDI output
     * @throws IllegalArgumentException if a device name matches none or several devices
     */
    public static SessionAssembly open(SessionSetup setup, NanoClock clock) throws MidiUnavailableException {
        Session.Builder b = Session.builder().clock(clock).pattern(setup.pattern());
        plan(b, setup);
        if (setup.waitStrategy() != null) {
            b.waitStrategy(setup.waitStrategy());
        }
        if (setup.tailNanos() >= 0) {
            b.tailNanos(setup.tailNanos());
        }
        SynthCueSink synth = null;
        if (setup.synth() != null) {
            try {
                synth = SessionOutputs.addSynth(b, setup.synth(), setup.sounds(), clock);
            } catch (MidiUnavailableException | IllegalArgumentException e) {
                if (setup.midiOut() == null) {
                    throw new IllegalStateException("no audio output device: the software synth cannot open a line ("
                            + e.getMessage() + ")", e);
                }
            }
        }
        Session[] holder = new Session[1];
        Failover failover = null;
        if (setup.midiOut() != null) {
            failover = SessionOutputs.addPort(b, setup.midiOut(), setup.midiOutLatencyNanos(), setup.sounds(), synth,
                    () -> stop(holder), clock);
        }
        if (setup.clockOut() != null) {
            SessionOutputs.addClock(b, setup.clockOut(), setup.pattern(), 0, clock);
        }
        switch (setup.input()) {
            case MICROPHONE -> b.input(new MicrophoneInput(setup.microphone(), setup.detector(),
                    setup.headphones() || synth == null ? null
                            : RenderedCueReferences.render(setup.sounds(), setup.synth(), setup.microphone().sampleRate()),
                    setup.calibration()));
            case MIDI_PAD -> b.input(new MidiPadInput(setup.midiPad(), MidiTapInput.ANY, 0, 127));
            case NONE -> { }
        }
        b.setting("client hears the cue on", setup.headphones() ? "headphones" : "speakers");
        return new SessionAssembly(b, synth, failover, holder);
    }

    private static void stop(Session[] holder) {
        Session s = holder[0];
        if (s != null) {
            s.stop();
        }
    }

    /** The plan: a protocol, a plain session with fading (one fade phase), or a plain tempo. */
    private static void plan(Session.Builder b, SessionSetup setup) {
        if (setup.protocol() != null) {
            b.protocol(setup.protocol());
        } else if (setup.fade().any()) {
            Phase f = new Phase("session", PhaseKind.FADE, setup.end(), setup.bpm(), 0, null, Double.NaN, null, null,
                    setup.fade());
            b.protocol(new Protocol("session", setup.bpm(), List.of(f)).withCountIn(1));
        } else {
            b.tempo(setup.bpm()).tempoChange(setup.change()).end(setup.end());
        }
        if (setup.countIn() != null) {
            b.countIn(setup.countIn());
        }
    }

    /**
     * The builder, for the front end's own parts (folder, listeners, artifacts, settings).
     *
     * @return the builder
     */
    public Session.Builder builder() {
        return builder;
    }

    /**
     * Builds the session (a failing MIDI output without a stand-by then stops it).
     *
     * @return the session, not started
     */
    public Session build() {
        Session s = builder.build();
        holder[0] = s;
        return s;
    }

    /**
     * The software synth's sink (for its late-cue count), or null if the session has no synth.
     *
     * @return the sink or null
     */
    public SynthCueSink synth() {
        return synth;
    }

    /**
     * The MIDI output's failover pair (its failures for the summary), or null without a MIDI output.
     *
     * @return the failover or null
     */
    public Failover failover() {
        return failover;
    }
}
