package org.entrain.audio;

import be.tarsos.dsp.AudioDispatcher;
import java.io.InputStream;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.entrain.cancel.CancellationSettings;
import org.entrain.cancel.CueCanceller;
import org.entrain.cancel.CueReferences;
import org.entrain.cancel.StreamingCueCanceller;
import org.entrain.clock.AudioClockMap;
import org.entrain.clock.NanoClock;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.OnsetListener;
import org.entrain.onset.OnsetSource;
import org.entrain.pattern.Voice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live audio input (microphone or a channel of an interface) feeding the onset detector through
 * TarsosDSP, with its frame counter mapped to engine time. Thread safe: {@link #start()},
 * {@link #stop()} and the getters may be called from any thread, {@link #addCue(long, Voice, int)} from one
 * thread at a time (the engine's dispatcher); the listener and the sample tap are called on the
 * input's processing thread, {@code entrain-audio-in}.
 *
 * <p>The line is opened explicitly: 16-bit signed little-endian PCM at the spec's rate and channel
 * count, with a line buffer of four reads, given in bytes ({@code 4 * bufferFrames * frameSize};
 * TarsosDSP's {@code fromDefaultMicrophone} passes samples where Java Sound expects bytes; a larger
 * buffer makes PulseAudio deliver in bursts of a quarter of it). Its own thread, {@code
 * entrain-audio-read}, reads it into a queue of at least 2 s of preallocated buffers (a power of
 * two of reads: 512, 2.97 s, at 256 frames and 44.1 kHz), so the processing thread may fall
 * behind by that much without a frame lost (a device opened directly, such as an
 * ALSA {@code hw} device chosen by name, has only its buffer: 23 ms at 256 frames; through
 * PulseAudio the server's record buffer holds more, a 1 s stall measured lossless); the queue
 * is a stream, wrapped in an {@link AudioInputStream} and handed to an {@link AudioDispatcher}
 * (no overlap) through a stream that extracts the chosen channel.
 *
 * <p>Engine time of a frame: an {@link AudioClockMap} fitted to (frames read, nanoTime right after
 * each read, on the reading thread); dropped buffers (the device's overruns, or reads lost because
 * the processing thread fell further behind than the queue) are detected, logged, counted
 * ({@link #droppedFrames()}) and do not shift later onsets.
 *
 * <p>Faults: a line that throws, closes or ends while capturing ends the capture (never the
 * process): {@link #fault()} then says why, the onsets and samples delivered so far stand, and no
 * stack trace is printed. A line that is open but delivers nothing (a stalled driver) is waited on
 * without spinning; the session's watchdog reports it. Latency from a hit to the listener: one read (5.8 ms at 256 frames and 44.1 kHz)
 * plus the detector's window after the onset ({@link DetectorSettings#postWindowMs()}, 30 ms for taps)
 * plus one hop (up to the pre-window more when the onset lies before its triggering hop), plus the canceller's delay (with the engine's references: 550 ms, the references
 * cut to 250 ms plus the 300 ms room path, plus 40 ms; with a template: {@link CueCanceller#delaySamples()},
 * about 114 ms for 80 ms) when cue
 * cancellation is on; reported times are not delayed, only their delivery.
 */
public final class LiveAudioInput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveAudioInput.class);
    private static final Voice[] VOICES = Voice.values();

    /** Sees every buffer of raw mono samples (for recording or calibration), on the audio thread. */
    @FunctionalInterface
    public interface SampleTap {
        /**
         * One buffer.
         *
         * @param samples the samples (reused after return: copy what you keep)
         * @param length how many are valid
         * @param firstFrame the frame index of {@code samples[0]} as read (0 = first frame)
         */
        void onSamples(float[] samples, int length, long firstFrame);
    }

    private final InputSpec spec;
    private final TargetDataLine line;
    private final AudioDispatcher dispatcher;
    private final AudioClockMap map;
    private final Object mapLock = new Object();
    private final NanoClock clock;
    private final CueCanceller canceller;
    private final StreamingCueCanceller streaming;
    private final Calibration calibration;
    private final long[] cueRing = new long[1024];
    private final byte[] cueVoice = new byte[1024];
    private final byte[] cueVelocity = new byte[1024];
    // Single producer (the dispatcher) writes the slot, then the volatile tail; single consumer
    // (the audio thread) reads the tail, the slot, then writes the volatile head: each side sees
    // the other's writes in order (happens-before through the volatile), and the producer's
    // full-queue check reads a head the consumer has published.
    private volatile long cueTail;
    private volatile long cueHead;
    private volatile long framesRead;
    private volatile long droppedFrames;
    private volatile int drops;
    private volatile double driftPpm;
    private volatile double depth = Double.NaN;
    private volatile boolean cuesNotHeard;
    private volatile boolean stopping;
    private volatile String fault;
    private volatile double acousticLatency = Double.NaN;

    /** The latest a cue may arrive after it sounds when the latency is found from the cues heard, s. */
    static final float MAX_LATENCY_SECONDS = 3.0f;
    /**
     * The speaker and room path fitted on the first cues (kept only where it beats the dry
     * reference), s; references are cut to 250 ms plus this, which the delivery latency grows by.
     */
    static final float ROOM_SECONDS = 0.3f;
    /** The least the processing thread may fall behind the line without a frame lost, s (rounded up to a power of two of reads). */
    static final double QUEUE_SECONDS = 2.0;
    private final LineReader reader;
    private Thread thread;
    private Thread readThread;

    private LiveAudioInput(Builder b, TargetDataLine line, AudioInputStream stream) {
        this.spec = b.spec;
        this.line = line;
        this.clock = b.clock;
        this.map = AudioClockMap.forBuffers(spec.sampleRate(), spec.bufferFrames());
        this.calibration = b.calibration;
        this.canceller = b.template == null ? null
                : new CueCanceller(b.template, (int) Math.round(0.002 * spec.sampleRate()), 1024);
        if (b.references != null && b.references.sampleRate() != spec.sampleRate()) {
            throw new IllegalArgumentException("the cue references are at " + b.references.sampleRate()
                    + " Hz but the input runs at " + spec.sampleRate() + " Hz");
        }
        this.streaming = b.references == null ? null
                : new StreamingCueCanceller(b.references, b.settings == null ? DetectorSettings.taps() : b.settings,
                        Math.round(0.020f * spec.sampleRate()), Math.round((0.25f + ROOM_SECONDS) * spec.sampleRate()), 1024,
                        CancellationSettings.defaults().marginDb(),
                        b.findLatency ? Math.round(MAX_LATENCY_SECONDS * spec.sampleRate()) : -1,
                        Math.round(ROOM_SECONDS * spec.sampleRate()));
        this.reader = line == null ? null : new LineReader(line, spec.bufferFrames());
        AudioInputStream source = stream != null ? stream
                : new AudioInputStream(reader, line.getFormat(), AudioSystem.NOT_SPECIFIED);
        MonoStream mono = new MonoStream(source, spec.channel());
        this.dispatcher = new AudioDispatcher(mono, spec.bufferFrames(), 0);
        SampleTap tap = b.tap;
        OnsetPipeline pipeline = new OnsetPipeline(b.settings, spec.sampleRate(), canceller, streaming, b.findLatency,
                map::nanosAt,
                OnsetSource.MICROPHONE, b.listener == null ? o -> { } : b.listener, (buf, len, first) -> {
                    onBuffer(first + len);
                    if (tap != null) {
                        tap.onSamples(buf, len, first);
                    }
                });
        dispatcher.addAudioProcessor(pipeline);
    }

    private void onBuffer(long frames) {
        if (reader == null) {
            fit(frames, clock.nanoTime());
        } else {
            while (reader.nextPair(frames)) {
                fit(reader.pairFrame, reader.pairStamp);
            }
        }
        framesRead = frames;
        driftPpm = map.driftPpm();
        if (streaming != null) {
            depth = streaming.depthDb();
            cuesNotHeard = streaming.notHeard();
            double lat = streaming.latencySamples();
            acousticLatency = Double.isNaN(lat) ? Double.NaN : lat * 1e9 / spec.sampleRate() + calibration.latencyNanos();
        }
        if (canceller != null || streaming != null) {
            long tail = cueTail;
            long h = cueHead;
            while (h != tail) {
                int slot = (int) (h & (cueRing.length - 1));
                long cueNanos = cueRing[slot];
                if (streaming != null) {
                    // The calibration's constant latency places the search; the canceller follows drift itself.
                    streaming.addCue(map.frameAt(cueNanos + calibration.latencyNanos()), VOICES[cueVoice[slot]],
                            cueVelocity[slot]);
                } else {
                    canceller.addCue(map.frameAt(cueNanos + calibration.latencyAt(cueNanos)));
                }
                h++;
            }
            cueHead = h;
        }
    }

    /** One (frames read, engine nanos just after that read) pair to the clock map, on the audio thread. */
    private void fit(long frames, long nanos) {
        long dropped;
        // The audio thread is the map's only writer; the lock lets other threads read it.
        synchronized (mapLock) {
            dropped = map.update(frames, nanos);
        }
        if (dropped > 0) {
            LOG.warn("audio input dropped about {} frames ({} ms) before frame {}; later onsets keep their time",
                    dropped, Math.round(dropped * 1000 / spec.sampleRate()), frames);
            droppedFrames = map.droppedFrames();
            drops = map.dropCount();
            if (streaming != null) {
                streaming.inputGap(map.lastDropFrame(), dropped);
            }
        }
    }

    /**
     * Creates a builder.
     *
     * @param spec which input
     * @return the builder
     */
    public static Builder builder(InputSpec spec) {
        return new Builder(spec);
    }

    /** Configures and opens a {@link LiveAudioInput}. Not thread safe. */
    public static final class Builder {
        private final InputSpec spec;
        private NanoClock clock;
        private DetectorSettings settings;
        private OnsetListener listener;
        private SampleTap tap;
        private float[] template;
        private CueReferences references;
        private Calibration calibration;
        private TargetDataLine line;
        private boolean findLatency;

        private Builder(InputSpec spec) {
            if (spec == null) {
                throw new IllegalArgumentException("input spec must not be null");
            }
            this.spec = spec;
        }

        /**
         * The engine clock (required).
         *
         * @param c the clock
         * @return this
         */
        public Builder clock(NanoClock c) {
            if (clock != null) {
                throw new IllegalArgumentException("clock is already set");
            }
            this.clock = c;
            return this;
        }

        /**
         * Detects onsets and reports them (optional: without it the input only records).
         *
         * @param s the detector tuning
         * @param l receives onsets on the audio thread
         * @return this
         */
        public Builder detect(DetectorSettings s, OnsetListener l) {
            if (settings != null) {
                throw new IllegalArgumentException("detection is already set");
            }
            this.settings = s;
            this.listener = l;
            return this;
        }

        /**
         * Passes every buffer to a tap (optional).
         *
         * @param t the tap, called on the audio thread
         * @return this
         */
        public Builder sampleTap(SampleTap t) {
            if (tap != null) {
                throw new IllegalArgumentException("sample tap is already set");
            }
            this.tap = t;
            return this;
        }

        /**
         * Cancels the cue's sound at every cue given to {@link #addCue(long)} (optional).
         *
         * @param cueTemplate the cue waveform at the input's rate
         * @param cal the output-to-input latency
         * @return this
         */
        public Builder cancelCues(float[] cueTemplate, Calibration cal) {
            if (template != null || references != null) {
                throw new IllegalArgumentException("cue cancellation is already set");
            }
            if (cueTemplate == null || cal == null) {
                throw new IllegalArgumentException("cue cancellation needs a template and a calibration");
            }
            this.template = cueTemplate.clone();
            this.calibration = cal;
            return this;
        }

        /**
         * Cancels the cue's sound at every cue given to {@link #addCue(long, Voice, int)}, with the
         * engine's own sounds as the reference (optional): each cue's exact one-shot (voice and
         * velocity) is aligned around its expected frame (engine time plus the calibration's
         * latency, +-20 ms, drift followed), gain-fitted (either polarity) and subtracted, through
         * the speaker and room path fitted on the first cues (a listen-only count-in) where it
         * beats the dry reference; the detector gates on what is expected to be left
         * ({@link StreamingCueCanceller}). Adds 590 ms to the delivery latency (not to onset times).
         *
         * @param references the exact sound of each voice, at the input's rate
         * @param cal the output-to-input latency
         * @return this
         */
        public Builder cancelCues(CueReferences references, Calibration cal) {
            if (template != null || this.references != null) {
                throw new IllegalArgumentException("cue cancellation is already set");
            }
            if (references == null || cal == null) {
                throw new IllegalArgumentException("cue cancellation needs the cue references and a calibration");
            }
            this.references = references;
            this.calibration = cal;
            return this;
        }

        /**
         * Captures from a line the caller made instead of opening the spec's device (optional): a
         * device chosen by the application, or a line over a file. It must deliver the spec's
         * format (16-bit signed little-endian PCM, the spec's rate and channel count); {@link #open()}
         * opens it if it is not open yet, and the input stops and closes it.
         *
         * @param captureLine the line
         * @return this
         */
        public Builder line(TargetDataLine captureLine) {
            if (line != null) {
                throw new IllegalArgumentException("line is already set");
            }
            if (captureLine == null) {
                throw new IllegalArgumentException("line must not be null");
            }
            this.line = captureLine;
            return this;
        }

        /**
         * Cancels the cue's sound at every cue given to {@link #addCue(long, Voice, int)}, with the
         * engine's own sounds as the reference and no calibration (optional): the cues heard are
         * the markers. The output-to-input latency (-0.2 to 3 s; a real PulseAudio loop was 1.1-1.4
         * s) is found from the first cues heard, window by window (from the first cue to just after
         * the third, 1.2-3 s): the candidate lags of the window's dry cue track (its correlation
         * with the input, which starts 0.2 s before the first cue) are tried, each cue's attack
         * aligned around each, and the lag where they align best taken when every cue of the window
         * aligns and two or more (and half) agree within 0.5 ms, or all move one way (an output
         * settling: 2 ms a cue seen); searched up to 1 s first, then up to 3 s. Then cancelled and
         * gated as with a calibration, drift followed cue by cue (the whole range searched again
         * when a cue does not correlate where it is tracked). Until then (about 2.3 s after the
         * first cue at 100 bpm with a short latency, 4.3 s with 1.2 s), every onset from the first
         * cue on is flagged {@link org.entrain.onset.Onset#CUE_RESIDUE}, so no cue is reported as a
         * tap; after four windows with no latency the cues are taken as not heard (headphones) and
         * nothing more is flagged, while the search goes on. Onset times are on the cues' time line: the latency found is taken off
         * ({@link LiveAudioInput#acousticLatencyNanos()}). The search allocates its buffers
         * (about 1 MB) at the start and its FFTs once per window, on the audio thread.
         *
         * @param references the exact sound of each voice, at the input's rate
         * @return this
         */
        public Builder cancelCues(CueReferences references) {
            cancelCues(references, Calibration.NONE);
            this.findLatency = true;
            return this;
        }

        /** Uses a stream instead of a device (tests: the same pipeline on generated audio). */
        LiveAudioInput openStream(AudioInputStream stream) {
            if (clock == null) {
                throw new IllegalArgumentException("live audio input needs a clock");
            }
            return new LiveAudioInput(this, null, stream);
        }

        /**
         * Opens the line (not yet started).
         *
         * @return the input
         * @throws LineUnavailableException if the device refuses
         * @throws IllegalArgumentException if the clock is missing or the device unknown
         */
        public LiveAudioInput open() throws LineUnavailableException {
            if (clock == null) {
                throw new IllegalArgumentException("live audio input needs a clock");
            }
            AudioFormat format = new AudioFormat(spec.sampleRate(), 16, spec.channels(), true, false);
            int bytes = 4 * spec.bufferFrames() * format.getFrameSize();
            TargetDataLine l = line;
            if (l == null) {
                l = AudioDevices.openInput(spec.mixer(), format, bytes);
            } else if (!l.isOpen()) {
                l.open(format, bytes);
            }
            try {
                if (!l.getFormat().matches(format)) {
                    throw new IllegalArgumentException("the input line delivers " + l.getFormat() + ", not " + format);
                }
                return new LiveAudioInput(this, l, null);
            } catch (RuntimeException e) {
                l.close();
                throw e;
            }
        }
    }

    /** Starts capturing on a new thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("audio input already started");
        }
        if (line != null) {
            line.start();
        }
        thread = new Thread(this::capture, "entrain-audio-in");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        if (reader != null) {
            readThread = new Thread(reader::readLine, "entrain-audio-read");
            readThread.setDaemon(true);
            readThread.setPriority(Thread.MAX_PRIORITY);
            readThread.start();
        }
    }

    /** Stops capturing, reports any onset still in the detector's window and waits for the thread. */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        // Closing the line ends the reader's read; the dispatcher then takes what was read before,
        // comes to the end of its stream and finishes its processors on its own thread, so the
        // detector never runs on two threads.
        stopping = true;
        if (line != null) {
            line.stop();
            line.close();
        }
        try {
            if (readThread != null) {
                readThread.join(2000);
            }
            thread.join(line == null ? 60_000 : 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            dispatcher.stop();
        }
    }

    /** The capture thread: the dispatcher, with whatever ends it before {@link #stop()} kept as the fault. */
    private void capture() {
        try {
            dispatcher.run();
        } catch (RuntimeException | Error e) {
            fail("the audio thread failed: " + why(e));
        }
        if (line != null) {
            fail("its line ended"); // a stream (a file, tests) may end; a line ends only when stopped
        }
    }

    private void fail(String why) {
        if (fault == null && !stopping) {
            fault = why;
            LOG.info("audio input stopped delivering: {}", why);
        }
    }

    private static String why(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Why the input stopped delivering before {@link #stop()}: its line threw, closed or ended
     * (a microphone unplugged, a driver failure). Any thread.
     *
     * @return one line, e.g. {@code its line closed}, or null while it works (and after a normal stop)
     */
    public String fault() {
        return fault;
    }

    /**
     * Reads the line on its own thread, {@code entrain-audio-read}, into a queue of preallocated
     * buffers ({@link #QUEUE_SECONDS}), and is the stream the dispatcher reads on the processing
     * thread. A device's buffer holds four reads (23 ms at 256 frames: a larger one makes PulseAudio
     * deliver in bursts of a quarter of it); the processing thread may fall behind by the whole queue
     * (a latency search's FFTs, a slow listener, a collection) and nothing is lost. Each read keeps
     * the engine time right after it returned, the pair the clock map fits. When the queue is full
     * the line is still read, into a scratch buffer, and those frames are lost to the processing
     * side as to a device's overrun (the clock map finds them by their lateness and counts them;
     * one warning when the loss starts). The end of the stream once the input stops or the line closes, ends or throws,
     * after what was read before: the fault is kept, no exception reaches TarsosDSP, which would
     * print it. An open line that delivers nothing is polled every millisecond, not spun on.
     * Thread safety: a single-producer single-consumer queue (the reader writes a slot, then the
     * volatile tail; the consumer reads the tail, the slot, then writes the volatile head); the
     * stream is read on one thread.
     */
    private final class LineReader extends InputStream {
        private final TargetDataLine source;
        private final int frameSize;
        private final int readBytes;
        private final int mask;
        private final byte[][] data;
        private final int[] length;
        private final long[] endFrame;
        private final long[] stamp;
        private final byte[] scratch;
        /** Reads consumed whose (end frame, stamp) pair the processing thread has not yet fitted. */
        private final long[] fitFrame;
        private final long[] fitStamp;
        private long fitHead;
        private long fitTail;
        private int pos;
        private volatile long tail;
        private volatile long head;
        private volatile boolean ended;
        private volatile Thread consumer;
        private long pairFrame;
        private long pairStamp;
        private final double queueSeconds;

        LineReader(TargetDataLine source, int bufferFrames) {
            this.source = source;
            this.frameSize = Math.max(1, source.getFormat().getFrameSize());
            this.readBytes = bufferFrames * frameSize;
            float rate = source.getFormat().getSampleRate();
            int slots = Integer.highestOneBit((int) Math.ceil(QUEUE_SECONDS * rate / bufferFrames) * 2 - 1);
            this.queueSeconds = slots * (double) bufferFrames / rate;
            this.mask = slots - 1;
            this.data = new byte[slots][readBytes];
            this.length = new int[slots];
            this.endFrame = new long[slots];
            this.stamp = new long[slots];
            this.scratch = new byte[readBytes];
            this.fitFrame = new long[slots];
            this.fitStamp = new long[slots];
        }

        /** The reader thread's loop. */
        void readLine() {
            long delivered = 0;
            boolean losing = false;
            try {
                while (!stopping) {
                    if (!source.isOpen()) {
                        fail("its line closed");
                        return;
                    }
                    long t = tail;
                    boolean full = t - head > mask;
                    byte[] buf = full ? scratch : data[(int) (t & mask)];
                    int n;
                    try {
                        n = source.read(buf, 0, readBytes);
                    } catch (RuntimeException e) {
                        fail("reading its line failed: " + why(e));
                        return;
                    }
                    if (n < 0) {
                        fail("its line ended");
                        return;
                    }
                    n -= n % frameSize;
                    if (n == 0) {
                        LockSupport.parkNanos(1_000_000L);
                        continue;
                    }
                    long now = clock.nanoTime();
                    if (full) {
                        if (!losing) {
                            LOG.warn("audio input: processing fell {} s behind the line; reads are lost until it catches up",
                                    String.format(java.util.Locale.ROOT, "%.2f", queueSeconds));
                        }
                        losing = true;
                        continue;
                    }
                    losing = false;
                    delivered += n / frameSize;
                    int slot = (int) (t & mask);
                    length[slot] = n;
                    endFrame[slot] = delivered;
                    stamp[slot] = now;
                    tail = t + 1;
                    LockSupport.unpark(consumer);
                }
            } finally {
                ended = true;
                LockSupport.unpark(consumer);
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("audio lines are read in frames");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int whole = len - len % frameSize;
            if (whole == 0) {
                return 0;
            }
            consumer = Thread.currentThread();
            while (true) {
                boolean done = ended; // before the tail: the reader's last slot is then seen
                long h = head;
                if (h != tail) {
                    int slot = (int) (h & mask);
                    int n = Math.min(whole, length[slot] - pos);
                    System.arraycopy(data[slot], pos, b, off, n);
                    pos += n;
                    if (pos == length[slot]) {
                        int f = (int) (fitTail & mask);
                        fitFrame[f] = endFrame[slot];
                        fitStamp[f] = stamp[slot];
                        fitTail++;
                        pos = 0;
                        head = h + 1;
                    }
                    return n;
                }
                if (done) {
                    return -1;
                }
                LockSupport.parkNanos(10_000_000L);
            }
        }

        /**
         * The clock map's next pair up to a frame, on the processing thread.
         *
         * @param frames frames processed
         * @return true with {@link #pairFrame}/{@link #pairStamp} set, false when none is left
         */
        boolean nextPair(long frames) {
            if (fitHead == fitTail || fitFrame[(int) (fitHead & mask)] > frames) {
                return false;
            }
            int f = (int) (fitHead & mask);
            pairFrame = fitFrame[f];
            pairStamp = fitStamp[f];
            fitHead++;
            return true;
        }
    }

    @Override
    public void close() {
        stop();
        if (line != null) {
            line.close();
        }
    }

    /**
     * Schedules the cancellation of one cue (with {@link Builder#cancelCues}); allocation free.
     *
     * @param cueEngineNanos when the engine sends the cue, engine nanos, ascending
     * @return false if cancellation is off or the queue is full
     */
    public boolean addCue(long cueEngineNanos) {
        return addCue(cueEngineNanos, Voice.BEAT, 100);
    }

    /**
     * Schedules the cancellation of one cue (with {@link Builder#cancelCues}); allocation free.
     *
     * @param cueEngineNanos when the cue sounds at the output, engine nanos, ascending
     * @param voice the cue's voice
     * @param velocity the velocity sent, 1..127
     * @return false if cancellation is off or the queue is full
     */
    public boolean addCue(long cueEngineNanos, Voice voice, int velocity) {
        if (canceller == null && streaming == null) {
            return false;
        }
        if (velocity < 1 || velocity > 127) {
            throw new IllegalArgumentException("cue velocity must be between 1 and 127, was " + velocity);
        }
        long tail = cueTail;
        if (tail - cueHead >= cueRing.length) {
            return false;
        }
        int slot = (int) (tail & (cueRing.length - 1));
        cueRing[slot] = cueEngineNanos;
        cueVoice[slot] = (byte) voice.ordinal();
        cueVelocity[slot] = (byte) velocity;
        cueTail = tail + 1;
        return true;
    }

    /**
     * The median cancellation depth of the last cues (with {@link Builder#cancelCues(CueReferences, Calibration)}),
     * read on the audio thread's latest value.
     *
     * @return dB, NaN before the first cue or without cancellation
     */
    public double cancellationDepthDb() {
        return depth;
    }

    /**
     * Whether the cues were searched for from the cues heard ({@link Builder#cancelCues(CueReferences)})
     * and not found in the first windows (headphones, speakers too quiet): onsets are then no
     * longer flagged as cue residue, while the search goes on; the audio thread's latest value.
     *
     * @return true while not heard
     */
    public boolean cuesNotHeard() {
        return cuesNotHeard;
    }

    /**
     * The output-to-input latency found from the cues heard (with {@link Builder#cancelCues(CueReferences)}),
     * or the calibration's latency plus the deviation tracked around it; the audio thread's latest value.
     *
     * @return nanos, NaN until found (or when the cues are not heard)
     */
    public double acousticLatencyNanos() {
        return acousticLatency;
    }

    /**
     * The engine time of a frame, under the current clock fit (any thread).
     *
     * @param frame the frame as read
     * @return engine nanos
     */
    public long nanosAt(long frame) {
        synchronized (mapLock) {
            return map.nanosAt(frame);
        }
    }

    /**
     * The frame read at an engine time, under the current clock fit (any thread).
     *
     * @param nanos engine nanos
     * @return the frame as read
     */
    public long frameAt(long nanos) {
        synchronized (mapLock) {
            return map.frameAt(nanos);
        }
    }

    /**
     * Frames read so far.
     *
     * @return the count
     */
    public long framesRead() {
        return framesRead;
    }

    /**
     * Frames found dropped so far.
     *
     * @return the count
     */
    public long droppedFrames() {
        return droppedFrames;
    }

    /**
     * Drops found so far.
     *
     * @return the count
     */
    public int dropCount() {
        return drops;
    }

    /**
     * The input clock's fitted drift against the engine clock.
     *
     * @return ppm
     */
    public double driftPpm() {
        return driftPpm;
    }

    /**
     * The spec it was opened with.
     *
     * @return the spec
     */
    public InputSpec spec() {
        return spec;
    }
}
