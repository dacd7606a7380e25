package org.entrain.midi;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import org.entrain.clock.Deadlines;
import org.entrain.clock.NanoClock;
import org.entrain.schedule.Agent;
import org.entrain.schedule.AgentRunner;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.WaitStrategy;
import org.entrain.tempo.TempoMap;

/**
 * MIDI clock out: 24 pulses (0xF8) per quarter note at deadlines integrated from the tempo map,
 * through ramps, with Start (0xFA), Stop (0xFC), Continue (0xFB) and Song Position Pointer (0xF2),
 * sent in real time to any receiver. An {@link Agent}: its {@link #doWork(long)},
 * {@link #nextWakeNanos()} and {@link #isDone()} may be called only by the one driving thread
 * (the engine's dispatcher after {@link CueEngine#runOnDispatcher(Agent)}, the clock's own
 * thread after {@link #start()}, or the caller's after {@link #begin()}); {@link #stop()},
 * {@link #continueFrom(long)} and {@link #close()} are thread safe. Run it on the engine's
 * dispatcher: one thread spinning for both, where two would share two cores.
 *
 * <p>Pulse {@code k} sits at beat {@code k / (24 * quartersPerBeat)} (one beat is
 * {@link org.entrain.pattern.Meter#quartersPerBeat()} quarter notes) and is sent at
 * {@code origin + tempoMap.secondsAt(beat) - latency}: each deadline computed afresh from the map
 * and the origin, never accumulated. The map and origin are read from a {@link Timeline} at every
 * pulse, so a clock following a {@link CueEngine} follows its live tempo changes. Start goes out
 * just before pulse 0, so a receiver's first beat falls on the engine's first cue. Allocation
 * free after construction.
 */
public final class MidiClockOut implements Agent {

    /** Pulses per quarter note. */
    public static final int PPQ = 24;

    /** Where the clock takes its tempo map and time origin from. Implementations are thread safe. */
    public interface Timeline {
        /**
         * The tempo map in force.
         *
         * @return the map
         */
        TempoMap tempoMap();

        /**
         * Engine time of beat 0.
         *
         * @return engine nanos
         */
        long originNanos();

        /**
         * A fixed map and origin.
         *
         * @param map the map
         * @param originNanos engine time of beat 0
         * @return the timeline
         */
        static Timeline fixed(TempoMap map, long originNanos) {
            return new Timeline() {
                @Override
                public TempoMap tempoMap() {
                    return map;
                }

                @Override
                public long originNanos() {
                    return originNanos;
                }
            };
        }

        /**
         * Follows an engine's live tempo map and origin (start the engine first).
         *
         * @param engine the engine
         * @return the timeline
         */
        static Timeline of(CueEngine engine) {
            return new Timeline() {
                @Override
                public TempoMap tempoMap() {
                    return engine.tempoMap();
                }

                @Override
                public long originNanos() {
                    return engine.originNanos();
                }
            };
        }
    }

    private final Receiver receiver;
    private final Timeline timeline;
    private final double pulsesPerBeat;
    private final long latencyNanos;
    private final NanoClock clock;
    private final WaitStrategy waitStrategy;
    private final long endPulse;
    private final ShortMessage clockMsg = message(ShortMessage.TIMING_CLOCK);
    private final ShortMessage startMsg = message(ShortMessage.START);
    private final ShortMessage stopMsg = message(ShortMessage.STOP);
    private final ShortMessage continueMsg = message(ShortMessage.CONTINUE);
    private final ShortMessage sppMsg = spp();
    private final CountDownLatch finished = new CountDownLatch(1);

    private volatile boolean stopRequested;
    private volatile long continueRequest = -1;
    private volatile boolean endedByStop;
    private volatile long pulsesSent;
    private volatile Runnable wakeRunner;

    // Driving-thread state.
    private boolean begun;
    private boolean running;
    private boolean done;
    private long nextPulse;
    private boolean startPending;
    private boolean continuePending;
    private long nextDeadline;

    private MidiClockOut(Receiver receiver, Timeline timeline, double quartersPerBeat, long latencyNanos, NanoClock clock,
                         WaitStrategy waitStrategy, double endBeat) {
        if (receiver == null || timeline == null || clock == null || waitStrategy == null) {
            throw new IllegalArgumentException("receiver, timeline, clock and wait strategy must not be null");
        }
        if (!(quartersPerBeat > 0 && quartersPerBeat <= 16)) {
            throw new IllegalArgumentException("quarters per beat must be above 0 and at most 16, was " + quartersPerBeat);
        }
        if (latencyNanos < 0 || latencyNanos > 2_000_000_000L) {
            throw new IllegalArgumentException("clock output latency must be between 0 and 2 s, was " + latencyNanos + " ns");
        }
        if (!(endBeat > 0)) {
            throw new IllegalArgumentException("clock end beat must be above 0 (or infinite), was " + endBeat);
        }
        this.receiver = receiver;
        this.timeline = timeline;
        this.pulsesPerBeat = PPQ * quartersPerBeat;
        this.latencyNanos = latencyNanos;
        this.clock = clock;
        this.waitStrategy = waitStrategy;
        this.endPulse = Double.isInfinite(endBeat) ? Long.MAX_VALUE : (long) Math.ceil(endBeat * pulsesPerBeat);
    }

    /**
     * A clock output.
     *
     * @param receiver the port
     * @param timeline the tempo map and origin to follow
     * @param quartersPerBeat quarter notes per beat of the map ({@link org.entrain.pattern.Meter#quartersPerBeat()})
     * @param latencyNanos the port's output latency, 0..2 s (pulses are sent that much early)
     * @param clock the engine's clock
     * @param waitStrategy how {@link #start()}'s thread waits (unused on the engine's dispatcher)
     * @param endBeat where the clock stops (exclusive; sends Stop after the last pulse before it), or
     *        {@link Double#POSITIVE_INFINITY} to run until {@link #stop()}
     * @return the clock, not started
     */
    public static MidiClockOut create(Receiver receiver, Timeline timeline, double quartersPerBeat, long latencyNanos,
                                      NanoClock clock, WaitStrategy waitStrategy, double endBeat) {
        return new MidiClockOut(receiver, timeline, quartersPerBeat, latencyNanos, clock, waitStrategy, endBeat);
    }

    /**
     * Begins without a thread: Start and pulse 0 go out at beat 0's deadline; drive with
     * {@link #doWork(long)}.
     *
     * @throws IllegalStateException if already begun
     */
    public synchronized void begin() {
        if (begun) {
            throw new IllegalStateException("the clock has already started");
        }
        begun = true;
        running = true;
        startPending = true;
        nextPulse = 0;
        nextDeadline = deadlineOf(0);
    }

    /**
     * Begins and runs on a thread of its own (an {@link AgentRunner}) until the end beat or
     * {@link #close()}. Prefer {@link CueEngine#runOnDispatcher(Agent)}.
     *
     * @throws IllegalStateException if already begun
     */
    public synchronized void start() {
        begin();
        new AgentRunner("entrain-midi-clock", clock, waitStrategy, List.of(this)).start();
    }

    /**
     * On the driving runner's thread: keeps its wake-up handle, and begins if not yet begun.
     *
     * @param wakeUp wakes the runner
     */
    @Override
    public void onStart(Runnable wakeUp) {
        wakeRunner = wakeUp;
        synchronized (this) {
            if (!begun) {
                begin();
            }
        }
    }

    /** On the driving runner's thread, when it ends: sends Stop if the clock is running. */
    @Override
    public void onClose() {
        if (running) {
            running = false;
            receiver.send(stopMsg, -1);
        }
        finished.countDown();
    }

    /** Sends Stop at once (at the next {@link #doWork(long)}) and stops pulsing. Thread safe. */
    public void stop() {
        stopRequested = true;
        wakeUp();
    }

    /**
     * After {@link #stop()}: sends Song Position Pointer {@code sixteenths} at once, then Continue
     * and the pulses from that position at their deadlines on the timeline (whose origin must put
     * them in the future). Thread safe.
     *
     * @param sixteenths the position in sixteenth notes (6 pulses each), 0..16383
     */
    public void continueFrom(long sixteenths) {
        if (sixteenths < 0 || sixteenths > 16383) {
            throw new IllegalArgumentException("song position must be between 0 and 16383 sixteenths, was " + sixteenths);
        }
        continueRequest = sixteenths;
        wakeUp();
    }

    /**
     * Waits until the clock's runner has closed it (its own thread or the engine's dispatcher
     * ended: end beat, {@link #close()}, or the engine finished).
     *
     * @param timeout how long
     * @param unit its unit
     * @return true if ended
     * @throws InterruptedException if interrupted
     */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /**
     * Pulses sent so far. Thread safe.
     *
     * @return the count
     */
    public long pulsesSent() {
        return pulsesSent;
    }

    /**
     * The engine time of the next pulse (minus latency), or {@link Deadlines#NULL_DEADLINE} when
     * stopped. Driving thread only.
     *
     * @return engine nanos
     */
    @Override
    public long nextWakeNanos() {
        return running ? nextDeadline : Deadlines.NULL_DEADLINE;
    }

    /**
     * Whether the clock has ended for good: the end beat reached, or stopped after
     * {@link #close()} with no Continue pending. Driving thread only.
     *
     * @return true when done
     */
    @Override
    public boolean isDone() {
        return done || (endedByStop && !running && continueRequest < 0);
    }

    /**
     * Sends everything due at {@code now}. Never blocks; allocation free. Driving thread only.
     * (Tests and offline use drive it by hand after {@link #begin()}.)
     *
     * @param now the current engine time
     * @return pulses sent
     */
    @Override
    public int doWork(long now) {
        if (!begun) {
            throw new IllegalStateException("the clock has not started: call start() or begin()");
        }
        if (stopRequested) {
            stopRequested = false;
            if (running) {
                running = false;
                receiver.send(stopMsg, -1);
            }
        }
        long cont = continueRequest;
        if (cont >= 0 && !running && !done) {
            continueRequest = -1;
            sendSpp(cont);
            nextPulse = cont * 6;
            nextDeadline = deadlineOf(nextPulse);
            continuePending = true;
            running = true;
        }
        int sent = 0;
        while (running && Deadlines.reached(now, nextDeadline)) {
            if (nextPulse >= endPulse) {
                running = false;
                done = true;
                receiver.send(stopMsg, -1);
                break;
            }
            if (startPending) {
                startPending = false;
                receiver.send(startMsg, -1);
            } else if (continuePending) {
                continuePending = false;
                receiver.send(continueMsg, -1);
            }
            receiver.send(clockMsg, -1);
            sent++;
            nextPulse++;
            nextDeadline = deadlineOf(nextPulse);
        }
        if (sent > 0) {
            pulsesSent += sent;
        }
        return sent;
    }

    private long deadlineOf(long pulse) {
        double beat = pulse / pulsesPerBeat;
        return timeline.originNanos() + Math.round(timeline.tempoMap().secondsAt(beat) * 1e9) - latencyNanos;
    }

    private void sendSpp(long sixteenths) {
        try {
            sppMsg.setMessage(ShortMessage.SONG_POSITION_POINTER, (int) (sixteenths & 0x7f), (int) (sixteenths >> 7));
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
        receiver.send(sppMsg, -1);
    }

    private void wakeUp() {
        Runnable w = wakeRunner;
        if (w != null) {
            w.run();
        }
    }

    /** Sends Stop and ends the clock for good (its own thread ends; on the dispatcher it is no longer called). Thread safe. */
    public void close() {
        endedByStop = true;
        stop();
    }

    private static ShortMessage spp() {
        try {
            return new ShortMessage(ShortMessage.SONG_POSITION_POINTER, 0, 0);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ShortMessage message(int status) {
        try {
            return new ShortMessage(status);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }
}
