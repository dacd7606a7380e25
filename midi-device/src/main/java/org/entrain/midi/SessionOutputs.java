package org.entrain.midi;

import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import org.entrain.clock.NanoClock;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.CueSink;
import org.entrain.schedule.Failover;
import org.entrain.session.Session;
import org.entrain.session.SessionCompanion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MIDI side of a {@link Session}: the software synth, a MIDI output port (with the synth as
 * stand-by) and MIDI clock, each added to a session builder as an output and a companion that
 * releases the device at the end, after every cue has sounded. Stateless; call from the thread
 * that builds the session.
 */
public final class SessionOutputs {

    private static final Logger LOG = LoggerFactory.getLogger(SessionOutputs.class);
    /** Longest wait for the synth's audio line to start rendering before the first cue: 2 s. */
    static final long WARM_UP_NANOS = 2_000_000_000L;
    /** Audio the synth renders before the first cue, so the line has settled: micros. */
    static final long WARM_UP_RENDERED_MICROS = 600_000L;

    private SessionOutputs() {
    }

    /**
     * Opens the software synth on the default audio output, waits until its line renders (so the
     * first cue is not lost while the line starts), and adds its sink and a companion that closes
     * it at the end.
     *
     * @param b the session builder
     * @param settings the synth settings
     * @param sounds the cue sounds
     * @param clock the session clock
     * @return the synth's sink (for a port's stand-by)
     * @throws MidiUnavailableException if there is no audio output
     */
    public static SynthCueSink addSynth(Session.Builder b, SynthSettings settings, CueSounds sounds, NanoClock clock)
            throws MidiUnavailableException {
        SoftSynth synth = SoftSynth.openLive(settings);
        warmUp(synth);
        SynthCueSink sink = SynthCueSink.live(synth, sounds, clock, SynthCueSink.estimatedOutputLatencyNanos(synth),
                SynthCueSink.recommendedMarginNanos(synth));
        b.output("software synth", sink);
        b.device("software synth latency ms", Double.toString(SynthCueSink.estimatedOutputLatencyNanos(synth) / 1e6));
        b.device("sound bank", settings.soundbank() == null ? "JDK default (emergency bank)" : settings.soundbank().toString());
        b.device("cue sounds", spec(sounds));
        b.companion(new SessionCompanion() {
            @Override
            public void close() {
                synth.close();
            }

            @Override
            public String describe() {
                return "software synth";
            }
        });
        return sink;
    }

    /**
     * The sounds as a {@code --sounds} spec that {@link CueSounds#parse(String)} reads back
     * (logged in the session header, so {@code entrain report} rebuilds {@code session.mid}).
     *
     * @param sounds the sounds
     * @return e.g. {@code accent=76,beat=77,sub=42,layer=75}
     */
    public static String spec(CueSounds sounds) {
        StringBuilder b = new StringBuilder();
        sounds.asMap().forEach((voice, s) -> {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(voice.id()).append('=');
            if (s.isPercussion()) {
                b.append(s.note());
            } else {
                b.append(s.channel()).append(':').append(s.program()).append(':').append(s.note());
            }
        });
        return b.toString();
    }

    /**
     * Waits until the synth's render clock has advanced 600 ms (or its line latency, if longer):
     * the line is then playing what is rendered. A new PulseAudio stream loses what is rendered in
     * about its first half second (measured through the null sink's monitor: the first two cues of a
     * 240 bpm session lost in 3 runs of 3 after a one-buffer warm-up; all 16 heard after 600 ms).
     */
    static void warmUp(SoftSynth synth) {
        long t0 = System.nanoTime();
        long start = synth.microsecondPosition();
        long need = Math.max(WARM_UP_RENDERED_MICROS, synth.latencyMicros());
        while (synth.microsecondPosition() - start < need && System.nanoTime() - t0 < WARM_UP_NANOS) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (synth.microsecondPosition() - start < need) {
            LOG.warn("the software synth's audio line did not start rendering within 2 s");
        }
    }

    /**
     * Opens a MIDI output port and adds its sink (real-time, sent {@code latencyNanos} early),
     * with the synth as stand-by if given (else the session stops if the port fails).
     *
     * @param b the session builder
     * @param name the port's name or a unique part
     * @param latencyNanos the port's output latency, 0..2 s
     * @param sounds the cue sounds
     * @param standby the synth's sink, or null
     * @param stopAction what stops the session when the port fails without a stand-by (e.g. {@code session::stop})
     * @param clock the session clock
     * @return the failover pair (its failures for the summary)
     * @throws MidiUnavailableException if the port cannot be opened
     */
    public static Failover addPort(Session.Builder b, String name, long latencyNanos, CueSounds sounds, CueSink standby,
                                   Runnable stopAction, NanoClock clock) throws MidiUnavailableException {
        MidiDevice port = MidiPorts.output(name);
        port.open();
        PortCueSink sink = PortCueSink.open(name, port.getReceiver(), sounds, latencyNanos);
        Failover f = Failover.of(port.getDeviceInfo().getName(), sink, standby,
                standby == null ? Failover.Policy.STOP : Failover.Policy.FALLBACK, stopAction, clock);
        b.output("MIDI " + port.getDeviceInfo().getName(), f.primary());
        if (f.standby() != null) {
            b.output("software synth (stand-by)", f.standby());
        }
        b.device("MIDI output latency ms", Double.toString(latencyNanos / 1e6));
        b.companion(new SessionCompanion() {
            @Override
            public void close() {
                port.close();
            }

            @Override
            public String describe() {
                return "MIDI out " + port.getDeviceInfo().getName();
            }
        });
        return f;
    }

    /**
     * Sends MIDI clock (24 PPQ, Start/Stop) following the session's engine to a port, from the
     * engine's dispatcher thread (see {@link #addClock(Session.Builder, Receiver, String, Runnable, Pattern, long, NanoClock)}).
     *
     * @param b the session builder
     * @param name the port's name or a unique part
     * @param pattern the session's pattern (its meter's beat unit)
     * @param latencyNanos the port's latency
     * @param clock the session clock
     * @return the clock out (created when the session starts; its pulses for the summary)
     * @throws MidiUnavailableException if the port cannot be opened
     */
    public static ClockCompanion addClock(Session.Builder b, String name, Pattern pattern, long latencyNanos, NanoClock clock)
            throws MidiUnavailableException {
        MidiDevice port = MidiPorts.output(name);
        port.open();
        Receiver receiver;
        try {
            receiver = port.getReceiver();
        } catch (MidiUnavailableException | RuntimeException e) {
            port.close();
            throw e;
        }
        return addClock(b, receiver, port.getDeviceInfo().getName(), port::close, pattern, latencyNanos, clock);
    }

    /**
     * Sends MIDI clock (24 PPQ, Start/Stop) following the session's engine, its live tempo changes
     * and pauses, to a receiver. The clock runs on the engine's dispatcher thread
     * ({@link CueEngine#runOnDispatcher}, added before the engine starts), so a session with a
     * clock still has one timed thread; it sends Stop when the engine finishes. In a virtual-time
     * session (no dispatcher thread) it sends nothing.
     *
     * @param b the session builder
     * @param receiver the port's receiver
     * @param name the port's name, for the log header
     * @param release closes the port at the end of the session (after the clock's Stop), or null
     * @param pattern the session's pattern (its meter's beat unit)
     * @param latencyNanos the port's latency, 0..2 s (pulses are sent that much early)
     * @param clock the session clock
     * @return the companion (its clock out, once the session has started)
     */
    public static ClockCompanion addClock(Session.Builder b, Receiver receiver, String name, Runnable release, Pattern pattern,
                                          long latencyNanos, NanoClock clock) {
        if (receiver == null || name == null || pattern == null || clock == null) {
            throw new IllegalArgumentException("a MIDI clock needs a receiver, a name, the pattern and the clock");
        }
        ClockCompanion c = new ClockCompanion(receiver, name, release, pattern.meter().quartersPerBeat(), latencyNanos, clock);
        b.companion(c);
        return c;
    }

    /**
     * A session's MIDI clock out: created on the engine's dispatcher before the engine starts,
     * stopped and its port released at the end. Thread safe.
     */
    public static final class ClockCompanion implements SessionCompanion {
        private final Receiver receiver;
        private final String name;
        private final Runnable release;
        private final double quartersPerBeat;
        private final long latencyNanos;
        private final NanoClock clock;
        private volatile MidiClockOut out;

        private ClockCompanion(Receiver receiver, String name, Runnable release, double quartersPerBeat, long latencyNanos,
                               NanoClock clock) {
            this.receiver = receiver;
            this.name = name;
            this.release = release;
            this.quartersPerBeat = quartersPerBeat;
            this.latencyNanos = latencyNanos;
            this.clock = clock;
        }

        @Override
        public synchronized void beforeStart(CueEngine engine) {
            // the wait strategy is the dispatcher's; the clock's own (unused here) is only for start()
            MidiClockOut o = MidiClockOut.create(receiver, MidiClockOut.Timeline.of(engine), quartersPerBeat, latencyNanos,
                    clock, org.entrain.schedule.WaitStrategies.park(), Double.POSITIVE_INFINITY);
            engine.runOnDispatcher(o);
            out = o;
        }

        /**
         * The clock out, once the session has started.
         *
         * @return the clock, or null
         */
        public MidiClockOut clockOut() {
            return out;
        }

        @Override
        public synchronized void close() {
            MidiClockOut o = out;
            if (o != null) {
                // the dispatcher closed it when the engine finished (Stop sent); this covers a session
                // that ends without its engine finishing
                o.close();
                try {
                    o.awaitFinished(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (release != null) {
                try {
                    release.run();
                } catch (RuntimeException e) {
                    LOG.warn("closing MIDI clock port {} failed: {}", name, e.getMessage());
                }
            }
        }

        @Override
        public String describe() {
            return "MIDI clock -> " + name;
        }
    }
}
