package org.entrain.cancel;

import java.util.Arrays;
import org.entrain.dsp.Biquad;
import org.entrain.dsp.Fft;
import org.entrain.onset.DetectorSettings;
import org.entrain.pattern.Voice;

/**
 * The live form of {@link CueCancellation}: subtracts each cue's exact reference (per voice and
 * velocity) from a stream, and writes the gate the detector takes as background. Not thread safe:
 * the audio thread feeds it and adds cues.
 *
 * <p>For a cue expected at input frame {@code f} (engine time plus the calibrated latency, on the
 * input's clock), the first 25 ms of its reference is correlated with the input over {@code f +
 * d +- maxLag}, where {@code d} is the tracked deviation at {@code f}: the median of the last 8
 * measured deviations, each moved to {@code f} along their Theil-Sen slope once 3 are measured
 * (so a steady drift is followed, up to 3000 ppm; a real loop's output mapping slewed at 1000 ppm
 * on a wrong rate), and once 3 cues are measured, +-1.5 ms around it. The peak of the correlation
 * is refined to a fraction of a sample (parabola): of either sign until a cue was cancelled, then
 * of the path's (the voice's gain sign: a tonal cue correlates -0.98 half a period off). The gain is
 * fitted by least squares over the whole reference (the median of the voice's last five fits is
 * used), and the scaled reference subtracted there with a cubic fractional delay. The depth of each cancellation (input energy over
 * residual energy in the detection band, over the reference's length) is kept per voice; the
 * gate is each cancelled cue's subtracted sound scaled by the residue of its voice (the second
 * best of its last 9 cues: a tap in a cue's window spoils that cue's figure) plus the margin
 * (with the room path 3 dB more, {@link #ROOM_MARGIN_DB}).
 *
 * <p><b>Without a calibration</b> (a {@code maxLatencySamples} of 0 or more) the given frames are
 * the cues' sound times on the input's clock and the latency is found from the cues heard: the raw
 * input from 0.2 s before the first cue is captured until the window's cues (from the first to
 * just after the third, 1.2-3 s) may all have arrived, 1 s late at first; {@link
 * CueCancellation#coarseCandidates} gives the candidate lags of their dry track (a steady beat
 * correlates a beat off nearly as well) and {@link CueCancellation#alignOne} aligns each cue's
 * attack around each; the candidate where they correlate best is taken when every cue of the
 * window aligns and two or more, and half, lie within 0.5 ms of their median, or when they move
 * one way by at most 4 ms a cue (a clock settling: on a real PulseAudio loop the first cues were
 * given 2-5 ms off the next, cue by cue, while the input's clock map settled). Not found, the window is searched again up to the most
 * latency (3 s from {@code LiveAudioInput}), then the next window is tried; after four, onsets are
 * no longer flagged (headphones), while the search goes on. Until found, {@link #unaligned(long)} is
 * true for every frame from the first cue on (and, after, for frames of the window's cues, not
 * cancelled); the capture's FFTs allocate, once per window. Once aligned, a cue whose dry
 * reference does not correlate 0.8 within 1.5 ms of its tracked frame, or 0.02 less than its
 * voice usually does (a tonal cue correlates 0.96 one period off), or peaks at the end of that
 * range, is searched for over the whole lag range (not with the room path, whose reflections
 * correlate there too); found more than 1.5 ms away, the tracker restarts from it (an output
 * underrun moves every later cue at once: 19 ms seen on a real PulseAudio loop). A cue found
 * nowhere in the range (a normalised correlation below 0.3 and, locked, a raw correlation under half
 * its voice's gain predicts, or a peak at the range's end) is not subtracted and onsets at it are
 * flagged (with a calibration, only once a cue was found: not with headphones); after two in a
 * row the latency is searched for again as at the start, the room path dropped and the gains
 * measured again (with a calibration, which gives the latency, after eight in a row onsets are no
 * longer flagged); from a lost cue until one is found again, every onset is flagged (a lost cue may
 * sound later than the lag range). Once the cues were heard, a search stops flagging only after 20
 * windows (4 before). A cancellation that leaves the cue's window 3 dB louder than it was is undone
 * and counts as lost.
 *
 * <p><b>Cut cues and input gaps</b>: a 5 ms block of a placed cue where the input, in the detection
 * band, holds less than a quarter of the energy the cue alone would put there (a tap adds energy;
 * only a cue not there takes it away: an output underrun played silence) is left unsubtracted and
 * gated by the whole cue; two such blocks among the cue's louder ones (the
 * cue stops part way) flag onsets in its window and keep it out of the gain, depth and latency.
 * The input's own lost frames ({@link #inputGap}) move the cues queued after them and are treated
 * the same way.
 *
 * <p><b>Room path</b> (a {@code roomSamples} above 0): fitted once, on the first window's cues (the
 * count-in: listen-only), by {@link CueCancellation#fitRoom} (the file path's fit, its last
 * fifth faded out), up to 80 ms before the next cue, or before one of the window's last two
 * cues where that cuts less of a cue's sound ({@link CueCancellation#fitEnd}), every cue placed
 * at the window's median deviation; the window's cues are then re-aligned with their filtered references (normalised
 * correlation, as later cues are searched with them) and the path
 * refitted (three fits: in a room a voice's dry attack aligns off the direct path by a constant
 * of its own, and the given frames are a fraction of a sample off). With a room path, a window
 * whose earliest two or more cues agree and whose others all align later (on a reflection, or a
 * period on) is found too, at the earliest ones, and a cue aligned later than the window's
 * earliest that matches there as well is taken there ({@code earliestArrivals}). The path is kept only if it leaves 1 dB less in the
 * detection band than the dry reference on the window ({@link #roomGainDb()}); then every
 * reference is filtered with it (cut to the template length, a 20 ms fade) and later cues are
 * aligned with and subtract the filtered one. The fit allocates, once. Not tracked after that.
 * Past the path's end nothing is cancelled: from each cancelled cue's fade on, the gate adds the
 * room's unmodelled tail, as in the file path ({@link CueCancellation#unmodelledTail}, its level
 * measured on the window's residual past each cue's fade, up to where it sinks under the noise).
 * The tails, summed per input sample from a ring of the last 16 cues', allocate nothing.
 *
 * <p><b>Depth, frozen around onsets</b>: a cancelled cue's depth counts only once the detector has
 * passed it with no tap within its window ({@link #onsetAt(long)}); the window's cues seed it,
 * measured as a live cue is (each voice at most the window's overall depth, as in the file path).
 *
 * <p>The output and the gate are the input delayed by {@link #delaySamples()} samples: the longest
 * reference plus the lag range. References are taken from {@link CueReferences} when a (voice,
 * velocity) is first seen (rendering it once, on the audio thread); afterwards no allocation.
 */
public final class StreamingCueCanceller {

    private static final int RECENT = 5;
    /** Cues the tracker fits its line through. */
    private static final int TRACK = 8;
    /** From this many cues on the tracker follows a slope (before, their median). */
    private static final int SLOPE_CUES = 3;
    /** The largest drift the tracker follows, samples per sample (3000 ppm). */
    private static final double MAX_SLOPE = 0.003;
    private static final int DEPTHS = 9;
    /**
     * The gate's extra margin with the room path, dB. A fitted path's residue is highest in the
     * first fraction of a millisecond of each cue's attack, where the subtracted sound, which the
     * gate follows, is still small: in room 300 at RT60 0.4 (the session's default pattern) every
     * gated candidate peaked 8-45 samples after its onset at 1.37-1.62 times the gate's peak 1.7 ms
     * later, against the detector's 1.41; 5 passed as taps (41 with the input's clock drifting 60
     * ppm). With 3 dB more: none (2 drifting), and no cue as a tap in the rooms' mixes with taps.
     */
    static final double ROOM_MARGIN_DB = 3;

    private final CueReferences refs;
    private final float[][] templates = new float[Voice.values().length * 128][];
    private final int maxTemplate;
    private final int maxLag;
    private final int attack;
    private final int locked;
    private final int delay;
    private final double marginDb;
    private final float[] ring;
    private final float[] gateRing;
    private final int mask;
    private final long[] cueFrames;
    private final int[] cueKeys;
    private final float[] work;
    private final double[] corr;
    // The tracker: the last TRACK cues' deviations, at their given frames (a ring).
    private final long[] trackFrame = new long[TRACK];
    private final double[] trackDev = new double[TRACK];
    private final double[] slopes = new double[TRACK * (TRACK - 1) / 2];
    private final double[] predicted = new double[TRACK];
    // The tracker's line: its deviation at trackFrom (a given frame), and its slope (samples per sample).
    private double trackAt;
    private long trackFrom;
    private double trackSlope;
    private final double[] recentSorted = new double[RECENT];
    private int polarity;
    private final double[] lagrange = new double[4];
    private final double[][] gains = new double[Voice.values().length * 128][RECENT];
    private final int[] gainCount = new int[Voice.values().length * 128];
    private final double[][] ncs = new double[Voice.values().length * 128][RECENT];
    // Per 5 ms block of a placed cue: its energy and the input's in the detection band (missingFrom).
    private final Biquad hpCutX;
    private final Biquad lpCutX;
    private final Biquad hpCutV;
    private final Biquad lpCutV;
    private final int cutBlock;
    private final double[] blockCue;
    private final double[] blockIn;
    private final boolean[] blockSkip;
    // The last input gaps (inputGap), as input frames.
    private final long[] gaps = new long[16];
    private int gapCount;
    private final int[] ncCount = new int[Voice.values().length * 128];
    private int currentKey;
    private final double[] sorted = new double[DEPTHS];
    private final double[][] depthHist = new double[Voice.values().length * 128][DEPTHS];
    private final int[] depthCount = new int[Voice.values().length * 128];
    private final double[] bandEnergy = new double[Voice.values().length * 128];
    private final Biquad hpIn;
    private final Biquad lpIn;
    private final Biquad hpOut;
    private final Biquad lpOut;
    private int nRecent;
    private int head;
    private int tail;
    private long lastCue = Long.MIN_VALUE;
    private long n;
    private int cancelled;

    // Acquisition (no calibration): see the class comment.
    private static final int ALIGNED = 0;
    private static final int ACQUIRING = 1;
    private static final int NOT_HEARD = 2;
    private static final float PRE_SECONDS = 0.2f;
    private static final float SPAN_MIN_SECONDS = 1.2f;
    private static final float SPAN_MAX_SECONDS = 3.0f;
    private static final int SPAN_CUES = 3;
    private static final int MAX_FAILURES = 4;
    /** Windows searched in vain, once the cues were heard and lost, before onsets are no longer flagged. */
    private static final int HEARD_FAILURES = 20;
    /** Blocks of a dry cue judged for a cut: from this fraction of its loudest block's energy on (-20 dB). */
    private static final double DRY_CUT_BLOCK = 1e-2;
    /** The same with the room path, whose tail is fitted, not known (-10 dB). */
    private static final double ROOM_CUT_BLOCK = 1e-1;
    private static final int CANDIDATES = 16;
    /** Below this normalised correlation in the locked range, the whole range is searched. */
    private static final double RELOCK = 0.8;
    /** Cues in a row not found anywhere in the lag range before the latency is searched for again. */
    private static final int LOST_CUES = 2;
    /** A cancellation that leaves this much more than it took (dB, negative) is undone. */
    private static final double UNDO_DB = -3;
    /** With a calibration (no search), cues in a row not found before onsets at them are no longer flagged. */
    private static final int NOT_HEARD_CUES = 8;
    private int lostInRow;
    private double bestAbs;
    private static final int ROOM_CHECKS = 3;
    /**
     * The fitted path's last fifth (60 ms) fades out: past its end the room's tail is left in the
     * residual, and where it came back within 30 ms (the file path's fade) a loud cue's tail read
     * as an onset (RT60 0.8: one 282 ms after every accent, strength 0.026, counted as a tap). A
     * longer fade leaves more of the tail: in silence, at RT60 0.5, a third left onsets too.
     */
    private static final double ROOM_FADE = 0.2;
    private int roomChecks;
    private int roomLosses;
    /** How far from the window's median deviation a cue may align and count, s. */
    private static final float INLIER_SECONDS = 0.0005f;
    private final int inlier;
    private final int settleStep;
    /** A window is searched up to this latency first, then (if not found there) up to the most. */
    private static final float QUICK_SECONDS = 1.0f;
    private final int quick;
    private boolean wide;
    private final int maxLatency;
    private final int pre;
    private final int spanMin;
    private final int spanMax;
    private int span;
    private int acqNeeded;
    private final int verifyWindow;
    private final int flagMargin;
    private final float[] acq;
    private final double[] acqFrames;
    private final float[][] acqRefs;
    private final int[] acqSign;
    private final double[] acqDev;
    private final long[] winFrames;
    private final int[] winKeys;
    private int winCount;
    private final int roomTaps;
    private final float[][] filtered = new float[Voice.values().length * 128][];
    private float[] room;
    /** The path's unmodelled tail ({@link CueCancellation#unmodelledTail}), or null: for the gate only. */
    private float[] roomTail;
    /** Each sound convolved with {@link #roomTail}, on the filtered references' time axis (null without it). */
    private final float[][] tails = new float[Voice.values().length * 128][];
    /** The tail's level from the count-in's residual ({@link CueCancellation#tailGain}). */
    private double tailGain;
    /** The window's residual noise floor in the band, mean energy per sample: tails end under it. */
    private double tailNoise;
    /** Where a tail starts on the filtered references' time axis: the path's fade. */
    private int tailFrom;
    /** The cancelled cues' tails still sounding: where each one's sample 0 is, its sound and its gain. */
    private final long[] tailAt = new long[16];
    private final int[] tailKey = new int[16];
    private final double[] tailAmp = new double[16];
    private int tailCount;
    /** The tails' band-energy estimate, added to the gate ({@link #tails}). */
    private final float[] tailRing;
    private final int[] pendKey = new int[64];
    private final long[] pendFrom = new long[64];
    private final long[] pendTo = new long[64];
    private final double[] pendDepth = new double[64];
    private final double[] pendEnergy = new double[64];
    private final boolean[] pendSpoiled = new boolean[64];
    private int pendHead;
    private int pendTail;
    private final int guard;
    private final int commitLag;
    private double roomGainDb = Double.NaN;
    /** The sample of a filtered reference that is the cue's direct sound. */
    private int roomPre = CueCancellation.PRE_TAPS;
    private final double[] roomFrames = new double[64];
    private final DetectorSettings band;
    private boolean roomTried;
    private int state;
    private int failures;
    private long acqStart = Long.MIN_VALUE;
    private int acqFilled;
    private long firstCueEver = Long.MIN_VALUE;
    private long unalignedUntil = Long.MIN_VALUE;
    /** From this frame on onsets are flagged until a cue is found again (a cue was lost), or MIN_VALUE. */
    private long lostFrom = Long.MIN_VALUE;

    /**
     * Creates a canceller.
     *
     * @param refs the exact cue sounds, at the stream's rate
     * @param band the detector tuning (its band measures the depth)
     * @param maxLagSamples how far a cue may be from its expected frame, samples (0..8192)
     * @param maxTemplateSamples references are cut to this length, samples (64 or more)
     * @param maxPendingCues how many cues may be queued ahead (1 or more)
     * @param marginDb the gate's margin over the measured residue, dB
     */
    public StreamingCueCanceller(CueReferences refs, DetectorSettings band, int maxLagSamples, int maxTemplateSamples,
                          int maxPendingCues, double marginDb) {
        this(refs, band, maxLagSamples, maxTemplateSamples, maxPendingCues, marginDb, -1);
    }

    /**
     * Creates a canceller that finds the output-to-input latency itself, from the cues it hears
     * (no calibration): see the class comment.
     *
     * @param refs the exact cue sounds, at the stream's rate
     * @param band the detector tuning (its band measures the depth)
     * @param maxLagSamples how far a cue may be from its tracked frame once aligned, samples (0..8192)
     * @param maxTemplateSamples references are cut to this length, samples (64 or more)
     * @param maxPendingCues how many cues may be queued ahead (1 or more)
     * @param marginDb the gate's margin over the measured residue, dB
     * @param maxLatencySamples the latest a cue may arrive after its given frame, samples (0..10 s);
     *        negative: no acquisition (the given frames hold the calibrated latency)
     */
    public StreamingCueCanceller(CueReferences refs, DetectorSettings band, int maxLagSamples, int maxTemplateSamples,
                          int maxPendingCues, double marginDb, int maxLatencySamples) {
        this(refs, band, maxLagSamples, maxTemplateSamples, maxPendingCues, marginDb, maxLatencySamples, 0);
    }

    /**
     * Creates a canceller that may find the latency itself and fits the room.
     *
     * @param refs the exact cue sounds, at the stream's rate
     * @param band the detector tuning (its band measures the depth)
     * @param maxLagSamples how far a cue may be from its tracked frame once aligned, samples (0..8192)
     * @param maxTemplateSamples references (room-filtered ones too) are cut to this length, samples (64 or more)
     * @param maxPendingCues how many cues may be queued ahead (1 or more)
     * @param marginDb the gate's margin over the measured residue, dB
     * @param maxLatencySamples the latest a cue may arrive after its given frame, samples (0..10 s);
     *        negative: no acquisition (the given frames hold the calibrated latency)
     * @param roomSamples the speaker and room path's length, samples (0: none fitted)
     */
    public StreamingCueCanceller(CueReferences refs, DetectorSettings band, int maxLagSamples, int maxTemplateSamples,
                          int maxPendingCues, double marginDb, int maxLatencySamples, int roomSamples) {
        if (maxLagSamples < 0 || maxLagSamples > 8192 || maxTemplateSamples < 64 || maxPendingCues < 1) {
            throw new IllegalArgumentException("lag 0..8192, template 64 or more and 1 or more pending cues, were "
                    + maxLagSamples + ", " + maxTemplateSamples + ", " + maxPendingCues);
        }
        this.refs = refs;
        this.band = band;
        this.guard = Math.round(0.01f * refs.sampleRate());
        this.commitLag = (int) Math.round((band.postWindowMs() + 30) / 1000.0 * refs.sampleRate());
        this.maxLag = maxLagSamples;
        this.maxTemplate = maxTemplateSamples;
        this.attack = Math.min(maxTemplateSamples, Math.round(0.025f * refs.sampleRate()));
        this.cutBlock = Math.max(1, Math.round(0.005f * refs.sampleRate()));
        this.hpCutX = Biquad.highPass(band.lowHz(), refs.sampleRate());
        this.lpCutX = Biquad.lowPass(band.highHz(), refs.sampleRate());
        this.hpCutV = Biquad.highPass(band.lowHz(), refs.sampleRate());
        this.lpCutV = Biquad.lowPass(band.highHz(), refs.sampleRate());
        this.blockCue = new double[(maxTemplateSamples + 2) / cutBlock + 2];
        this.blockIn = new double[blockCue.length];
        this.blockSkip = new boolean[blockCue.length];
        this.locked = Math.max(2, Math.round(0.0015f * refs.sampleRate()));
        this.marginDb = marginDb;
        this.delay = maxTemplateSamples + 2 * maxLagSamples + 4;
        int size = Integer.highestOneBit(2 * delay + 16) << 1;
        this.ring = new float[size];
        this.gateRing = new float[size];
        this.tailRing = new float[size];
        this.mask = size - 1;
        this.cueFrames = new long[maxPendingCues];
        this.cueKeys = new int[maxPendingCues];
        this.work = new float[maxTemplateSamples + 2 * maxLagSamples + 8];
        this.corr = new double[2 * Math.max(maxLagSamples, Math.round(0.025f * refs.sampleRate())) + 3];
        this.hpIn = Biquad.highPass(band.lowHz(), refs.sampleRate());
        this.lpIn = Biquad.lowPass(band.highHz(), refs.sampleRate());
        this.hpOut = Biquad.highPass(band.lowHz(), refs.sampleRate());
        this.lpOut = Biquad.lowPass(band.highHz(), refs.sampleRate());
        if (maxLatencySamples > 10 * refs.sampleRate()) {
            throw new IllegalArgumentException("the latency to search must be at most 10 s, was " + maxLatencySamples + " samples");
        }
        float rate = refs.sampleRate();
        this.maxLatency = maxLatencySamples;
        this.pre = Math.round(PRE_SECONDS * rate);
        this.spanMin = Math.round(SPAN_MIN_SECONDS * rate);
        this.spanMax = Math.round(SPAN_MAX_SECONDS * rate);
        this.span = spanMax;
        this.verifyWindow = Math.round(0.006f * rate);
        this.inlier = Math.round(INLIER_SECONDS * rate);
        this.settleStep = Math.round(0.004f * rate);
        this.quick = Math.round(QUICK_SECONDS * rate);
        this.flagMargin = Math.round(0.05f * rate);
        this.roomTaps = Math.max(0, roomSamples);
        state = maxLatencySamples >= 0 ? ACQUIRING : ALIGNED;
        if (maxLatencySamples >= 0 || roomSamples > 0) {
            acq = new float[pre + spanMax + Math.max(maxLatencySamples, maxLagSamples) + maxTemplateSamples
                    + 2 * verifyWindow + 8];
            acqFrames = new double[64];
            acqRefs = new float[64][];
            acqSign = new int[64];
            acqDev = new double[64];
            winFrames = new long[64];
            winKeys = new int[64];
        } else {
            acq = null;
            acqFrames = null;
            acqRefs = null;
            acqSign = null;
            acqDev = null;
            winFrames = null;
            winKeys = null;
        }
    }

    /**
     * Whether an onset at this input frame cannot be told from the cues: the cues are being
     * searched for (from the first cue's given frame on, until the latency is found) or sounded
     * before the latency was found (uncancelled).
     *
     * @param frame the onset's input frame
     * @return true if it must be flagged {@link org.entrain.onset.Onset#CUE_RESIDUE}
     */
    public boolean unaligned(long frame) {
        if (firstCueEver == Long.MIN_VALUE || frame - (firstCueEver - flagMargin) < 0) {
            return false;
        }
        return state == ACQUIRING || frame < unalignedUntil || lostFrom != Long.MIN_VALUE && frame - lostFrom >= 0;
    }

    /**
     * The input lost frames at this frame (a capture overrun, found from the read times). The
     * cues queued from there on were given on the time line before the loss: each now arrives that
     * many frames earlier, and is moved so. Onsets from the output's current frame to the longest
     * reference past the gap are flagged: a cue the gap cut cannot be cancelled (its rest arrives
     * early against the reference), and the cut itself reads as a click (on a saturated machine a
     * real loop's input lost 20 ms three times a cue, and every cue came through as a tap).
     * Allocation free.
     *
     * @param frame the input frame (as read) the later frames are shifted from
     * @param lost how many frames were lost there (0 or more)
     */
    public void inputGap(long frame, long lost) {
        unalignedUntil = Math.max(unalignedUntil, frame + maxTemplate + flagMargin);
        gaps[gapCount++ % gaps.length] = frame;
        long previous = Long.MIN_VALUE;
        for (int q = head; q != tail; q++) {
            int i = q % cueFrames.length;
            if (cueFrames[i] - frame >= 0) {
                cueFrames[i] = previous == Long.MIN_VALUE ? cueFrames[i] - lost : Math.max(previous, cueFrames[i] - lost);
            }
            previous = cueFrames[i];
        }
        if (head != tail) {
            lastCue = cueFrames[(tail - 1) % cueFrames.length];
        }
    }

    /**
     * The cues' arrival in the input after their given frame, as found: the tracked deviation, samples
     * (NaN while acquiring or when the cues were not heard).
     *
     * @return fractional samples
     */
    public double latencySamples() {
        return state == ALIGNED && nRecent > 0 ? deviationAt(trackFrame[(nRecent - 1) % TRACK]) : Double.NaN;
    }

    /**
     * Whether the cues were searched for and not found (four windows of cues without a consistent
     * latency: headphones, or a microphone too far): onsets are no longer flagged, and nothing is
     * cancelled until a later window finds them.
     *
     * @return true while not heard
     */
    public boolean notHeard() {
        return state == NOT_HEARD;
    }

    /** How many samples the output and the gate lag the input (the longest reference plus the lag range). */
    public int delaySamples() {
        return delay;
    }

    int cancelledCount() {
        return cancelled;
    }

    /**
     * The cancellation depth of the voice loudest in the detection band: the second best of its
     * last 9 cancellations, dB (NaN before the first). A voice mostly outside the band (a hi-hat) has no
     * meaningful depth there: its in-band residual is the noise floor and the previous cue's tail.
     */
    public double depthDb() {
        int loudest = -1;
        for (int k = 0; k < bandEnergy.length; k++) {
            if (depthCount[k] > 0 && (loudest < 0 || bandEnergy[k] > bandEnergy[loudest])) {
                loudest = k;
            }
        }
        return loudest < 0 ? Double.NaN : depthOf(loudest);
    }

    private double depthOf(int key) {
        int m = Math.min(depthCount[key], DEPTHS);
        if (m == 0) {
            return Double.NaN;
        }
        System.arraycopy(depthHist[key], 0, sorted, 0, m);
        Arrays.sort(sorted, 0, m);
        // Second best of the last 9 (the best of two): a tap inside a cue's window lowers that cue's
        // figure, so the cue-only cues (the count-in, missed beats) are the ones that measure the canceller.
        return sorted[m >= 3 ? m - 2 : m - 1];
    }

    /**
     * Schedules a cue, in ascending frame order, before the input reaches it.
     *
     * @return false if the queue is full or the frame does not ascend
     */
    public boolean addCue(long frame, Voice voice, int velocity) {
        if (tail - head == cueFrames.length || (lastCue != Long.MIN_VALUE && frame - lastCue < 0)) {
            return false;
        }
        int key = voice.ordinal() * 128 + velocity;
        if (templates[key] == null) {
            float[] s = refs.sound(voice, velocity);
            templates[key] = Arrays.copyOf(s, Math.min(s.length, maxTemplate));
        }
        cueFrames[tail % cueFrames.length] = frame;
        cueKeys[tail % cueFrames.length] = key;
        tail++;
        lastCue = frame;
        if (firstCueEver == Long.MIN_VALUE) {
            firstCueEver = frame;
        }
        if (room != null && filtered[key] == null) {
            filter(key);
        }
        if (acq != null && !roomTried && acqStart == Long.MIN_VALUE) {
            roomTried = state == ALIGNED;
            startCapture(frame);
        } else if (acqStart != Long.MIN_VALUE) {
            record(frame, key);
        }
        return true;
    }

    /** Feeds input; writes the delayed residual to {@code out} and the delayed gate to {@code gate}. */
    public void process(float[] in, int inOffset, int length, float[] out, float[] gate, int outOffset) {
        for (int k = 0; k < length; k++) {
            int slot = (int) (n & mask);
            ring[slot] = in[inOffset + k];
            gateRing[slot] = 0;
            tailRing[slot] = tailCount == 0 ? 0f : tailAt(n);
            n++;
            if (acqStart != Long.MIN_VALUE) {
                capture(in[inOffset + k]);
            }
            while (state == ALIGNED && head != tail) {
                long f = cueFrames[head % cueFrames.length];
                currentKey = cueKeys[head % cueFrames.length];
                float[] t = templates[currentKey];
                long centre = f + Math.round(deviationAt(f));
                // Due once all of what is subtracted has arrived (the room-filtered sound runs longer).
                int after = filtered[currentKey] != null ? filtered[currentKey].length - roomPre : t.length;
                if (n - (centre + maxLag + after + 2) < 0) {
                    break;
                }
                head++;
                if (centre - maxLag - 1 - (n - 1 - delay) <= 0) {
                    // Already partly passed on (a cue of the acquisition window): not cancelled, so
                    // onsets until its sound has passed are flagged.
                    unalignedUntil = Math.max(unalignedUntil, centre + maxLag + t.length);
                    continue;
                }
                cancel(f, centre, t);
            }
            long o = n - 1 - delay;
            // The detector has seen a pending cue once the output is past it by its window.
            while (pendHead != pendTail && o - (pendTo[pendHead % pendKey.length] + commitLag) > 0) {
                commit(pendHead++);
            }
            out[outOffset + k] = o < 0 ? 0f : ring[(int) (o & mask)];
            gate[outOffset + k] = o < 0 ? 0f : gateRing[(int) (o & mask)] + tailRing[(int) (o & mask)];
        }
    }

    /** Starts a capture window whose first cue is given at {@code firstFrame}; keeps what is already there. */
    private void startCapture(long firstFrame) {
        long start = firstFrame - pre;
        long oldStart = acqStart;
        int oldFilled = acqFilled;
        int filled = 0;
        // Frames from start to the newest input: from the old window (shifted down, so reading
        // ahead of writing) or the ring (not yet cancelled: no cue before the window's first).
        for (long f = start; f < n && filled < acq.length; f++) {
            float v;
            if (oldStart != Long.MIN_VALUE && f - oldStart >= 0 && f - oldStart < oldFilled) {
                v = acq[(int) (f - oldStart)];
            } else if (f >= 0 && n - f <= ring.length) {
                v = ring[(int) (f & mask)];
            } else {
                v = 0f;
            }
            acq[filled++] = v;
        }
        acqStart = start;
        wide = false;
        acqFilled = Math.max(0, filled);
        winCount = 0;
        for (int q = head; q != tail; q++) {
            record(cueFrames[q % cueFrames.length], cueKeys[q % cueFrames.length]);
        }
    }

    /** Notes a cue of the capture window and updates its span. */
    private void record(long frame, int key) {
        long first = acqStart + pre;
        if (frame - first < 0 || frame - first >= spanMax || winCount == winFrames.length) {
            return;
        }
        winFrames[winCount] = frame;
        winKeys[winCount] = key;
        winCount++;
        windowSpan();
    }

    /**
     * The window: from its first cue to just after its third, at least 1.2 s, at most 3 s (3 s
     * while fewer than three cues are known); complete once its last cue may have arrived. (Four,
     * a 4/4 count-in bar, tried: without drift the default pattern's RT60 0.4 rooms 300 and 307
     * gave 1 and 0 cue-only taps, not 5 and 1; but with the input's clock drifting 60 ppm, 58 in
     * 8 of 24 rooms at RT60 0.2 and 0.4, against 3 in 2.)
     */
    private void windowSpan() {
        long first = acqStart + pre;
        span = winCount >= SPAN_CUES ? (int) Math.max(spanMin, winFrames[SPAN_CUES - 1] - first + 1) : spanMax;
        // Acquiring, the latest a cue may arrive plus its attack; else its whole tail, for the room fit.
        int late = state != ALIGNED ? searched() + attack : maxLag + maxTemplate;
        acqNeeded = Math.min(acq.length, pre + span + late + 2 * verifyWindow + 8);
    }

    /**
     * Whether the window's deviations move one way only, by at most 4 ms from cue to cue (steps
     * under a quarter of the inlier tolerance count as none).
     */
    private boolean settling(int m) {
        int sign = 0;
        for (int k = 1; k < m; k++) {
            double step = acqDev[k] - acqDev[k - 1];
            if (Math.abs(step) > settleStep) {
                return false;
            }
            int s = step > inlier / 4.0 ? 1 : step < -inlier / 4.0 ? -1 : 0;
            if (s != 0) {
                if (sign != 0 && s != sign) {
                    return false;
                }
                sign = s;
            }
        }
        return true;
    }

    /**
     * With a room, each cue aligned later than the window's earliest that also correlates there
     * (a peak inside the tolerance of it, normalised correlation 0.3 or more) and whose first
     * millisecond matches there at least as well as where it aligned is taken there: a room's
     * reflections arrive after its direct sound, and a tonal cue correlates most where its direct
     * sound and an early reflection overlap. (Held-out room 426 at RT60 0.8, the default pattern:
     * the count-in's accent aligned on its direct sound, its two beats 2.9 and 5.8 ms later, two
     * and four periods of the beat; taken for an output settling, the lock came out 0.8 ms off and
     * 94 cue residues were reported as taps. There the first millisecond matched 0.99 and 1.00 on
     * the direct sound, 0.98 and 0.93 where they aligned.) A settling output is untouched: its
     * later-arriving cues correlate at an earlier lag a period or two off (0.92 and 0.88 in the
     * drifting test), but their first millisecond there meets the silence before their sound (0.10
     * and 0.59, against 1.00).
     */
    private void earliestArrivals(int m, double[] sched, float[][] ref) {
        double e = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            if (acqDev[k] < e) {
                e = acqDev[k];
            }
        }
        if (Double.isInfinite(e)) {
            return;
        }
        int[] sign = new int[m];
        double[] score = new double[m];
        for (int k = 0; k < m; k++) {
            if (!(acqDev[k] - e > inlier)) {
                continue;
            }
            double centre = sched[k] + e;
            double at = CueCancellation.alignOne(acq, ref[k], attack, centre, inlier, sign, k, score);
            double early = onsetMatch(ref[k], at);
            double late = onsetMatch(ref[k], sched[k] + acqDev[k]);
            if (!Double.isNaN(at) && Math.abs(at - centre) < inlier - 1 && early >= late) {
                acqDev[k] = at - sched[k];
                acqSign[k] = sign[k];
            }
        }
    }

    /**
     * How well the reference's first millisecond matches the capture from {@code pos} (normalised
     * correlation, 0..1; 0 where the capture is silent or out of range).
     */
    private double onsetMatch(float[] ref, double pos) {
        if (Double.isNaN(pos)) {
            return 0;
        }
        int len = Math.min(ref.length, Math.round(0.001f * refs.sampleRate()));
        int s0 = (int) Math.round(pos);
        if (s0 < 0 || s0 + len > acq.length) {
            return 0;
        }
        double c = 0;
        double ea = 0;
        double ey = 0;
        for (int i = 0; i < len; i++) {
            c += acq[s0 + i] * ref[i];
            ea += ref[i] * ref[i];
            ey += acq[s0 + i] * acq[s0 + i];
        }
        return ea > 0 && ey > 0 ? Math.abs(c) / Math.sqrt(ea * ey) : 0;
    }

    /** The latest arrival searched in the current window: 1 s first, then the most. */
    private int searched() {
        return wide ? maxLatency : Math.min(maxLatency, quick);
    }

    private void capture(float x) {
        if (acqStart == Long.MIN_VALUE) {
            return;
        }
        long i = n - 1 - acqStart;
        if (i < 0) {
            return;
        }
        if (i < acq.length) {
            acq[(int) i] = x;
            acqFilled = (int) i + 1;
        }
        if (acqFilled >= acqNeeded) {
            acquire();
        }
    }

    /**
     * Aligns the cues of the capture window: while acquiring, around each candidate lag of their
     * dry track ({@link CueCancellation#coarseCandidates}, PHAT), keeping the one where they
     * correlate best, else around the tracked deviation; each cue's attack by {@link
     * CueCancellation#alignOne}. The latency is found as the class comment says; then the room is
     * fitted on the window ({@link CueCancellation#fitRoom}) unless the cues moved.
     */
    private void acquire() {
        float rate = refs.sampleRate();
        int m = 0;
        for (int k = 0; k < winCount && m < acqFrames.length; k++) {
            if (winFrames[k] - acqStart - pre >= span) {
                break;
            }
            acqFrames[m] = winFrames[k] - acqStart;
            acqRefs[m] = refs.sound(Voice.values()[winKeys[k] / 128], winKeys[k] % 128);
            m++;
        }
        int inliers = 0;
        int found = 0;
        double median = Double.NaN;
        double earliest = Double.NaN;
        int early = 0;
        Arrays.fill(acq, acqFilled, acq.length, 0f);
        boolean acquiring = state != ALIGNED;
        if (m > 0) {
            double[] sched = Arrays.copyOf(acqFrames, m);
            float[][] ref = Arrays.copyOf(acqRefs, m);
            // Acquiring, each candidate lag of the dry track is tried and the one where the cues
            // align best is kept (a steady beat correlates one beat off nearly as well); else the
            // tracked deviation.
            double[] lags = acquiring ? CueCancellation.coarseCandidates(acq, rate, sched, ref, searched() / (double) rate,
                    (pre + span) / (double) rate, 0.002, CANDIDATES) : new double[] {deviationAt(winFrames[0])};
            int window = acquiring ? verifyWindow : maxLag;
            double[] dev = new double[m];
            double[] score = new double[m];
            int[] sign = new int[m];
            double bestScore = -1;
            for (double lag : lags) {
                double total = 0;
                for (int k = 0; k < m; k++) {
                    double at = CueCancellation.alignOne(acq, ref[k], attack, sched[k] + lag, window, sign, k, score);
                    dev[k] = Double.isNaN(at) ? Double.NaN : at - sched[k];
                    total += score[k];
                }
                if (total > bestScore) {
                    bestScore = total;
                    System.arraycopy(dev, 0, acqDev, 0, m);
                    System.arraycopy(sign, 0, acqSign, 0, m);
                }
            }
            if (roomTaps > 0) {
                earliestArrivals(m, sched, ref);
            }
            for (int k = 0; k < m; k++) {
                if (!Double.isNaN(acqDev[k])) {
                    found++;
                }
            }
            if (found > 0) {
                double[] d = new double[found];
                int j = 0;
                for (int k = 0; k < m; k++) {
                    if (!Double.isNaN(acqDev[k])) {
                        d[j++] = acqDev[k];
                    }
                }
                Arrays.sort(d);
                // Of an even count, the lower middle one: a room's reflections arrive after its
                // direct sound, so a tie between cues aligned on the direct sound and cues aligned on
                // a reflection is the direct one's (RT60 0.2: an accent and a beat aligned 5-6 ms
                // late, two subs on the direct sound; the upper middle failed that window, and the
                // path fitted on the next, which held no accent, left the accents 15 dB as taps).
                median = d[(found - 1) / 2];
                for (int k = 0; k < m; k++) {
                    if (Math.abs(acqDev[k] - median) <= inlier) {
                        inliers++;
                    }
                }
                // The earliest cue and those within the tolerance of it, if two or more.
                while (early < found && d[early] - d[0] <= inlier) {
                    early++;
                }
                if (early >= 2) {
                    earliest = d[(early - 1) / 2];
                }
            }
        }
        // Every cue of the window must correlate where the lag puts it: at a lag one or two beats
        // off, the cues of the same voice fall on each other's sound and agree, while those of
        // another voice (the accent) find nothing (seen on a PulseAudio loop of 1.2 s).
        boolean ok = m > 0 && inliers >= 2 && 2 * inliers >= m && (!acquiring || found == m);
        if (acquiring && !ok && roomTaps > 0 && found == m && m >= 3 && !Double.isNaN(earliest)) {
            // Or, with a room, the earliest two or more agree and every other cue aligned later: on
            // a reflection or a period on (a tonal cue correlates 0.96 there), never before the
            // direct sound (RT60 0.2: an accent 5.1 ms and two beats 6.0 ms late, two subs on the
            // direct sound). The path is fitted from them, and kept only if it beats the dry reference.
            median = earliest;
            inliers = early;
            ok = true;
        }
        // Or every cue aligned, on a steady trend: a real PulseAudio loop's latency fell by 2 ms a
        // cue over its first cues (and then settled), so they did not agree within 0.5 ms.
        boolean trend = acquiring && !ok && m >= 2 && found == m && settling(m);
        ok |= trend;
        if (acquiring && !ok && !wide && maxLatency > quick) {
            // Not within 1 s: the same window again, searched up to the most (a PulseAudio loop
            // was 1.1-1.4 s), once the later cues may have arrived. Most outputs are found at
            // once, so their onsets are flagged no longer than that.
            wide = true;
            windowSpan();
            if (acqFilled < acqNeeded) {
                return;
            }
            acquire();
            return;
        }
        if (!acquiring) {
            if (ok && roomTaps > 0) {
                fitRoom(m, median);
            }
            acqStart = Long.MIN_VALUE;
            return;
        }
        unalignedUntil = n - 1 - delay;
        if (trend) {
            // The tracker starts from the latest cue, searching wide until three are measured;
            // the room is fitted on a later window (this one moved) and depths measured from
            // the next cues on.
            nRecent = 0;
            track(winFrames[m - 1], acqDev[m - 1]);
            state = ALIGNED;
            roomTried = false;
            acqStart = Long.MIN_VALUE;
            return;
        }
        if (ok) {
            nRecent = 0;
            for (int k = 0; k < m; k++) {
                // The window's deviations seed the tracker: the search is narrow from the next cue on.
                if (Math.abs(acqDev[k] - median) <= inlier) {
                    track(winFrames[k], acqDev[k]);
                }
            }
            state = ALIGNED;
            roomTried = true;
            if (roomTaps > 0) {
                fitRoom(m, median);
            }
            seedDepths(m, median);
            acqStart = Long.MIN_VALUE;
            return;
        }
        failures++;
        // The window's cues are past: dropped (not cancelled; flagged by unalignedUntil).
        for (int k = 0; k < m && head != tail; k++) {
            head++;
        }
        if (failures >= (cancelled > 0 ? HEARD_FAILURES : MAX_FAILURES)) {
            // Not heard so far (headphones, a microphone far away, or cues lost while the output
            // started): onsets are no longer flagged, and the search goes on, window by window.
            // Cues heard before and lost are searched for longer (a loaded machine's output
            // underran again and again for tens of seconds, its latency moving by up to 2.5 s).
            state = NOT_HEARD;
        }
        if (head != tail) {
            startCapture(cueFrames[head % cueFrames.length]);
        } else {
            acqStart = Long.MIN_VALUE;
            acqFilled = 0;
        }
    }

    /**
     * Fits the speaker and room path on the window's cues (each at its aligned frame, or the
     * median's) and filters every reference seen with it; later cues subtract the filtered one.
     */
    private void fitRoom(int m, double median) {
        // The fit ends 80 ms before the next cue after the window arrives (or at the capture's end):
        // a sound in the recording that is not in the reference track would be fitted as noise.
        long first = acqStart + pre;
        long next = Long.MIN_VALUE;
        if (m < winCount) {
            next = winFrames[m];
        } else {
            for (int q = head; q != tail; q++) {
                if (cueFrames[q % cueFrames.length] - first >= span) {
                    next = cueFrames[q % cueFrames.length];
                    break;
                }
            }
        }
        boolean bounded = next != Long.MIN_VALUE && next - acqStart + median < acqFilled;
        double[] frames = new double[bounded ? m + 1 : m];
        float[][] ref = Arrays.copyOf(acqRefs, frames.length);
        // The first fit places every cue at the window's median deviation: one latency for every
        // voice. In a room a voice's dry attack aligns off the direct path by a constant of its
        // own (a reflection, the speaker's smear), and a path fitted across those offsets keeps
        // them: each voice re-aligns with its filtered reference where it was put (RT60 0.2: the
        // beats 3.3 samples late, every beat's residue a tap). The passes below re-align each cue
        // with its filtered reference: the given frames are whole samples on a fitted clock, a
        // fraction of a sample off, and that is -17 dB at 1 kHz.
        float rate = refs.sampleRate();
        for (int k = 0; k < m; k++) {
            frames[k] = acqFrames[k] + median;
        }
        if (bounded) {
            frames[m] = next - acqStart + median;
        }
        float[] y = Arrays.copyOf(acq, acqFilled);
        // In a room a voice's dry attack aligns a little off the direct path, by a constant of its
        // own: fit, re-align every cue with its filtered reference (which holds the room), refit.
        // The path is fitted from 6 ms before each cue's frame (a cue's attack may have aligned on
        // a reflection up to the alignment window late), and each frame is then moved to the
        // path's direct sound: its earliest tap of half the largest magnitude.
        int window = Math.round(0.002f * rate);
        int slack = verifyWindow;
        double[] shifted = new double[frames.length];
        // The fit ends where it cuts least of a cue's room sound (CueCancellation.fitEnd): a window of
        // eighths ends 220 ms after its last cue, and when that was a beat, not a hi-hat, the path
        // fitted across the cut was worse than none at RT60 0.8. The model choice below and the
        // re-alignment still take the whole window.
        int fitTo = CueCancellation.fitEnd(frames, ref, 0, m, roomTaps, rate);
        for (int pass = 0; pass < 3; pass++) {
            for (int k = 0; k < frames.length; k++) {
                shifted[k] = frames[k] - slack;
            }
            room = CueCancellation.fitRoom(y, rate, shifted, ref, 0, fitTo, roomTaps, ROOM_FADE);
            float max = 0;
            for (float v : room) {
                max = Math.max(max, Math.abs(v));
            }
            int direct = CueCancellation.PRE_TAPS + slack;
            for (int i = 0; i < room.length; i++) {
                if (Math.abs(room[i]) >= 0.5f * max) {
                    direct = i;
                    break;
                }
            }
            roomPre = direct;
            for (int k = 0; k < frames.length; k++) {
                frames[k] += direct - (CueCancellation.PRE_TAPS + slack);
            }
            for (int key = 0; key < templates.length; key++) {
                if (templates[key] != null) {
                    filter(key);
                }
            }
            if (pass == 2) {
                break;
            }
            for (int k = 0; k < m; k++) {
                double at = realign(y, filtered[winKeys[k]], attack + roomPre, frames[k] - roomPre, window, acqSign, k);
                if (!Double.isNaN(at)) {
                    frames[k] = at + roomPre;
                }
            }
        }
        nRecent = 0;
        for (int k = 0; k < m; k++) {
            roomFrames[k] = frames[k];
            // The tracker restarts from the filtered alignment (the one later cues are found by).
            track(winFrames[k], frames[k] - acqFrames[k]);
        }
        // Model choice on the window: the room path is kept only if it leaves 1 dB less in the
        // detection band than the dry reference does (a dry path is fitted noisily: the dry
        // reference is exact there).
        int a0 = (int) Math.max(0, Math.floor(frames[0]) - roomPre - 64);
        int e0 = (int) Math.min(y.length, bounded ? Math.floor(frames[m] - 0.08 * refs.sampleRate()) : y.length);
        double dry = Double.NaN;
        double fir = Double.NaN;
        float[] pf = null;
        if (e0 - a0 > 64) {
            float[] pd = new float[e0 - a0];
            pf = new float[e0 - a0];
            for (int k = 0; k < m; k++) {
                int key = winKeys[k];
                // The dry reference where its own attack aligned: the first cues of a stream can
                // arrive a few ms off the later ones (a real PulseAudio loop: 3-4 ms late while the
                // output starts), and the median put them there, which made a dry path lose to a
                // fitted one that smeared them, and then cancel 19 dB where the dry one gave 54.
                double dryAt = acqFrames[k] + (Double.isNaN(acqDev[k]) ? median : acqDev[k]);
                CueCancellation.place(pd, templates[key], dryAt - a0);
                CueCancellation.place(pf, filtered[key], frames[k] - roomPre - a0);
            }
            dry = residualBandEnergy(y, a0, pd);
            fir = residualBandEnergy(y, a0, pf);
        }
        roomGainDb = 10 * Math.log10(dry / fir);
        if (!(roomGainDb >= 1)) {
            dropRoom();
            // The tracker goes back to the dry alignment, which later cues are found by.
            nRecent = 0;
            for (int k = 0; k < m; k++) {
                if (!Double.isNaN(acqDev[k]) && Math.abs(acqDev[k] - median) <= inlier) {
                    track(winFrames[k], acqDev[k]);
                }
            }
            return;
        }
        // Gains fitted to the dry reference do not apply to the filtered one.
        Arrays.fill(gainCount, 0);
        Arrays.fill(ncCount, 0);
        polarity = 0;
        fitTail(y, a0, e0, pf, frames, m);
    }

    /**
     * The room's tail past the path's end, for the gate, as the file path's: the path's decay
     * continued ({@link CueCancellation#unmodelledTail}), its level measured on the window's
     * residual past each cue's fade up to the next cue, plus the margin ({@link
     * CueCancellation#tailGain}). Allocates, once.
     */
    private void fitTail(float[] y, int a0, int e0, float[] pf, double[] frames, int m) {
        float rate = refs.sampleRate();
        roomTail = CueCancellation.unmodelledTail(room, roomTaps, ROOM_FADE, rate);
        if (roomTail == null || pf == null) {
            roomTail = null;
            return;
        }
        tailFrom = CueCancellation.PRE_TAPS + roomTaps - Math.max(1, (int) (roomTaps * ROOM_FADE));
        for (int key = 0; key < templates.length; key++) {
            if (templates[key] != null) {
                tails[key] = Fft.convolve(refs.sound(Voice.values()[key / 128], key % 128), roomTail);
            }
        }
        float[] r = new float[e0 - a0];
        float[] t = new float[e0 - a0];
        for (int i = 0; i < r.length; i++) {
            r[i] = y[a0 + i] - pf[i];
        }
        int[] from = new int[m];
        int[] to = new int[m];
        for (int k = 0; k < m; k++) {
            double at = frames[k] - roomPre - a0;
            CueCancellation.place(t, tails[winKeys[k]], at);
            from[k] = (int) Math.ceil(at + tailFrom);
            to[k] = k + 1 < frames.length ? (int) Math.floor(frames[k + 1] - a0) : r.length;
        }
        tailNoise = CueCancellation.noiseFloor(r, rate, band);
        tailGain = CueCancellation.tailGain(r, t, from, to, m, rate, band, tailNoise, marginDb);
        for (int key = 0; key < tails.length; key++) {
            if (tails[key] != null) {
                tails[key] = CueCancellation.aboveNoise(tails[key], tailGain, marginDb, tailNoise, rate, band);
            }
        }
    }

    /** The room path is no longer used: every sound is cancelled and gated with its dry reference. */
    private void dropRoom() {
        room = null;
        Arrays.fill(filtered, null);
        roomTail = null;
        Arrays.fill(tails, null);
        tailCount = 0;
    }

    /** A cancelled cue's tail, placed with its filtered reference at {@code ip}: added to the gate from its fade on. */
    private void startTail(long ip, int key, double amp, long earliest) {
        float[] t = tails[key];
        if (t == null) {
            return;
        }
        for (int j = tailFrom; j < t.length; j++) {
            long at = ip + j;
            if (at >= n) {
                break;
            }
            if (at - earliest > 0) {
                tailRing[(int) (at & mask)] += (float) (amp * t[j]);
            }
        }
        // A slot whose tail has ended, else a new one, else the oldest tail's.
        int slot = tailCount < tailAt.length ? tailCount : 0;
        for (int q = 0; q < tailCount; q++) {
            if (n - (tailAt[q] + tails[tailKey[q]].length) >= 0) {
                slot = q;
                break;
            }
            if (tailCount == tailAt.length && tailAt[q] - tailAt[slot] < 0) {
                slot = q;
            }
        }
        if (slot == tailCount) {
            tailCount++;
        }
        tailAt[slot] = ip;
        tailKey[slot] = key;
        tailAmp[slot] = amp;
    }

    /** The sum of the sounding tails at input frame {@code frame}. */
    private float tailAt(long frame) {
        double v = 0;
        for (int q = 0; q < tailCount; q++) {
            float[] t = tails[tailKey[q]];
            long j = frame - tailAt[q];
            if (j >= tailFrom && j < t.length) {
                v += tailAmp[q] * t[(int) j];
            }
        }
        return (float) v;
    }

    /**
     * The window's cues were not cancelled (they had passed when the latency was found): their
     * depth, with the model now in use, is measured on the capture as {@link #cancel} measures a
     * live cue's, and counts as measured. The window is the count-in: listen-only.
     *
     * <p>Each cue, in order, is subtracted with its own least-squares gain from what the earlier
     * ones left, and its depth is the band energy before over after across its whole reference
     * (with the room path, the filtered one), as live. Measured over 150 ms from the direct sound
     * only, the seed overstated the live depth by 4.6-5.0 dB (the session's default pattern, cue
     * only, room 300: a beat seeded at 24.5 dB and measured live at 19.5 at RT60 0.8,
     * 28.1 against 23.5 at 0.4); the gate then sat that much too low until nine live beats had
     * replaced the seed (with a path fitted without pre-taps, tried and not kept, the beats'
     * residue 20 ms after their direct sound came through as taps there), and the depth reported
     * after 2 bars was 28.7 dB against 23.8 after 30. No voice is taken as better cancelled than the window as a whole, measured over 150 ms
     * from each cue: with a room path the window is what it was fitted on (34 dB there, 26 dB live,
     * measured at RT60 0.5). That figure stays on 150 ms, which do not overlap: whole references
     * of an eighth-note pattern do (the next cue's sound, not yet subtracted, is in this one's),
     * and its hi-hat, mostly out of band, measures about 0 dB there and took the window's to 3.6 dB.
     */
    private void seedDepths(int m, double median) {
        float rate = refs.sampleRate();
        int len = Math.min(acqFilled, acq.length);
        int o = room != null ? roomPre : 0;
        int w = Math.round(0.15f * rate);
        float[] r = Arrays.copyOf(acq, len);
        double[] seedY = new double[m];
        double[] seedR = new double[m];
        double sumY = 0;
        double sumR = 0;
        for (int k = 0; k < m; k++) {
            int key = winKeys[k];
            float[] t = room != null ? filtered[key] : templates[key];
            // Where the canceller puts it: where the cue aligned (with the room path, its filtered reference).
            double at = room != null ? roomFrames[k] : acqFrames[k] + (!Double.isNaN(acqDev[k])
                    && Math.abs(acqDev[k] - median) <= inlier ? acqDev[k] : median);
            int from = Math.max(0, (int) Math.floor(at - o));
            int e = Math.min(len, from + t.length + 2);
            if (e - from < 2) {
                continue;
            }
            float[] p = new float[e - from];
            CueCancellation.place(p, t, at - o - from);
            // The cue's own least-squares gain, as the canceller fits it.
            double yp = 0;
            double pp = 0;
            for (int i = 0; i < p.length; i++) {
                yp += r[from + i] * p[i];
                pp += p[i] * p[i];
            }
            double g = pp > 0 ? yp / pp : 0;
            int s0 = (int) Math.floor(at);
            Biquad hy = Biquad.highPass(band.lowHz(), rate);
            Biquad ly = Biquad.lowPass(band.highHz(), rate);
            Biquad hr = Biquad.highPass(band.lowHz(), rate);
            Biquad lr = Biquad.lowPass(band.highHz(), rate);
            double ey = 0;
            double er = 0;
            double ew = 0;
            double rw = 0;
            for (int i = from; i < e; i++) {
                double vy = ly.step(hy.step(r[i]));
                r[i] -= (float) (g * p[i - from]);
                double vr = lr.step(hr.step(r[i]));
                ey += vy * vy;
                er += vr * vr;
                if (i >= s0 && i < s0 + w) {
                    ew += vy * vy;
                    rw += vr * vr;
                }
            }
            seedY[k] = ey;
            seedR[k] = er;
            sumY += ew;
            sumR += rw;
        }
        double overall = sumY > 0 ? 10 * Math.log10(sumY / Math.max(sumR, sumY * 1e-9)) : Double.NaN;
        for (int k = 0; k < m; k++) {
            if (seedY[k] > 0) {
                int key = winKeys[k];
                double d = 10 * Math.log10(seedY[k] / Math.max(seedR[k], seedY[k] * 1e-9));
                depthHist[key][depthCount[key]++ % DEPTHS] = Math.min(d, overall);
                bandEnergy[key] = seedY[k];
            }
        }
    }

    /**
     * Where a cue's room-filtered reference aligns near {@code centre}: the lag within {@code
     * +-window} where its first {@code attack} samples correlate most with {@code y}, normalised by
     * {@code y}'s energy over the same samples, refined to a fraction of a sample (parabola), of
     * either sign; NaN if it does not correlate 0.3 there. Normalised, not raw as {@link
     * CueCancellation#alignOne}: the filtered reference's first {@code roomPre} samples are the
     * path's pre-taps, near silence, so its attack holds 25 ms of sound and a raw correlation grows
     * with the input's energy over the lag; a tonal cue, which correlates 0.95 one period on, was
     * taken there (RT60 0.2: a beat 62.5 samples late, 1.000 at its own place and 0.949 there; the
     * path refitted with it there left every beat's first period as a tap). Allocates.
     */
    private static double realign(float[] y, float[] ref, int attack, double centre, int window, int[] sign, int k) {
        int a = Math.min(attack, ref.length);
        double ea = 0;
        for (int i = 0; i < a; i++) {
            ea += ref[i] * ref[i];
        }
        int c0 = (int) Math.round(centre);
        if (c0 - window - 1 < 0 || c0 + window + 1 + a > y.length || !(ea > 0)) {
            return Double.NaN;
        }
        int lags = 2 * window + 3;
        double[] nc = new double[lags];
        double[] raw = new double[lags];
        int bestI = -1;
        double best = 0;
        for (int li = 0; li < lags; li++) {
            int s = c0 - window - 1 + li;
            double c = 0;
            double ey = 0;
            for (int i = 0; i < a; i++) {
                c += y[s + i] * ref[i];
                ey += y[s + i] * y[s + i];
            }
            raw[li] = c;
            nc[li] = ey > 0 ? Math.abs(c) / Math.sqrt(ea * ey) : 0;
            if (li > 0 && li < lags - 1 && nc[li] > best) {
                best = nc[li];
                bestI = li;
            }
        }
        if (bestI < 0 || best < 0.3) {
            return Double.NaN;
        }
        double l = nc[bestI - 1];
        double m = nc[bestI];
        double r = nc[bestI + 1];
        double den = l - 2 * m + r;
        double frac = den < 0 ? 0.5 * (l - r) / den : 0;
        sign[k] = raw[bestI] >= 0 ? 1 : -1;
        return c0 - window - 1 + bestI + Math.max(-0.5, Math.min(0.5, frac));
    }

    /** Band energy of {@code y[a0 ..]} minus its least-squares multiple of {@code p}. */
    private double residualBandEnergy(float[] y, int a0, float[] p) {
        double yp = 0;
        double pp = 0;
        for (int i = 0; i < p.length; i++) {
            yp += y[a0 + i] * p[i];
            pp += p[i] * p[i];
        }
        double g = pp > 0 ? yp / pp : 0;
        Biquad h = Biquad.highPass(band.lowHz(), refs.sampleRate());
        Biquad l = Biquad.lowPass(band.highHz(), refs.sampleRate());
        double e = 0;
        for (int i = 0; i < p.length; i++) {
            double v = l.step(h.step(y[a0 + i] - g * p[i]));
            e += v * v;
        }
        return e;
    }

    /**
     * How much less the room path left than the dry reference on the fit window, dB (NaN before
     * a fit; the path is used from 1 dB on).
     *
     * @return dB
     */
    public double roomGainDb() {
        return roomGainDb;
    }

    /** The room-filtered reference of a (voice, velocity), cut to the template length. */
    private void filter(int key) {
        float[] f = Fft.convolve(refs.sound(Voice.values()[key / 128], key % 128), room);
        float[] cut = Arrays.copyOf(f, Math.min(f.length, maxTemplate));
        if (cut.length < f.length) {
            // A raised-cosine fade over the last 20 ms: a cut tail would start abruptly in the residual.
            int fade = Math.min(cut.length / 4, Math.round(0.02f * refs.sampleRate()));
            for (int i = 0; i < fade; i++) {
                cut[cut.length - fade + i] *= (float) (0.5 * (1 + Math.cos(Math.PI * (i + 1) / fade)));
            }
        }
        filtered[key] = cut;
        if (roomTail != null) {
            tails[key] = CueCancellation.aboveNoise(Fft.convolve(refs.sound(Voice.values()[key / 128], key % 128), roomTail),
                    tailGain, marginDb, tailNoise, refs.sampleRate(), band);
        }
    }

    /** The median of a voice's last gains (NaN before its first). */
    private double medianGain(int key) {
        return median(gains[key], gainCount[key]);
    }

    /** The median of the last (up to {@value #RECENT}) of {@code count} values kept in a ring (NaN if none). */
    private double median(double[] ring, int count) {
        int gm = Math.min(count, RECENT);
        if (gm == 0) {
            return Double.NaN;
        }
        System.arraycopy(ring, 0, recentSorted, 0, gm);
        Arrays.sort(recentSorted, 0, gm);
        return recentSorted[gm / 2];
    }

    /**
     * Adds a measured deviation (samples) of the cue given at {@code frame} to the tracker, and
     * fits the tracker's line again: the median of the last cues' deviations; from {@value
     * #SLOPE_CUES} cues on, moved along their Theil-Sen slope (the median of the pairs' slopes, at
     * most {@value #MAX_SLOPE}). A clock drifting steadily against the cues' given frames (a real
     * PulseAudio loop's output mapping slewed at 1000 ppm, 0.8 ms a cue at 100 bpm) moves every cue
     * one way: a median of the last five lags it by 2-3 cues, out of the locked range. Once per
     * cue, allocation free; {@link #deviationAt} only reads the line.
     */
    private void track(long frame, double dev) {
        trackFrame[nRecent % TRACK] = frame;
        trackDev[nRecent % TRACK] = dev;
        nRecent++;
        int m = Math.min(nRecent, TRACK);
        double slope = 0;
        if (m >= SLOPE_CUES) {
            int p = 0;
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    long df = trackFrame[j] - trackFrame[i];
                    if (df != 0) {
                        slopes[p++] = (trackDev[j] - trackDev[i]) / df;
                    }
                }
            }
            if (p > 0) {
                Arrays.sort(slopes, 0, p);
                slope = p % 2 == 1 ? slopes[p / 2] : 0.5 * (slopes[p / 2 - 1] + slopes[p / 2]);
                slope = Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, slope));
            }
        }
        // Each deviation moved along the slope to the newest cue; the line passes their median there.
        for (int i = 0; i < m; i++) {
            predicted[i] = trackDev[i] + slope * (frame - trackFrame[i]);
        }
        Arrays.sort(predicted, 0, m);
        trackSlope = slope;
        trackFrom = frame;
        trackAt = m % 2 == 1 ? predicted[m / 2] : 0.5 * (predicted[m / 2 - 1] + predicted[m / 2]);
    }

    /** Where the tracker expects a cue given at {@code frame} to arrive, after it, samples (see {@link #track}). */
    private double deviationAt(long frame) {
        return nRecent == 0 ? 0 : trackAt + trackSlope * (frame - trackFrom);
    }

    private void cancel(long expected, long centre, float[] dry) {
        // Correlated and subtracted: the room-filtered reference once the room is fitted (its
        // sample PRE_TAPS is the dry one's sample 0; in a room a tonal cue's dry attack correlates
        // as well one period off), else the dry one.
        float[] t = filtered[currentKey] != null ? filtered[currentKey] : dry;
        boolean room = t != dry;
        int o = room ? roomPre : 0;
        long r0 = centre - maxLag - 1 - o;
        long earliest = n - 1 - delay;
        int len = t.length + 2 * maxLag + 4;
        for (int i = 0; i < len; i++) {
            long at = r0 + i;
            work[i] = at >= 0 && at - earliest > 0 && at < n ? ring[(int) (at & mask)] : 0f;
        }
        int a = Math.min(attack + o, t.length);
        double ea = 0;
        for (int i = 0; i < a; i++) {
            ea += t[i] * t[i];
        }
        int lags = 2 * maxLag + 3;
        // Once locked (3 cues measured), search only +-1.5 ms around the tracked deviation: a tap
        // near a cue can correlate more than the cue itself within the wide window.
        boolean locked3 = nRecent >= 3;
        int from = locked3 ? Math.max(0, maxLag + 1 - locked) : 0;
        int to = locked3 ? Math.min(lags, maxLag + 2 + locked) : lags;
        // The path's polarity, once a cue was cancelled: the voice's gain, else the last cue's (the
        // room-filtered reference holds it). A tonal cue correlates -0.98 half a period off; taken
        // there (with |correlation|), its subtraction doubled it (a real loop: -6 dB, as taps).
        double g0 = medianGain(currentKey);
        int sign = room ? 1 : g0 > 0 ? 1 : g0 < 0 ? -1 : polarity;
        int best = search(from, to, t, a, sign, room);
        double nc = normalised(best, a, ea);
        // A peak at the end of a range searched may lie beyond it.
        boolean lockEdge = locked3 && (best == from + 1 || best == to - 2);
        boolean moved = false;
        // Below its voice's usual correlation, the peak may be a period off: a tonal cue correlates
        // 0.96 one period off, and a real loop's cues were taken there (cancelled 13 dB, residue as taps).
        double usual = median(ncs[currentKey], ncCount[currentKey]);
        if (locked3 && (nc < RELOCK || nc < usual - 0.02 || lockEdge) && !room) {
            // Not there: the latency moved more than the lock (on a real PulseAudio loop the first
            // cues were given 3-5 ms off the later ones, and an output underrun moved every later
            // cue by 19 ms at once). The whole range is searched, and a peak that correlates as
            // only the cue does is taken.
            double lockedAbs = bestAbs;
            int wide = search(0, lags, t, a, sign, false);
            double wideNc = normalised(wide, a, ea);
            if (wideNc >= RELOCK && (wideNc > nc || lockEdge)) {
                best = wide;
                nc = wideNc;
                moved = Math.abs(wide - (maxLag + 1)) >= locked;
            } else {
                // The locked peak stays (the wide search left the same correlations there).
                bestAbs = lockedAbs;
            }
        }
        // The cue is there if it correlates, or (locked: a tap 10 dB louder on it takes the
        // normalised figure below 0.3) if the raw correlation is half what its voice's gain predicts.
        boolean there = nc >= 0.3 || locked3 && !moved && bestAbs >= 0.5 * Math.abs(g0) * ea;
        if (best < 0 || !there || (!locked3 || moved) && (best == 1 || best == lags - 2)) {
            lost(centre);
            return;
        }
        found(centre);
        double l = signed(corr[best - 1], sign);
        double m = signed(corr[best], sign);
        double r = signed(corr[best + 1], sign);
        double den = l - 2 * m + r;
        double frac = den < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (l - r) / den)) : 0;
        double pos = best + frac;
        // What is subtracted: the room-filtered reference once the room is fitted (its sample
        // PRE_TAPS is the direct path), else the dry one; placed with a cubic fractional delay.
        int key = currentKey;
        float[] s = t;
        if (room && roomChecks < ROOM_CHECKS && checkRoom(t, dry, pos, o, len)) {
            cancel(expected, centre, dry);
            return;
        }
        double measured = r0 + pos + o - expected;
        double at0 = r0 + pos;
        double[] w = weights(at0, lagrange);
        long ip = (long) Math.floor(at0);
        // Least-squares gain of the placed reference: <y, p> / <p, p>.
        double yp = 0;
        double pp = 0;
        for (int j = 0; j < s.length + 2; j++) {
            long at = ip + j;
            if (at - earliest <= 0 || at >= n) {
                continue;
            }
            double v = interp(s, j, w);
            yp += ring[(int) (at & mask)] * v;
            pp += v * v;
        }
        if (!(pp > 0)) {
            return;
        }
        // The gain of this voice is the median of its last five fits: a tap on the cue biases one
        // fit, and the robust gain leaves the tap in the residual.
        int end = s.length + 2;
        boolean gap = gapWithin(ip - cutBlock, ip + end);
        if (!gap) {
            gains[key][gainCount[key]++ % RECENT] = yp / pp;
        }
        double g = gainCount[key] > 0 ? medianGain(key) : yp / pp;
        // Tested with this cue's own gain: the voice's median would call a cue turned down 6 dB missing.
        // With the room path, only while the dry sound lasts: the fitted path's tail is not known
        // well enough (a test room's, 15 ms after the dry sound, was 6 dB above the input's).
        int judged = room ? Math.min(end, o + dry.length) : end;
        int cut = missingFrom(s, w, ip, earliest, yp / pp, judged, room ? ROOM_CUT_BLOCK : DRY_CUT_BLOCK);
        cut = cut < judged ? cut : end;
        // The cue stops part way (an output underrun: the sound server played silence, and resumed
        // later or not): subtracted there, its missing part would be the residue (a real loop:
        // onsets of strength 0.006-0.12, where a whole cue is 0.14-0.21, counted as taps). It is
        // subtracted up to where it stops; the rest is gated by the whole cue, onsets in its window
        // are flagged, and it measures neither the gain, the depth nor the latency. So too a cue the
        // input lost frames in (its rest arrived early: a loaded loop's cues fitted 0.8 of their
        // gain there, and the cues after, cancelled with it, left 14 dB as taps).
        boolean partial = cut < end || gap;
        double eIn = 0;
        double eOut = 0;
        for (int j = 0; j < end; j++) {
            long at = ip + j;
            if (at - earliest <= 0 || at >= n) {
                continue;
            }
            double v = g * interp(s, j, w);
            int slot = (int) (at & mask);
            double x = ring[slot];
            // A block where the cue is not (a tail cut by an underrun) is left as it is: subtracted,
            // the cue's missing sound would be the residue.
            double y = j < cut && !skipped(j) ? x - v : x;
            ring[slot] = (float) y;
            gateRing[slot] = (float) Math.abs(v);
            if (!partial) {
                double bx = lpIn.step(hpIn.step(x));
                double by = lpOut.step(hpOut.step(y));
                eIn += bx * bx;
                eOut += by * by;
            }
        }
        if (partial) {
            if (!gap) {
                gainCount[key]--;
            }
            found(centre);
            unalignedUntil = Math.max(unalignedUntil, ip + end + flagMargin);
            return;
        }
        double depth = eIn > 0 ? 10 * Math.log10(eIn / Math.max(eOut, eIn * 1e-9)) : 0;
        if (depth < UNDO_DB) {
            // Subtracted, it got 3 dB louder: the reference was placed wrong (on a loaded real
            // loop, where the latency had moved, residuals peaked 0.27-0.42 where the cue alone
            // peaks 0.14-0.21, and came through as taps). Undone, and the cue counts as lost. A
            // tap on a cue does not do this: it would have to correlate -0.7 or less with the
            // cue's sound in the band (taps on cues in the live test mixes left at worst -0.6 dB).
            for (int j = 0; j < s.length + 2; j++) {
                long at = ip + j;
                if (at - earliest <= 0 || at >= n) {
                    continue;
                }
                int slot = (int) (at & mask);
                if (!skipped(j)) {
                    ring[slot] += (float) (g * interp(s, j, w));
                }
                gateRing[slot] = 0;
            }
            gainCount[key]--;
            lost(centre);
            return;
        }
        // The depth counts once the detector has seen the cue with no tap in it (frozen around
        // onsets: a tap in a cue's window is not cue residue); until then the cue is pending.
        pend(key, ip, ip + s.length + 2, depth, eIn);
        boolean unmeasured = depthCount[key] == 0;
        if (depthCount[key] == 0) {
            depthHist[key][depthCount[key]++ % DEPTHS] = depth;
            bandEnergy[key] = eIn;
        }
        double scale = Math.pow(10, -(depthOf(key) - marginDb - (room ? ROOM_MARGIN_DB : 0)) / 20);
        for (int j = 0; j < s.length + 2; j++) {
            long at = ip + j;
            if (at - earliest > 0 && at < n) {
                int slot = (int) (at & mask);
                // (where the cue is not, the gate stays the cue's whole sound)
                gateRing[slot] = (float) (skipped(j) ? Math.abs(gateRing[slot])
                        : Math.min(Math.abs(gateRing[slot]), Math.abs(gateRing[slot] * scale)));
            }
        }
        if (room) {
            startTail(ip, key, tailGain * Math.abs(g), earliest);
        }
        if (nRecent < 3 || unmeasured) {
            // Not yet locked, or the voice's residue not yet measured (the first cues after the
            // latency was found): an onset at them cannot be told from their residue (a real
            // loop: one residue onset at the first cue cancelled, 56 dB deep on average).
            unalignedUntil = Math.max(unalignedUntil, centre + maxLag + flagMargin);
        }
        if (moved) {
            // The latency jumped: the tracker restarts here (searching the whole range until
            // three cues are measured, their onsets flagged meanwhile).
            nRecent = 0;
            unalignedUntil = Math.max(unalignedUntil, centre + maxLag + flagMargin);
        }
        track(expected, measured);
        ncs[key][ncCount[key]++ % RECENT] = nc;
        polarity = g < 0 ? -1 : 1;
        cancelled++;
    }

    /**
     * Where the placed cue (its own least-squares gain {@code g}) stops being in the input: the
     * first of two blocks of 5 ms in a row (or the last block that matters) where the input holds
     * less than a quarter of the energy the cue alone would put there, in the detection band, among
     * the blocks that hold at least {@code significant} of the cue's loudest block (a tap adds
     * energy; only a cue that is not there, or not all there, takes it away). Every block where
     * the input holds less than a quarter of the cue's energy, from 1/10 000 of the loudest block
     * on, is marked {@link #skipped(int)}: left unsubtracted, it leaves less than subtracted (an
     * underrun's cut in a cue's tail left residue onsets of strength 0.004-0.009, a whole cue's 0.14-0.21).
     * Allocation free.
     *
     * @param significant blocks below this fraction of the loudest are not judged (a fitted room
     *        path's tail is not known well enough: a 250 ms tail was 6 dB off in a test room)
     * @return the reference sample the cue is missing from, or {@code end} if it is all there
     */
    private int missingFrom(float[] s, double[] w, long ip, long earliest, double g, int end, double significant) {
        int blocks = 0;
        double most = 0;
        hpCutX.reset();
        lpCutX.reset();
        hpCutV.reset();
        lpCutV.reset();
        for (int b0 = 0; b0 < end && blocks < blockCue.length; b0 += cutBlock, blocks++) {
            double ev = 0;
            double ex = 0;
            for (int j = b0; j < Math.min(end, b0 + cutBlock); j++) {
                long at = ip + j;
                if (at - earliest <= 0 || at >= n) {
                    continue;
                }
                double v = lpCutV.step(hpCutV.step(g * interp(s, j, w)));
                double x = lpCutX.step(hpCutX.step(ring[(int) (at & mask)]));
                ev += v * v;
                ex += x * x;
            }
            blockCue[blocks] = ev;
            blockIn[blocks] = ex;
            most = Math.max(most, ev);
        }
        Arrays.fill(blockSkip, false);
        for (int b = 0; b < blocks; b++) {
            blockSkip[b] = blockCue[b] >= 1e-4 * most && blockIn[b] < 0.25 * blockCue[b];
        }
        int pending = -1;
        for (int b = 0; b < blocks; b++) {
            if (blockCue[b] < significant * most) {
                continue;
            }
            boolean missing = blockSkip[b];
            if (missing && pending >= 0) {
                return pending * cutBlock;
            }
            pending = missing ? b : -1;
        }
        return pending >= 0 ? pending * cutBlock : end;
    }

    /** A cue was found (in the lag range): flagging for lost cues ends before it. */
    private void found(long centre) {
        lostInRow = 0;
        if (lostFrom != Long.MIN_VALUE) {
            unalignedUntil = Math.max(unalignedUntil, centre - maxLag);
            lostFrom = Long.MIN_VALUE;
        }
    }

    /** Whether the input lost frames (see {@link #inputGap}) at a frame in {@code [from, to)}. */
    private boolean gapWithin(long from, long to) {
        for (int k = 0; k < Math.min(gapCount, gaps.length); k++) {
            if (gaps[k] - from >= 0 && gaps[k] - to < 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether sample {@code j} of the cue being cancelled lies in a block where the cue is not (see {@link #missingFrom}). */
    private boolean skipped(int j) {
        int b = j / cutBlock;
        return b < blockSkip.length && blockSkip[b];
    }

    /**
     * A cue not found where it was tracked, nor anywhere in the lag range: onsets at it are flagged
     * (not cancelled, it cannot be told from a tap), and after {@value #LOST_CUES} such cues in a
     * row the latency is searched for again as at the start (the output's latency jumped by more
     * than the lag range, or the microphone stopped hearing the cues).
     */
    private void lost(long centre) {
        lostInRow++;
        if (acq == null && (cancelled == 0 || lostInRow > NOT_HEARD_CUES)) {
            // With a calibration: never heard (headphones), or no longer; onsets are not flagged.
            // (Without one the cues were found before the tracker began.)
            lostFrom = Long.MIN_VALUE;
            return;
        }
        unalignedUntil = Math.max(unalignedUntil, centre + maxLag + flagMargin);
        // Onsets are flagged until a cue is found again: a lost cue may sound later than the lag
        // range (a real loop's underrun moved it by 96 ms, and the detector reported it as a tap
        // before the next cue was due).
        if (lostFrom == Long.MIN_VALUE) {
            lostFrom = centre - maxLag;
        }
        if (lostInRow < LOST_CUES || acq == null) {
            return;
        }
        lostInRow = 0;
        lostFrom = Long.MIN_VALUE;
        // The gains are measured again too (a loaded loop's, fitted on a cue heard twice, stayed
        // 0.81 of the cue's after it was found again, and left 14 dB of it).
        Arrays.fill(gainCount, 0);
        Arrays.fill(ncCount, 0);
        polarity = 0;
        state = ACQUIRING;
        failures = 0;
        nRecent = 0;
        if (room != null) {
            // The path is fitted again with the latency.
            dropRoom();
        }
        roomTried = false;
        acqStart = Long.MIN_VALUE;
        acqFilled = 0;
        if (head != tail) {
            startCapture(cueFrames[head % cueFrames.length]);
        }
    }

    /**
     * One of the first cues after the room path was fitted: whether the dry reference, aligned on
     * its own, leaves less of it than the path does. The path is dropped when it loses on two of
     * the three: it was fitted on the first window, where a real loop's first cue was given 3-5 ms
     * off the next (the input's clock map settling), and the path fitted across it smeared every
     * later cue (19 dB where the dry reference gave 54). Allocates, three times.
     *
     * @return true if the path was dropped now (the cue is then cancelled with the dry reference)
     */
    private boolean checkRoom(float[] t, float[] dry, double pos, int o, int len) {
        roomChecks++;
        int a = Math.min(attack, dry.length);
        int lags = 2 * maxLag + 3;
        int dBest = -1;
        double dAbs = 0;
        double[] c = new double[lags];
        // The dry reference searched over the whole lag range: a smeared path's direct sound can
        // lie milliseconds off the cue's.
        for (int li = 0; li < lags; li++) {
            double v = 0;
            for (int i = 0; i < a && li + o + i < len; i++) {
                v += work[li + o + i] * dry[i];
            }
            c[li] = Math.abs(v);
            if (li > 0 && li < lags - 1 && c[li] > dAbs) {
                dAbs = c[li];
                dBest = li;
            }
        }
        if (dBest < 0) {
            return false;
        }
        double den = c[dBest - 1] - 2 * c[dBest] + c[dBest + 1];
        double frac = den < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (c[dBest - 1] - c[dBest + 1]) / den)) : 0;
        float[] y = Arrays.copyOf(work, len);
        float[] pf = new float[len];
        float[] pd = new float[len];
        CueCancellation.place(pf, t, pos);
        CueCancellation.place(pd, dry, dBest + frac + o);
        double eD = residualBandEnergy(y, 0, pd);
        double eF = residualBandEnergy(y, 0, pf);
        if (eD < eF) {
            roomLosses++;
        }
        if (roomLosses < 2) {
            return false;
        }
        dropRoom();
        // The gains and depths measured with the path do not apply to the dry reference; pending
        // cues were cancelled with the path and measure nothing of it.
        Arrays.fill(gainCount, 0);
        Arrays.fill(ncCount, 0);
        polarity = 0;
        Arrays.fill(depthCount, 0);
        pendHead = pendTail;
        roomGainDb = Double.NaN;
        roomChecks = ROOM_CHECKS;
        return true;
    }

    /** A correlation as the search ranks it: times the path's polarity, or its magnitude while that is unknown (0). */
    private static double signed(double c, int sign) {
        return sign == 0 ? Math.abs(c) : sign * c;
    }

    /**
     * The lag index in {@code [from, to)} where {@code t}'s first {@code a} samples correlate most
     * with {@code work}, of the given polarity (0: either); -1 if none. {@link #bestAbs} is the raw
     * correlation there. Normalised ({@code normalise}), the lags are ranked, and {@code corr} holds,
     * the correlation over the input's energy at each lag (see {@link #realign}: a room-filtered
     * reference's attack starts with the path's pre-taps, and a raw correlation then favours a
     * tonal cue's period on, where more of the input falls in the attack).
     */
    private int search(int from, int to, float[] t, int a, int sign, boolean normalise) {
        int best = -1;
        bestAbs = 0;
        double bestV = 0;
        double ey = 0;
        if (normalise) {
            for (int i = 0; i < a; i++) {
                ey += work[from + i] * work[from + i];
            }
        }
        for (int li = from; li < to; li++) {
            double c = 0;
            for (int i = 0; i < a; i++) {
                c += work[li + i] * t[i];
            }
            double q = c;
            if (normalise) {
                if (li > from) {
                    ey += work[li + a - 1] * work[li + a - 1] - work[li - 1] * work[li - 1];
                }
                q = ey > 0 ? c / Math.sqrt(ey) : 0;
            }
            corr[li] = q;
            double v = signed(q, sign);
            if (li > from && li < to - 1 && v > bestV) {
                bestV = v;
                bestAbs = signed(c, sign);
                best = li;
            }
        }
        return best;
    }

    /** The normalised correlation at a lag index found by {@link #search} (0 if none). */
    private double normalised(int best, int a, double ea) {
        if (best < 0) {
            return 0;
        }
        double ey = 0;
        for (int i = 0; i < a; i++) {
            ey += work[best + i] * work[best + i];
        }
        return ey > 0 && ea > 0 ? bestAbs / Math.sqrt(ea * ey) : 0;
    }

    private void pend(int key, long from, long to, double depth, double energy) {
        if (pendTail - pendHead == pendKey.length) {
            commit(pendHead++);
        }
        int i = pendTail % pendKey.length;
        pendKey[i] = key;
        pendFrom[i] = from;
        pendTo[i] = to;
        pendDepth[i] = depth;
        pendEnergy[i] = energy;
        pendSpoiled[i] = false;
        pendTail++;
    }

    private void commit(int q) {
        int i = q % pendKey.length;
        if (!pendSpoiled[i]) {
            int key = pendKey[i];
            depthHist[key][depthCount[key]++ % DEPTHS] = pendDepth[i];
            bandEnergy[key] = pendEnergy[i];
        }
    }

    /**
     * A tap was detected at this input frame: the cues whose window holds it do not measure the
     * depth (or, once tracked, the room).
     *
     * @param frame the onset's input frame
     */
    public void onsetAt(long frame) {
        for (int q = pendHead; q != pendTail; q++) {
            int i = q % pendKey.length;
            if (frame - (pendFrom[i] - guard) >= 0 && frame - pendTo[i] < 0) {
                pendSpoiled[i] = true;
            }
        }
    }

    /** Cubic Lagrange weights for placing sample 0 at fractional {@code pos} (see {@link CueCancellation#place}). */
    private static double[] weights(double pos, double[] w) {
        double f = pos - Math.floor(pos);
        double g = 1 - f;
        if (f < 1e-9) {
            return null;
        }
        w[0] = -g * (g - 1) * (g - 2) / 6;
        w[1] = (g + 1) * (g - 1) * (g - 2) / 2;
        w[2] = -(g + 1) * g * (g - 2) / 2;
        w[3] = (g + 1) * g * (g - 1) / 6;
        return w;
    }

    private static double interp(float[] t, int j, double[] w) {
        if (w == null) {
            return j < t.length ? t[j] : 0;
        }
        int m = j - 1;
        return w[0] * at(t, m - 1) + w[1] * at(t, m) + w[2] * at(t, m + 1) + w[3] * at(t, m + 2);
    }

    private static float at(float[] s, int i) {
        return i >= 0 && i < s.length ? s[i] : 0f;
    }
}
