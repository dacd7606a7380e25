package org.entrain.midi;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sound.midi.Receiver;
import org.entrain.clock.LinearFit;
import org.entrain.clock.NanoClock;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;

/**
 * A timestamped sink: sends each cue ahead of time to a receiver that places messages by their
 * timestamp (Gervill), with the exact timestamp on the device's own microsecond clock, so the
 * note starts on its sample. Only the one engine thread that serves it may call
 * {@link #onCue(Cue)} and {@link #onEnd()}: the sender thread ({@link #timestamped()}), since
 * {@code Receiver.send} takes Gervill's {@code control_mutex}, which the render thread holds
 * while it renders each block.
 *
 * <p>Engine time maps to device time through one anchor pair (engine nanos, device micros) taken
 * at the first cue (or by {@link #anchor()}): {@code ts = anchorMicros + (deadline - anchorNanos
 * - outputLatency) / 1000}, rounded to the microsecond. The device clock then decides alone where
 * each note sounds, so the intervals between cues are exact to the sample; the output latency
 * shifts them all so the sound leaves the speaker at the deadline, together with the session's
 * other outputs. Audio clocks drift against the system clock by tens of ppm (100 ppm = 180 ms
 * per 30 min, more than the send-ahead margin;
 * PulseAudio measured 300 ppm): the sink measures the drift (for a live synth from the times its
 * audio line takes each write, {@link SoftSynth#outputDriftPpm()}, within 15-31 s on PulseAudio; otherwise from
 * the device clock's readings at each cue, within tens of seconds) and lets the mapping's slope
 * follow it ({@link #driftPpm()}), continuously, so intervals change by parts per million only. {@link #lateCues()} counts cues
 * that reached the device after their sample had been rendered (Gervill would play them at the
 * next block); after one, the mapping steps later so the following cues keep half the send-ahead
 * margin again.
 *
 * <p>Offline rendering, where the device clock is the plan's time line, is {@link OfflineCueSink}.
 *
 * <p>No allocation here per cue (preallocated messages); Gervill's own queue allocates an entry
 * per timestamped message.
 */
public final class SynthCueSink implements CueSink {

    /** How often the drift estimate updates the mapping. */
    static final long DRIFT_WINDOW_NANOS = 10_000_000_000L;
    /** How long the drift baseline must be before the mapping follows it. */
    static final long DRIFT_BASELINE_NANOS = 30_000_000_000L;
    /** How long the mapping takes to catch up what the device gained before the drift was known. */
    static final long DRIFT_SLEW_NANOS = 60_000_000_000L;
    /**
     * The largest slope change of the mapping: 1000 ppm (0.5 ms on a 500 ms interval); sound
     * servers and cheap USB devices run hundreds of ppm off (PulseAudio measured 300 ppm fast).
     */
    static final double MAX_DRIFT = 1000e-6;
    /** How often a measured device rate ({@link SoftSynth#outputDriftPpm()}) updates the mapping. */
    static final long RATE_WINDOW_NANOS = 1_000_000_000L;
    /** How long the mapping takes to catch up, once the device's rate is measured, what it gained before. */
    static final long RATE_SLEW_NANOS = 3_000_000_000L;

    private final Receiver receiver;
    private final CueMessages messages;
    private final NanoClock clock;
    private final LongSupplier deviceMicros;
    // the device clock's rate as measured apart from its readings (ppm, NaN until known); null: none
    private final DoubleSupplier deviceDriftPpm;
    private final long aheadNanos;
    private final long outputLatencyNanos;
    private final long noteOffMicros;
    private long anchorNanos;
    private long anchorMicros;
    private boolean anchored;
    // Drift tracking: the mapping is piecewise linear, continuous, slope 1 + rate.
    private long segNanos;
    private long segMicros;
    private double rate;
    private long windowStart;
    private final LinearFit leadFit = new LinearFit();
    private volatile double driftPpm;
    private long stepMicros;
    private final long marginMicros;
    private volatile long late;
    private volatile long sent;
    // a live synth's line fault (SoftSynth.fault), set once before the sink is handed out; null otherwise
    private Supplier<String> fault;

    private SynthCueSink(Receiver receiver, CueSounds sounds, NanoClock clock, LongSupplier deviceMicros,
                         DoubleSupplier deviceDriftPpm, long aheadNanos, long outputLatencyNanos, long noteOffMicros) {
        if (receiver == null) {
            throw new IllegalArgumentException("receiver must not be null");
        }
        if (aheadNanos < 0 || aheadNanos > 10_000_000_000L) {
            throw new IllegalArgumentException("send-ahead must be between 0 and 10 s, was " + aheadNanos + " ns");
        }
        if (outputLatencyNanos < 0 || outputLatencyNanos > 2_000_000_000L) {
            throw new IllegalArgumentException("output latency must be between 0 and 2 s, was " + outputLatencyNanos + " ns");
        }
        this.receiver = receiver;
        this.messages = new CueMessages(sounds);
        this.clock = clock;
        this.deviceMicros = deviceMicros;
        this.deviceDriftPpm = deviceDriftPpm;
        this.aheadNanos = aheadNanos;
        this.outputLatencyNanos = outputLatencyNanos;
        this.noteOffMicros = noteOffMicros;
        this.marginMicros = (aheadNanos - outputLatencyNanos) / 1000;
        messages.sendProgramChanges(receiver);
    }

    /**
     * A sink for a live synth: cues are sent {@code outputLatency + margin} ahead and timed on the
     * synth's render clock. Once the synth's audio line has failed ({@link SoftSynth#fault()}),
     * {@code onCue} throws with the reason, so the engine disables this output and the session says why.
     *
     * @param synth the open synth
     * @param sounds the voice sounds
     * @param clock the engine's clock
     * @param outputLatencyNanos from the timestamp to the sound at the speaker (see {@link #estimatedOutputLatencyNanos(SoftSynth)}), 0..2 s
     * @param marginNanos extra send-ahead so the message reaches Gervill before its block renders, 0..1 s
     * @return the sink
     */
    public static SynthCueSink live(SoftSynth synth, CueSounds sounds, NanoClock clock, long outputLatencyNanos,
                                    long marginNanos) {
        // With Gervill's jitter corrector on, its render clock follows the system clock, not the line's.
        SynthCueSink sink = timed(synth.receiver(), sounds, clock, synth::microsecondPosition,
                synth.settings().jitterCorrection() ? null : synth::outputDriftPpm, outputLatencyNanos, marginNanos);
        sink.fault = synth::fault;
        return sink;
    }

    /**
     * A sink for any receiver that honours timestamps on its own microsecond clock.
     *
     * @param receiver the receiver
     * @param sounds the voice sounds
     * @param clock the engine's clock
     * @param deviceMicros reads the device clock (thread safe)
     * @param outputLatencyNanos from the timestamp to the sound, 0..2 s
     * @param marginNanos extra send-ahead, 0..1 s
     * @return the sink
     */
    public static SynthCueSink timed(Receiver receiver, CueSounds sounds, NanoClock clock, LongSupplier deviceMicros,
                                     long outputLatencyNanos, long marginNanos) {
        return timed(receiver, sounds, clock, deviceMicros, null, outputLatencyNanos, marginNanos);
    }

    /**
     * As {@link #timed(Receiver, CueSounds, NanoClock, LongSupplier, long, long)}, with the device
     * clock's rate measured apart from its readings (a live synth's {@link SoftSynth#outputDriftPpm()}):
     * the mapping follows it from the first second it is known instead of after
     * {@value #DRIFT_BASELINE_NANOS} ns of noisy readings, and keeps the nominal rate while it is
     * unknown (the readings are not fitted then).
     *
     * @param deviceDriftPpm the device clock's rate against the engine clock, ppm (NaN while unknown; thread safe), or null
     */
    static SynthCueSink timed(Receiver receiver, CueSounds sounds, NanoClock clock, LongSupplier deviceMicros,
                              DoubleSupplier deviceDriftPpm, long outputLatencyNanos, long marginNanos) {
        if (marginNanos < 0 || marginNanos > 1_000_000_000L) {
            throw new IllegalArgumentException("margin must be between 0 and 1 s, was " + marginNanos + " ns");
        }
        if (clock == null || deviceMicros == null) {
            throw new IllegalArgumentException("clock and device clock must not be null");
        }
        return new SynthCueSink(receiver, sounds, clock, deviceMicros, deviceDriftPpm, outputLatencyNanos + marginNanos,
                outputLatencyNanos, 100_000);
    }

    /**
     * A first estimate of a live synth's output latency: the line buffer Gervill reports, plus one
     * control block; twice the buffer with jitter correction, though its corrector was measured
     * to buffer far more on PulseAudio (0.03-0.75 s, growing; {@code SynthChainLatency} in the
     * benchmarks), which is why it is off by default. Calibrate with a loopback for a better figure.
     *
     * @param synth the open synth
     * @return nanos
     */
    public static long estimatedOutputLatencyNanos(SoftSynth synth) {
        SynthSettings s = synth.settings();
        long line = synth.latencyMicros() * 1000L;
        long block = Math.round(s.blockSamples() / s.sampleRate() * 1e9);
        return (s.jitterCorrection() ? 2 * line : line) + block;
    }

    /**
     * The send-ahead margin a live synth needs beyond its output latency: Gervill renders in
     * bursts of up to one line buffer (as the line takes audio), so its render clock
     * may run up to one line buffer ahead of where it was at the anchor; plus 20 ms for the
     * engine's sender thread (it parks until each send, with no spin margin, so a loaded
     * machine may wake it milliseconds late) and for clock drift until it is measured (see
     * {@link #driftPpm()}). The margin only moves sends earlier: cues still sound at their
     * deadlines.
     *
     * @param synth the open synth
     * @return nanos
     */
    public static long recommendedMarginNanos(SoftSynth synth) {
        return synth.latencyMicros() * 1000L + 20_000_000L;
    }

    /**
     * Takes the anchor pair now (engine nanos, device micros); called by the first cue otherwise.
     * Dispatcher thread only.
     */
    public void anchor() {
        anchorNanos = clock.nanoTime();
        anchorMicros = deviceMicros.getAsLong();
        segNanos = anchorNanos;
        segMicros = anchorMicros;
        rate = 0;
        stepMicros = 0;
        windowStart = anchorNanos;
        leadFit.clear();
        anchored = true;
    }

    /**
     * The device clock's rate against the engine clock as the sink has measured it, in parts per
     * million (positive: the device runs fast). Thread safe.
     *
     * @return ppm
     */
    public double driftPpm() {
        return driftPpm;
    }

    /**
     * Follows the device clock's drift. Its rate comes from the measured rate when there is one
     * ({@link SoftSynth#outputDriftPpm()}: the times the audio line takes each write, fitted; on PulseAudio
     * published once consistent, after 15-31 s on a loaded machine, never while it underruns every few
     * seconds, within tens of ppm from then on), checked every {@value #RATE_WINDOW_NANOS} ns; until
     * then the mapping keeps the nominal rate (the device clock's readings come through the same
     * line: under load their fit said -8400 to -17170 ppm where the line's said nothing). Without a
     * measured rate, from a least-squares line ({@link LinearFit}) through
     * the device clock's lead over the fixed anchor mapping, sampled at every cue (Gervill's render
     * bursts are noise around it: on PulseAudio sd 8 ms, so the line needs
     * {@value #DRIFT_BASELINE_NANOS} ns), every {@value #DRIFT_WINDOW_NANOS} ns, and only a slope within
     * {@value #MAX_DRIFT} (beyond, the readings stepped). At each update the
     * slope of the mapping becomes the rate plus what is left to catch up of what the device has
     * gained since the anchor at that rate (over {@value #RATE_SLEW_NANOS} or
     * {@value #DRIFT_SLEW_NANOS} ns), within {@value #MAX_DRIFT}, re-anchored at now so the mapping
     * stays continuous: intervals change by parts per million, never by a jump (a slewed clock, as
     * NTP slews). Allocation free.
     */
    private void trackDrift(long now, long head) {
        long raw = anchorMicros + Math.floorDiv(now - anchorNanos, 1000);
        double x = (now - anchorNanos) / 1e9;
        leadFit.add(x, head - raw);
        double measured = deviceDriftPpm == null ? Double.NaN : deviceDriftPpm.getAsDouble();
        boolean known = !Double.isNaN(measured) && !Double.isInfinite(measured);
        if (now - windowStart < (known ? RATE_WINDOW_NANOS : DRIFT_WINDOW_NANOS)) {
            return;
        }
        windowStart = now;
        double slopePerSecond; // device micros gained per engine second
        long slewNanos;
        if (known) {
            slopePerSecond = measured;
            slewNanos = RATE_SLEW_NANOS;
        } else {
            if (deviceDriftPpm != null || now - anchorNanos < DRIFT_BASELINE_NANOS || !leadFit.hasSlope()) {
                // a measured rate not known yet: the readings come through the same line, and are worse
                return;
            }
            slopePerSecond = leadFit.slope();
            if (Math.abs(slopePerSecond) > MAX_DRIFT * 1e6) {
                // the readings stepped (an underrun), no clock is that far off
                return;
            }
            slewNanos = DRIFT_SLEW_NANOS;
        }
        double estimate = slopePerSecond / 1e6;
        long m = mapped(now);
        // What the device has gained on the raw mapping (at the rate known now) that the mapping has
        // not yet followed: closed by slewing, never by a jump.
        double grown = slopePerSecond * x;
        double gap = grown - (m - raw - stepMicros);
        double slope = estimate + gap / (slewNanos / 1000.0);
        segMicros = m;
        segNanos = now;
        rate = Math.max(-MAX_DRIFT, Math.min(MAX_DRIFT, slope));
        driftPpm = estimate * 1e6;
    }

    /** Device micros for an engine time, on the current mapping (no latency). */
    private long mapped(long nanos) {
        if (rate == 0) {
            return segMicros + Math.floorDiv(nanos - segNanos + 500, 1000);
        }
        return segMicros + Math.round((nanos - segNanos) / 1000.0 * (1 + rate));
    }

    /**
     * The device timestamp a deadline maps to. Allocation free.
     *
     * @param deadlineNanos engine nanos
     * @return device micros
     */
    public long timestampMicros(long deadlineNanos) {
        return mapped(deadlineNanos - outputLatencyNanos);
    }

    @Override
    public long advanceNanos() {
        return aheadNanos;
    }

    /** Timestamped: the engine sends from its sender thread, so Gervill's lock is never taken on the dispatcher. */
    @Override
    public boolean timestamped() {
        return true;
    }

    @Override
    public void onCue(Cue cue) {
        Supplier<String> f = fault;
        String why = f == null ? null : f.get();
        if (why != null) {
            // the engine disables this output and the session says so (a line that died plays nothing)
            throw new IllegalStateException(why);
        }
        if (!anchored) {
            anchor();
        }
        long head = deviceMicros.getAsLong();
        trackDrift(clock.nanoTime(), head);
        long ts = timestampMicros(cue.deadlineNanos());
        if (ts - head < 0) {
            // Too late for its sample: shift the mapping once so this and later cues keep half
            // the margin again (one phase step instead of every later cue block-quantized).
            late++;
            long shift = head - ts + marginMicros / 2;
            segMicros += shift;
            stepMicros += shift;
            ts += shift;
        }
        receiver.send(messages.noteOn(cue), ts);
        if (!messages.isPercussion(cue)) {
            receiver.send(messages.noteOff(cue), ts + noteOffMicros);
        }
        sent++;
    }

    @Override
    public void onEnd() {
        // Notes are one-shots; melodic notes already have their timestamped note-off.
    }

    /**
     * Cues that reached the device after their sample was rendered. Thread safe.
     *
     * @return the count
     */
    public long lateCues() {
        return late;
    }

    /**
     * Cues sent. Thread safe.
     *
     * @return the count
     */
    public long sentCues() {
        return sent;
    }

    @Override
    public String toString() {
        return "SynthCueSink[ahead " + aheadNanos + " ns, output latency " + outputLatencyNanos + " ns]";
    }
}
