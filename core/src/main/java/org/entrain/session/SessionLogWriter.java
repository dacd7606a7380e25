package org.entrain.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.entrain.clock.NanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetListener;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.CueSink;
import org.entrain.schedule.DispatchLog;
import org.entrain.schedule.EngineListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the session event log as the session runs. Thread safe: listener and event methods may
 * be called from any thread (the dispatcher, audio threads, the UI); they only enqueue, and one
 * writer thread formats, appends and writes each event to the file at once (one {@code write}
 * per event, so a killed process loses at most what the OS had not yet stored), and forces the
 * file to the disk at least every {@link #SYNC_INTERVAL_NANOS}.
 *
 * <p>Format: JSON Lines, one object a line, each with a {@code type}: {@code header} (first line),
 * {@code cue}, {@code onset}, {@code change}, {@code device}, {@code input}, {@code finished}, {@code end} (last
 * line of a cleanly closed log). Times are nanoseconds on the engine's clock. Read it back with
 * {@link SessionLogReader}.
 *
 * <pre>{@code
 * SessionLogWriter log = SessionLogWriter.open(path, header, clock);
 * CueEngine engine = CueEngine.builder().clock(clock).listener(log)...build();
 * log.attach(engine);          // the writer thread drains engine.dispatchLog()
 * microphone.listen(log);      // onsets
 * engine.start(); ... engine.awaitFinished(...);
 * log.close();
 * }</pre>
 */
public final class SessionLogWriter implements EngineListener, OnsetListener, AutoCloseable {

    /** Format name in the header. */
    public static final String FORMAT = "entrain-session-log";
    /** Format version in the header. */
    public static final int FORMAT_VERSION = 1;
    /** Longest time written data waits before it is forced to the disk: 200 ms. */
    public static final long SYNC_INTERVAL_NANOS = 200_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(SessionLogWriter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Object STOP = new Object();

    private final FileChannel channel;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile CueEngine engine;
    private volatile long written;
    private volatile long synced;
    private volatile IOException failure;
    private volatile boolean closed;
    private long lastSync = System.nanoTime();
    private boolean dirty;

    private record OnsetEvent(Onset onset) {
    }

    private record Event(String type, long nanos, double beat, String description) {
    }

    private record PhaseEvent(long nanos, double beat, long bar, String kind, String name) {
    }

    private record InputEvent(long nanos, String state, String description) {
    }

    private record HearingEvent(long nanos, CueHearing hearing) {
    }

    private record MuteEvent(long nanos, long index) {
    }

    private record ShiftEvent(long nanos, long index, long shift) {
    }

    private SessionLogWriter(FileChannel channel) {
        this.channel = channel;
        this.thread = new Thread(this::run, "entrain-session-log");
        this.thread.setDaemon(true);
    }

    /**
     * Creates (or truncates) the log file, writes and syncs the header, and starts the writer thread.
     *
     * @param file the log file
     * @param header the header
     * @param clock the engine clock (its time is recorded in the header)
     * @return the running writer
     * @throws IOException if the file cannot be created or written
     */
    public static SessionLogWriter open(Path file, SessionHeader header, NanoClock clock) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        SessionLogWriter w = new SessionLogWriter(ch);
        ObjectNode h = MAPPER.createObjectNode();
        h.put("type", "header");
        h.put("format", FORMAT);
        h.put("format_version", FORMAT_VERSION);
        h.put("software_version", header.softwareVersion());
        h.put("created_utc", Instant.now().toString());
        h.put("clock_ns", clock.nanoTime());
        map(h.putObject("settings"), header.settings());
        map(h.putObject("devices"), header.devices());
        map(h.putObject("sample_rates"), header.sampleRates());
        map(h.putObject("calibration"), header.calibration());
        try {
            w.writeLine(h);
            ch.force(false);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        w.thread.start();
        return w;
    }

    private static void map(ObjectNode o, Map<String, String> m) {
        m.forEach(o::put);
    }

    /**
     * Makes the writer thread the consumer of the engine's {@link CueEngine#dispatchLog()}: every
     * cue sent is logged. Call once, before the engine starts; nothing else may drain that log.
     *
     * @param cueEngine the engine
     * @throws IllegalStateException if an engine is already attached
     */
    public void attach(CueEngine cueEngine) {
        if (engine != null) {
            throw new IllegalStateException("an engine is already attached to this session log");
        }
        engine = cueEngine;
    }

    @Override
    public void onOnset(Onset onset) {
        offer(new OnsetEvent(onset));
    }

    @Override
    public void onSinkFailed(int sinkIndex, CueSink sink, Throwable error, long nanos) {
        offer(new Event("device", nanos, Double.NaN, "sink " + sinkIndex + " failed and was disabled: " + error));
    }

    @Override
    public void onChange(String description, double beat, long nanos) {
        offer(new Event("change", nanos, beat, description));
    }

    @Override
    public void onFinished(long nanos) {
        offer(new Event("finished", nanos, Double.NaN, "cues finished"));
    }

    /**
     * Logs a device event (connected, disconnected, xrun, calibration result ...).
     *
     * @param nanos engine time
     * @param description what happened, e.g. "MIDI input 'Pad' disconnected"
     */
    public void deviceEvent(long nanos, String description) {
        offer(new Event("device", nanos, Double.NaN, description));
    }

    /**
     * Logs a change in the tap input's delivery: an {@code input} line with its {@code state}
     * ({@code stopped}: taps from then on are not measured; {@code resumed}; {@code silent}: only
     * digital silence, a warning) and the line the user was told.
     *
     * @param nanos engine time (the last audio before a stop, the first after a resume)
     * @param state {@code stopped}, {@code resumed} or {@code silent}
     * @param description the message
     */
    public void inputEvent(long nanos, String state, String description) {
        offer(new InputEvent(nanos, state, description));
    }

    /**
     * Logs what the input found of the cues it hears ({@code cue_hearing} line: {@code state}
     * searching, found or not_heard; {@code latency_ns}, how long after it sounds a cue reaches the
     * input; {@code depth_db}, the cancellation depth; the last two when known).
     *
     * @param nanos engine time
     * @param hearing the finding
     */
    public void cueHearingEvent(long nanos, CueHearing hearing) {
        offer(new HearingEvent(nanos, hearing));
    }

    /**
     * Logs the start of a protocol phase ({@code phase} line: its first cue's deadline, beat, bar,
     * kind and name).
     *
     * @param nanos engine time of the phase's first cue
     * @param beat its beat position
     * @param bar its bar
     * @param kind the phase kind's id, e.g. {@code step-up}
     * @param name the phase's name
     */
    public void phaseEvent(long nanos, double beat, long bar, String kind, String name) {
        offer(new PhaseEvent(nanos, beat, bar, kind, name));
    }

    /**
     * Logs a cue that was planned but did not sound (silent phase, fade drop, gap bar): a
     * {@code mute} line.
     *
     * @param deadlineNanos the cue's deadline
     * @param index the cue's index
     */
    public void mutedCue(long deadlineNanos, long index) {
        offer(new MuteEvent(deadlineNanos, index));
    }

    /**
     * Logs a cue displaced from its grid time by a perturbation: a {@code shift} line.
     *
     * @param deadlineNanos the cue's grid deadline
     * @param index the cue's index
     * @param shiftNanos the displacement (the cue sounded at deadline + shift)
     */
    public void shiftedCue(long deadlineNanos, long index, long shiftNanos) {
        offer(new ShiftEvent(deadlineNanos, index, shiftNanos));
    }

    /**
     * Events written to the file so far (not counting the header).
     *
     * @return the count
     */
    public long writtenEvents() {
        return written;
    }

    /**
     * Events known to be on the disk (forced) so far (not counting the header).
     *
     * @return the count
     */
    public long syncedEvents() {
        return synced;
    }

    /**
     * Why writing failed (the disk filled, the folder went away), as soon as it has; the file
     * holds every complete line before it. Any thread.
     *
     * @return the error, or null while writing works
     */
    public IOException failure() {
        return failure;
    }

    private void offer(Object o) {
        if (!closed && failure == null) {
            queue.add(o);
        }
    }

    /**
     * Drains what is pending (including the engine's dispatch log), writes the {@code end} line,
     * forces the file to the disk and closes it. Events offered after this call are dropped. Idempotent.
     *
     * @throws IOException if writing failed at any point
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            queue.add(STOP);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while closing the session log", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void run() {
        try {
            boolean stop = false;
            while (!stop) {
                Object o = queue.poll(10, TimeUnit.MILLISECONDS);
                drainCues();
                while (o != null) {
                    if (o == STOP) {
                        stop = true;
                    } else {
                        writeEvent(o);
                    }
                    o = stop ? null : queue.poll();
                }
                drainCues();
                if (dirty && (stop || System.nanoTime() - lastSync >= SYNC_INTERVAL_NANOS)) {
                    sync();
                }
            }
            ObjectNode end = MAPPER.createObjectNode();
            end.put("type", "end");
            CueEngine e = engine;
            end.put("lost_cues", e == null ? 0 : e.dispatchLog().lost());
            writeLine(end);
            sync();
        } catch (IOException e) {
            failed(e);
        } catch (UncheckedIOException e) {
            failed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.info("closing the session log failed: {}", e.getMessage());
            }
        }
    }

    /** An expected failure (a full disk): kept for the session to report once; no stack trace for the user. */
    private void failed(IOException e) {
        failure = e;
        queue.clear();
        LOG.info("session log writing failed, the log ends here: {}", e.getMessage());
        LOG.debug("session log writing failed", e);
    }

    private void sync() throws IOException {
        long w = written;
        channel.force(false);
        synced = w;
        lastSync = System.nanoTime();
        dirty = false;
    }

    private void drainCues() {
        CueEngine e = engine;
        if (e != null) {
            e.dispatchLog().drain(this::writeCue);
        }
    }

    private void writeCue(Cue cue, int sink, long plannedSend, long actualSend) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", "cue");
        o.put("index", cue.index());
        o.put("bar", cue.bar());
        o.put("beat", cue.beat());
        o.put("sub", cue.sub());
        o.put("layer", cue.layer());
        o.put("voice", cue.voice().id());
        o.put("velocity", cue.velocity());
        o.put("bpm", cue.bpm());
        o.put("beat_position", cue.beatPosition());
        o.put("time_ns", cue.timeNanos());
        o.put("deadline_ns", cue.deadlineNanos());
        o.put("sink", sink);
        o.put("planned_send_ns", plannedSend);
        o.put("sent_ns", actualSend);
        o.put("lateness_ns", actualSend - plannedSend);
        try {
            writeLine(o);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void writeEvent(Object ev) throws IOException {
        ObjectNode o = MAPPER.createObjectNode();
        if (ev instanceof OnsetEvent oe) {
            Onset on = oe.onset();
            o.put("type", "onset");
            o.put("t_ns", on.timeNanos());
            o.put("strength", on.strength());
            o.put("source", on.source().name());
            o.put("flags", on.flags());
        } else if (ev instanceof PhaseEvent pe) {
            o.put("type", "phase");
            o.put("t_ns", pe.nanos());
            o.put("beat", pe.beat());
            o.put("bar", pe.bar());
            o.put("kind", pe.kind());
            o.put("name", pe.name());
        } else if (ev instanceof ShiftEvent se) {
            o.put("type", "shift");
            o.put("t_ns", se.nanos());
            o.put("index", se.index());
            o.put("shift_ns", se.shift());
        } else if (ev instanceof InputEvent ie) {
            o.put("type", "input");
            o.put("t_ns", ie.nanos());
            o.put("state", ie.state());
            o.put("description", ie.description());
        } else if (ev instanceof HearingEvent he) {
            o.put("type", "cue_hearing");
            o.put("t_ns", he.nanos());
            o.put("state", he.hearing().state().name().toLowerCase(java.util.Locale.ROOT));
            if (!Double.isNaN(he.hearing().latencyNanos())) {
                o.put("latency_ns", Math.round(he.hearing().latencyNanos()));
            }
            if (Double.isFinite(he.hearing().depthDb())) {
                o.put("depth_db", Math.round(he.hearing().depthDb() * 10) / 10.0);
            }
        } else if (ev instanceof MuteEvent me) {
            o.put("type", "mute");
            o.put("t_ns", me.nanos());
            o.put("index", me.index());
        } else {
            Event e = (Event) ev;
            o.put("type", e.type());
            o.put("t_ns", e.nanos());
            if (Double.isFinite(e.beat())) {
                o.put("beat", e.beat());
            }
            o.put("description", e.description());
        }
        writeLine(o);
    }

    private void writeLine(ObjectNode o) throws IOException {
        byte[] b = (MAPPER.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (!"header".equals(o.path("type").asText()) && !"end".equals(o.path("type").asText())) {
            written++;
        }
        dirty = true;
    }
}
