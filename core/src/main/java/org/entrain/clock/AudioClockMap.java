package org.entrain.clock;

/**
 * Maps an audio stream's frame counter to engine nanos by a running linear fit of
 * (frames, nanoTime) pairs, and detects dropped buffers. Not thread safe: one thread (the audio
 * thread) calls {@link #update} and reads the mapping.
 *
 * <p>Sound cards' sample clocks drift against the system clock by tens of ppm (100 ppm is 180 ms in
 * half an hour), so the nominal rate is not enough. Each {@link #update} gives a pair: frames read
 * so far and the engine time just after the read returned. Reads return late now and then (the
 * thread was not scheduled), never early, so of every {@code stride} pairs only the earliest
 * relative to the current line is kept; the last {@code window} kept pairs are fitted by least
 * squares ({@link LinearFit}; the host-time filter of Ableton Link works the same way), with a ridge prior pulling
 * the slope to the nominal rate (weight of +-100 ppm against 1 ms of jitter: short or bursty
 * histories stay near nominal, long ones follow the real drift). Until the kept pairs span one
 * second the slope is the nominal rate.
 *
 * <p>A dropped input buffer (an overrun) leaves the frame counter behind real time for good: every
 * later pair lies late by the same amount. A late read is late once. So a pair more than {@code
 * dropThresholdNanos} late starts a suspicion; when the next {@code confirmPairs} pairs are all
 * late too, the smallest of their lateness, in frames, is the number of frames dropped. From the
 * first late pair on, frames count as shifted by that many, so later onsets keep their true time.
 * The mapped time includes the input's constant latency (a frame is read after it was captured);
 * calibration measures and removes it.
 */
public final class AudioClockMap {

    private static final int MAX_DROPS = 4096;

    private final double nominalNanosPerFrame;
    private final int stride;
    private final int window;
    private final long dropThresholdNanos;
    private final long settleNanos;
    private final int confirmPairs;
    private final double priorWeight;
    private final long[] keptFrames;
    private final long[] keptNanos;
    private final LinearFit fit = new LinearFit();
    private int kept;
    private int keptHead;
    private long strideBestFrame;
    private long strideBestNanos;
    private double strideBestResidual = Double.MAX_VALUE;
    private int strideCount;
    private boolean anchored;
    private long anchorFrame;
    private long anchorNanos;
    private double slope;
    private double intercept;
    private long dropOffset;
    private final long[] dropAt = new long[MAX_DROPS];
    private final long[] dropCumulative = new long[MAX_DROPS];
    private int drops;
    private long suspectFrame = -1;
    private int suspectCount;
    private long suspectMinLate;
    private double suspectLastLate;

    /**
     * Creates a map.
     *
     * @param nominalRate the stream's nominal sample rate, in Hz (1000..384000)
     * @param stride pairs per kept pair (1..1024); e.g. 16 with 5 ms reads keeps one per 80 ms
     * @param window kept pairs fitted (2..4096)
     * @param dropThresholdNanos lateness above which a pair suggests a drop, in ns (more than 0;
     *        at least two buffer durations plus the worst scheduling delay expected)
     * @param settleNanos late pairs confirm a drop only once their lateness stays within this of
     *        each other, in ns (more than 0; less than one buffer duration: after a stall, reads
     *        return at once and their lateness falls by one buffer per read)
     * @param confirmPairs settled late pairs in a row that confirm a drop (1..64)
     * @throws IllegalArgumentException naming the value out of range
     */
    public AudioClockMap(double nominalRate, int stride, int window, long dropThresholdNanos, long settleNanos,
                         int confirmPairs) {
        if (!(nominalRate >= 1000 && nominalRate <= 384_000)) {
            throw new IllegalArgumentException("nominalRate must be between 1000 and 384000 Hz, was " + nominalRate);
        }
        if (stride < 1 || stride > 1024) {
            throw new IllegalArgumentException("stride must be between 1 and 1024, was " + stride);
        }
        if (window < 2 || window > 4096) {
            throw new IllegalArgumentException("window must be between 2 and 4096, was " + window);
        }
        if (dropThresholdNanos <= 0) {
            throw new IllegalArgumentException("dropThresholdNanos must be > 0, was " + dropThresholdNanos);
        }
        if (settleNanos <= 0) {
            throw new IllegalArgumentException("settleNanos must be > 0, was " + settleNanos);
        }
        if (confirmPairs < 1 || confirmPairs > 64) {
            throw new IllegalArgumentException("confirmPairs must be between 1 and 64, was " + confirmPairs);
        }
        this.nominalNanosPerFrame = 1e9 / nominalRate;
        this.slope = nominalNanosPerFrame;
        double priorSlopeSd = 100e-6 * nominalNanosPerFrame;
        this.priorWeight = 1e6 * 1e6 / (priorSlopeSd * priorSlopeSd);
        this.stride = stride;
        this.window = window;
        this.dropThresholdNanos = dropThresholdNanos;
        this.confirmPairs = confirmPairs;
        this.settleNanos = settleNanos;
        this.keptFrames = new long[window];
        this.keptNanos = new long[window];
    }

    /**
     * A map for reads of {@code bufferFrames}: stride 16, window 256 (tens of seconds of history),
     * drops suspected above two buffers plus 5 ms, confirmed by 3 pairs that agree within half a
     * buffer.
     *
     * @param nominalRate the sample rate, in Hz
     * @param bufferFrames frames per read (1 or more)
     * @return the map
     */
    public static AudioClockMap forBuffers(double nominalRate, int bufferFrames) {
        if (bufferFrames < 1) {
            throw new IllegalArgumentException("bufferFrames must be >= 1, was " + bufferFrames);
        }
        double buffer = bufferFrames * 1e9 / nominalRate;
        return new AudioClockMap(nominalRate, 16, 256, Math.round(2 * buffer) + 5_000_000L,
                Math.max(1, Math.round(buffer / 2)), 3);
    }

    /**
     * Adds a pair.
     *
     * @param framesRead frames read from the stream so far (as counted by the reader, without drops)
     * @param nanoTime engine time just after the read returned
     * @return frames found dropped by this update (0 almost always)
     */
    public long update(long framesRead, long nanoTime) {
        if (!anchored) {
            anchored = true;
            anchorFrame = framesRead;
            anchorNanos = nanoTime;
            intercept = 0;
            keep(framesRead, nanoTime);
            return 0;
        }
        long frame = framesRead + dropOffset;
        double late = nanoTime - predict(frame);
        if (late > dropThresholdNanos) {
            if (suspectFrame < 0) {
                suspectFrame = framesRead;
                suspectMinLate = (long) late;
                suspectCount = 1;
            } else if (Math.abs(late - suspectLastLate) > settleNanos) {
                suspectMinLate = (long) late;
                suspectCount = 1;
            } else {
                suspectMinLate = Math.min(suspectMinLate, (long) late);
                suspectCount++;
            }
            suspectLastLate = late;
            if (suspectCount >= confirmPairs) {
                long dropped = Math.round(suspectMinLate / slope);
                if (drops < MAX_DROPS) {
                    dropOffset += dropped;
                    dropAt[drops] = suspectFrame;
                    dropCumulative[drops] = dropOffset;
                    drops++;
                }
                suspectFrame = -1;
                return dropped;
            }
            return 0;
        }
        suspectFrame = -1;
        if (late < strideBestResidual) {
            strideBestResidual = late;
            strideBestFrame = frame;
            strideBestNanos = nanoTime;
        }
        if (++strideCount >= stride) {
            keep(strideBestFrame, strideBestNanos);
            strideCount = 0;
            strideBestResidual = Double.MAX_VALUE;
        }
        return 0;
    }

    private void keep(long frame, long nanos) {
        keptFrames[keptHead] = frame;
        keptNanos[keptHead] = nanos;
        keptHead = (keptHead + 1) % window;
        if (kept < window) {
            kept++;
        }
        fit();
    }

    private void fit() {
        fit.clear();
        for (int i = 0; i < kept; i++) {
            fit.add(keptFrames[i] - anchorFrame, keptNanos[i] - anchorNanos);
        }
        double span = fit.spanX() * nominalNanosPerFrame;
        // Ridge regression towards the nominal rate: a prior of +-100 ppm against 1 ms of read
        // jitter, so a few seconds of bursty reads cannot tilt the line by hundreds of ppm while
        // long windows follow the real drift.
        slope = span >= 1e9 ? fit.slopeToward(nominalNanosPerFrame, priorWeight) : nominalNanosPerFrame;
        intercept = fit.interceptFor(slope);
    }

    private double predict(long correctedFrame) {
        return anchorNanos + intercept + slope * (correctedFrame - anchorFrame);
    }

    /**
     * The engine time of a frame.
     *
     * @param frame a frame index as read (0 = first frame read), drops not included
     * @return engine nanos when that frame was read, drops accounted for
     */
    public long nanosAt(long frame) {
        return Math.round(predict(frame + offsetAt(frame)));
    }

    /**
     * The frame (as read) that is or will be read at an engine time; the inverse of {@link
     * #nanosAt} under the drops found so far: a time before a drop is not moved by it (a time
     * inside the frames a drop lost maps to the first frame read after them).
     *
     * @param nanos engine nanos
     * @return the frame index as read
     */
    public long frameAt(long nanos) {
        long real = Math.round((nanos - anchorNanos - intercept) / slope + anchorFrame);
        for (int i = drops - 1; i >= 0; i--) {
            long before = i > 0 ? dropCumulative[i - 1] : 0;
            if (real - (dropAt[i] + before) >= 0) {
                // dropAt is as read: frames from there on were lost and later ones shifted
                return Math.max(dropAt[i], real - dropCumulative[i]);
            }
        }
        return real;
    }

    /**
     * Where the latest drop was found: the frame (as read) from which later frames are shifted.
     *
     * @return the frame, or -1 before any drop
     */
    public long lastDropFrame() {
        return drops == 0 ? -1 : dropAt[drops - 1];
    }

    private long offsetAt(long frame) {
        long off = 0;
        for (int i = 0; i < drops; i++) {
            if (frame - dropAt[i] >= 0) {
                off = dropCumulative[i];
            }
        }
        return off;
    }

    /**
     * The fitted sample rate.
     *
     * @return frames per second of engine time
     */
    public double fittedRate() {
        return 1e9 / slope;
    }

    /**
     * The fitted drift of the audio clock against the engine clock.
     *
     * @return parts per million; positive when the audio clock runs fast
     */
    public double driftPpm() {
        return (nominalNanosPerFrame / slope - 1) * 1e6;
    }

    /**
     * Frames found dropped so far.
     *
     * @return the count
     */
    public long droppedFrames() {
        return dropOffset;
    }

    /**
     * Drops found so far.
     *
     * @return the count
     */
    public int dropCount() {
        return drops;
    }
}
