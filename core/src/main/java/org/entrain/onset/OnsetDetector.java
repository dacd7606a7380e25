package org.entrain.onset;

import org.entrain.dsp.Biquad;
/**
 * Finds percussive onsets in a mono sample stream, to the sample. Not thread safe: one thread feeds
 * it and receives the results on the same thread.
 *
 * <p>Two stages:
 * <ol>
 * <li>Coarse: the signal is band-passed (two Butterworth biquads, {@link DetectorSettings#lowHz()}
 * .. {@link DetectorSettings#highHz()}) and its energy summed per hop of
 * {@link DetectorSettings#hopSamples()}. A hop triggers when the mean energy of it and the hop
 * before exceeds the background by {@link DetectorSettings#thresholdDb()} (a rise, so decaying
 * tails and steady noise do not trigger, whatever the level) and it is at least
 * {@link DetectorSettings#minIntervalMs()} after the previous tap. The background is the
 * largest of: the mean energy of the (up to) 16 hops before those two (fewer at the start of a
 * stream, so a tap in its first milliseconds is found); an absolute floor of -70 dBFS RMS (so
 * digital silence and quantisation residue never trigger). When a gate signal is given
 * ({@link #process(float[], float[], int, int)}: the predicted cue sound scaled to its expected
 * residue after cancellation plus a margin), the two hops must also exceed the gate's band energy
 * over the same hops. Hops from the fourth on can trigger (a background rests on two hops or more,
 * so a tap from the stream's 128th sample on is found); a candidate whose background rests on
 * fewer than 16 hops must peak 20 dB above it.</li>
 * <li>Refinement, once {@link DetectorSettings#postWindowMs()} of audio after the triggering
 * hop has arrived: the hit's peak {@code P} is the largest absolute band-passed sample in the
 * window (from {@link DetectorSettings#preWindowMs()} before the triggering hop); if the onset found
 * with it lies less than {@code postWindowMs} plus one hop before the window's end, the window is
 * extended to that reach and the peak and onset found again (repeated while the onset moves, up to
 * twice {@code postWindowMs} plus two hops after the trigger), so the peak is taken over the same
 * reach after the onset as {@link #onsetOf} takes it: a candidate triggered early, by a soft first
 * touch or the cue's residue 10-30 ms before the hit's attack, would otherwise end its window before
 * the hit's peak and put the onset on the touch. The local noise RMS {@code N} is the RMS of the 16 hops before the pre-window (or of
 * the 16 before the triggering hops, if lower). <b>The
 * onset is the first sample, searching forward from
 * {@link DetectorSettings#preWindowMs()} before the triggering hop, whose absolute band-passed
 * value reaches {@code max(peakFraction * P, noiseFactor * N)} and is followed within
 * {@link DetectorSettings#attackWithinMs()} (this sample included) by one that reaches
 * {@code attackFraction * P}</b> (10 %, then 30 % within 2 ms with the presets), minus the
 * low-pass's group delay at 0 Hz ({@code sqrt(2) / (2 pi highHz)}, 0.19 ms for taps, 0.56 ms for
 * steps), rounded to a sample. Searching forward, not backtracking from the peak, keeps multi-burst
 * claps on their first burst. The second level passes over a soft first touch that does not lead
 * into the attack (a tabla stroke's or a finger snap's: band envelope spikes at 8-15 % of the peak,
 * 3-9 ms before the attack): such a touch is found on a clean hit and lost in a mix, where noise, the
 * room's reflections or the cue's residue lift the threshold by a dB or two, so it would make the
 * onset depend on the conditions; measured in {@code benchmarks/README.md}.</li>
 * </ol>
 *
 * <p>With a gate, the crossing must also exceed the gate's band magnitude envelope (largest within
 * +-1 ms) by 3 dB, so the onset of a tap just after a cue is not put on the cue's residue, and a
 * candidate whose peak is not 3 dB above the gate's largest band magnitude from 2 ms
 * before to 10 ms after its onset is reported with {@link Onset#CUE_RESIDUE} (not a tap) and starts
 * no refractory window, so a tap just after a cue's residue is still found. The noise tests (20 dB
 * over a background of fewer than 16 hops, 18 dB over the slow noise floor) then take the
 * candidate's own peak, its largest band magnitude where it stands 3 dB over the gate's envelope:
 * the window runs 30 ms past the onset, and a cue's residue arriving there is not the peak of noise
 * a few milliseconds before the cue.
 *
 * <p>Flags: {@link Onset#CLIPPED} when an input sample from the onset to the end of the window has
 * magnitude 0.999 or more; {@link Onset#NEAR_NOISE_FLOOR} when {@code P < 10 N} (20 dB);
 * {@link Onset#AMBIGUOUS} when, 15 ms or more after the onset and within the window, the 2 ms
 * envelope (block maxima) falls below 30 % of the peak so far and rises again to half of it (a
 * double hit 15 ms to {@code postWindowMs} after the first; closer hits merge into one onset at
 * the first, later ones are separate onsets once {@code minIntervalMs} has passed); not tested
 * on onsets near the noise floor.
 *
 * <p>A candidate is dropped as the swell of a tail (a drum's beating modes, 125-150 ms after a
 * real tom's attack in a room) when it comes less than 300 ms after the last onset, peaks
 * within 20 dB of {@code N} ({@code P < 10 N}), where {@code N} is more than 6 dB above the slow
 * noise floor (from the minimum 16-hop background of the last 512 hops: the local floor is then a sound's
 * tail, not the room's noise), and has no attack: the band's largest magnitude from 3 to 1 ms
 * before the onset is a third of {@code P} or more (measured: a real tom's swells peak 1.1-2.1
 * times that level, a synthetic tap landing 151 ms after another 5.7 times). Like the noise
 * rejections, it starts no refractory window.
 *
 * <p>A candidate is dropped as an echo of the last onset (a reflection in the room's tail repeats
 * the hit's attack, so the swell rule does not tell it) when it comes less than 500 ms after that
 * onset, peaks within 20 dB of {@code N}, where {@code N} is more than 3 dB above the slow noise
 * floor, and peaks 20 dB or more under the last onset's peak (measured: reflections of a real tom
 * 219-444 ms after it, 27-31 dB under it, 13-15 dB over the tail around them; a knock 453 ms after
 * a clipped one in plain noise, whose floor is the noise, is kept). No refractory window either.
 *
 * <p>An onset is reported once {@code postWindowMs} plus one hop of audio after it (or after its
 * triggering hop, if later) has arrived: with the presets 31.5 and 62.9 ms; up to twice that after a
 * trigger when its window is extended. No allocation after construction.
 */
public final class OnsetDetector {

    /** Receives detections as sample positions. */
    @FunctionalInterface
    public interface Handler {
        /**
         * One onset.
         *
         * @param frame the onset's sample index from the start of the stream (0 = first sample fed)
         * @param strength the hit's peak in the detection band, full scale = 1
         * @param flags {@link Onset} flags
         */
        void onDetection(long frame, double strength, int flags);
    }

    private static final int HISTORY_HOPS = 17;
    /**
     * The fewest hops a background rests on: one 64-sample hop of band-limited noise has a few
     * degrees of freedom, and a stream's first hop can hold less than the rest (noise that starts
     * with the stream: a cue-only test mix's first hop held 5-15 times less band energy than its
     * steady noise, and with one hop of background an onset was reported at frame 62-197 of 8 of
     * 600 such mixes; with two, those 8 gave one at frame 135 and one, near the noise floor, at
     * 1727). A stream's third hop is still a background for the slow
     * noise floor: that floor is a minimum, which a one-hop background lowers, and without it
     * {@code OnsetDetectorTest}'s knock near the noise floor is not found.
     */
    static final int MIN_BACKGROUND_HOPS = 2;
    /** The absolute floor, RMS full scale (-70 dBFS). */
    static final double FLOOR_RMS = 3.1623e-4;
    /** A tap's peak must exceed the gate near its onset by this factor (3 dB). */
    static final double RESIDUE_RATIO = 1.4125;
    /** Hops over which the slow noise floor is the minimum full (16-hop) background (512: 0.74 s at 64 and 44.1 kHz). */
    static final int NOISE_HOPS = 512;
    /** A tap's peak must exceed the slow noise floor's RMS (twice the minimum background) by this factor (18 dB). */
    static final double NOISE_PEAK_RATIO = 8;
    /** A candidate within this long of the last onset may be a swell in its tail (300 ms). */
    static final double TAIL_MS = 300;
    /** The local floor is a tail, not the room's noise, when it exceeds the slow noise floor's RMS by this factor (6 dB). */
    static final double TAIL_FLOOR_RATIO = 2;
    /** A hit's attack: its peak exceeds the band's largest magnitude 1-3 ms before its onset by this factor (9.5 dB). */
    static final double TAIL_RISE = 3;
    /** A candidate within this long of the last onset may be an echo of it in the room's tail (500 ms). */
    static final double ECHO_MS = 500;
    /** An echo peaks at least this factor under the onset it repeats (20 dB). */
    static final double ECHO_RATIO = 10;
    /** An echo's local floor is that onset's tail: it exceeds the slow noise floor's RMS by this factor (3 dB). */
    static final double ECHO_FLOOR_RATIO = 1.4125;

    private final Handler handler;
    private final Biquad hp;
    private final Biquad lp;
    private final Biquad gateHp;
    private final Biquad gateLp;
    private final float[] gateAbs;
    private final double[] gateEnergy = new double[2];
    private double gateAcc;
    private final int residueBefore;
    private final int residueAfter;
    private final int envHalf;
    private boolean gated;
    private final int hop;
    private final int filterDelay;
    private final int pre;
    private final int post;
    private final int minInterval;
    private final int ambiguityDelay;
    private final int envBlock;
    private final double ratio;
    private final double peakFraction;
    private final double attackFraction;
    /** {@link DetectorSettings#attackWithinMs()} in samples. */
    private final int attackWithin;
    private final double noiseFactor;
    private final float[] band;
    private final float[] rawAbs;
    private final int mask;
    /** Band energy of the last hops: the trigger's 16-hop background, and the noise floor's 16 hops before the pre-window. */
    private final double[] hopEnergy;
    /** Hops spanned by the pre-window, the part of the history the refinement may find the hit in. */
    private final int preHops;
    /** The background of the last {@code NOISE_HOPS} hops, for the slow noise floor (minimum statistics). */
    private final double[] backgrounds = new double[NOISE_HOPS];
    private int hopsSeen;
    private double hopAcc;
    private int hopFill;
    private long n;
    private long pendingTrigger = -1;
    /** Where the pending candidate's window ends (exclusive): the trigger plus the post-window, then the onset plus it. */
    private long pendingEnd;
    /** The longest window a candidate may grow to, samples (the ring buffer holds it with room to spare). */
    private final int maxSpan;
    private double pendingFloor;
    private boolean pendingEarly;
    private long refractoryUntil = Long.MIN_VALUE / 4;
    private long lastOnset = Long.MIN_VALUE / 4;
    /** The last reported onset's peak in the band. */
    private double lastPeak;
    /** {@link #TAIL_MS} in samples. */
    private final int tailSpan;
    /** {@link #ECHO_MS} in samples. */
    private final int echoSpan;

    /**
     * Creates a detector.
     *
     * @param settings the tuning
     * @param sampleRate the stream's sample rate, in Hz (8000..192000, more than twice the band's top)
     * @param handler receives each onset, on the thread that calls {@link #process}
     * @throws IllegalArgumentException if the sample rate is out of range or too low for the band
     */
    public OnsetDetector(DetectorSettings settings, float sampleRate, Handler handler) {
        if (!(sampleRate >= 8000 && sampleRate <= 192_000)) {
            throw new IllegalArgumentException("sample rate must be between 8000 and 192000 Hz, was " + sampleRate);
        }
        if (!(settings.highHz() < sampleRate / 2)) {
            throw new IllegalArgumentException("detection band top " + settings.highHz()
                    + " Hz must be below half the sample rate (" + sampleRate / 2 + " Hz)");
        }
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
        this.handler = handler;
        this.hp = Biquad.highPass(settings.lowHz(), sampleRate);
        this.lp = Biquad.lowPass(settings.highHz(), sampleRate);
        this.gateHp = Biquad.highPass(settings.lowHz(), sampleRate);
        this.gateLp = Biquad.lowPass(settings.highHz(), sampleRate);
        this.hop = settings.hopSamples();
        this.filterDelay = (int) Math.round(Math.sqrt(2) / (2 * Math.PI * settings.highHz()) * sampleRate);
        this.pre = millisToSamples(settings.preWindowMs(), sampleRate);
        this.preHops = (pre + hop - 1) / hop;
        this.hopEnergy = new double[HISTORY_HOPS + preHops];
        this.post = millisToSamples(settings.postWindowMs(), sampleRate);
        this.minInterval = millisToSamples(settings.minIntervalMs(), sampleRate);
        this.tailSpan = millisToSamples(TAIL_MS, sampleRate);
        this.echoSpan = millisToSamples(ECHO_MS, sampleRate);
        this.ambiguityDelay = millisToSamples(15, sampleRate);
        this.envBlock = Math.max(1, millisToSamples(2, sampleRate));
        this.ratio = Math.pow(10, settings.thresholdDb() / 10);
        this.residueBefore = millisToSamples(2, sampleRate);
        this.residueAfter = millisToSamples(10, sampleRate);
        this.envHalf = Math.max(1, millisToSamples(1, sampleRate));
        this.peakFraction = settings.peakFraction();
        this.attackFraction = settings.attackFraction();
        this.attackWithin = millisToSamples(settings.attackWithinMs(), sampleRate);
        this.noiseFactor = settings.noiseFactor();
        int need = pre + 2 * (post + hop) + 4 * hop + 16;
        int size = Integer.highestOneBit(need) << 1;
        this.band = new float[size];
        this.rawAbs = new float[size];
        this.gateAbs = new float[size];
        this.mask = size - 1;
        this.maxSpan = pre + 2 * (post + hop);
    }

    /**
     * The onset of an isolated hit by this detector's definition: the first sample whose
     * band-passed magnitude reaches {@code peakFraction} of the band-passed peak <i>within the
     * detector's refinement window</i> (from {@code preWindowMs} before the crossing to one hop
     * plus {@code postWindowMs} after it) and is followed within {@code attackWithinMs} by one that
     * reaches {@code attackFraction} of that peak, minus the low-pass's group delay, rounded to a
     * sample. A soft first touch that does not lead into the attack within {@code attackWithinMs}
     * is passed over, as the detector passes over it. The window is found by iteration from the
     * whole hit's peak: a multi-burst clap whose loudest burst comes more than {@code postWindowMs}
     * after its first is defined, as the detector finds it, on its first burst. Use it to define
     * ground truth for a recorded hit placed in a test signal ("onset defined on the hit itself"),
     * and a cue's onset from its reference.
     *
     * @param hit the hit alone, starting in silence, full scale = 1
     * @param settings the detector tuning
     * @param sampleRate Hz
     * @return the onset's sample index in {@code hit} (may be negative by up to the filter delay), or
     *         {@link Integer#MIN_VALUE} for a silent hit
     */
    public static int onsetOf(float[] hit, DetectorSettings settings, float sampleRate) {
        Biquad h = Biquad.highPass(settings.lowHz(), sampleRate);
        Biquad l = Biquad.lowPass(settings.highHz(), sampleRate);
        double[] b = new double[hit.length];
        double peak = 0;
        for (int i = 0; i < hit.length; i++) {
            b[i] = Math.abs(l.step(h.step(hit[i])));
            peak = Math.max(peak, b[i]);
        }
        if (!(peak > 0)) {
            return Integer.MIN_VALUE;
        }
        int delay = (int) Math.round(Math.sqrt(2) / (2 * Math.PI * settings.highHz()) * sampleRate);
        int pre = millisToSamples(settings.preWindowMs(), sampleRate);
        int post = millisToSamples(settings.postWindowMs(), sampleRate) + settings.hopSamples();
        int within = millisToSamples(settings.attackWithinMs(), sampleRate);
        int at = firstLeadingIntoAttack(b, 0, settings, peak, within);
        // Each pass lowers the peak (a sub-window of the previous reach), so the crossing only moves earlier.
        for (int pass = 0; pass < 8; pass++) {
            int from = Math.max(0, at - pre);
            double p = 0;
            for (int i = from; i < Math.min(b.length, at + post + 1); i++) {
                p = Math.max(p, b[i]);
            }
            int next = firstLeadingIntoAttack(b, from, settings, p, within);
            if (next >= at) {
                break;
            }
            at = next;
        }
        return at - delay;
    }

    /**
     * The first index from {@code from} whose magnitude reaches {@code peakFraction * peak} and is
     * followed within {@code within} samples by one at {@code attackFraction * peak}.
     */
    private static int firstLeadingIntoAttack(double[] b, int from, DetectorSettings s, double peak, int within) {
        double level = s.peakFraction() * peak;
        double attack = s.attackFraction() * peak;
        int high = from - 1;
        for (int i = from; i < b.length; i++) {
            if (b[i] >= level) {
                if (high < i) {
                    high = i;
                    while (high < b.length && b[high] < attack) {
                        high++;
                    }
                    if (high == b.length) {
                        break;
                    }
                }
                if (high - i <= within) {
                    return i;
                }
            }
        }
        return b.length - 1;
    }

    private static int millisToSamples(double millis, float rate) {
        return (int) Math.round(millis * rate / 1000.0);
    }

    /**
     * Feeds samples (full scale = 1). Onsets found are passed to the handler before this returns.
     *
     * @param samples the buffer
     * @param offset the first sample to read
     * @param length how many samples
     */
    public void process(float[] samples, int offset, int length) {
        process(samples, null, offset, length);
    }

    /**
     * Feeds samples with a gate: what is expected to be left of the cues at the same samples (the
     * predicted cue sound scaled by the expected residue plus a margin). Onsets found are passed to
     * the handler before this returns.
     *
     * @param samples the buffer (the residual after cancellation)
     * @param gate the gate, aligned with {@code samples}, or null for none
     * @param offset the first sample to read in both
     * @param length how many samples
     */
    public void process(float[] samples, float[] gate, int offset, int length) {
        gated |= gate != null;
        for (int i = offset, end = offset + length; i < end; i++) {
            float x = samples[i];
            double v = lp.step(hp.step(x));
            int slot = (int) (n & mask);
            band[slot] = (float) v;
            rawAbs[slot] = Math.abs(x);
            double gv = gate == null ? 0 : gateLp.step(gateHp.step(gate[i]));
            gateAbs[slot] = (float) Math.abs(gv);
            gateAcc += gv * gv;
            n++;
            hopAcc += v * v;
            if (++hopFill == hop) {
                onHop(n - hop, hopAcc, gateAcc);
                hopAcc = 0;
                gateAcc = 0;
                hopFill = 0;
            }
            if (pendingTrigger >= 0 && n - pendingEnd >= 0) {
                refine(n, false);
            }
        }
    }

    /** Reports an onset still waiting for its full window (at the end of a stream). */
    public void flush() {
        if (pendingTrigger >= 0) {
            refine(n, true);
        }
    }

    /**
     * Samples fed so far.
     *
     * @return the count
     */
    public long samplesProcessed() {
        return n;
    }

    private void onHop(long start, double energy, double gateHop) {
        double gateWindow = 0.5 * (gateHop + gateEnergy[(hopsSeen + 1) & 1]);
        gateEnergy[hopsSeen & 1] = gateHop;
        if (hopsSeen >= 2 && pendingTrigger < 0 && start - refractoryUntil >= 0) {
            double previous = hopEnergy[(hopsSeen - 1) % hopEnergy.length];
            // Mean of the hops before the two-hop detection window: band-limited noise in one
            // 64-sample hop has only a few degrees of freedom, so a single-hop reference is too noisy.
            int count = Math.min(hopsSeen - 1, HISTORY_HOPS - 1);
            double reference = meanEnergy(2, count) + FLOOR_RMS * FLOOR_RMS * hop;
            double window = 0.5 * (energy + previous);
            // The slow noise floor takes full backgrounds only (16 hops): a stream's first hops hold
            // few samples, and where its noise ramps up (a device starting, these mixes' filtered
            // noise) their minimum held the floor under the steady noise for the next 0.7 s, and
            // noise passed the 18 dB test as a tap (0.29 s into a cue-only mix, before any cue).
            backgrounds[hopsSeen % NOISE_HOPS] = count >= HISTORY_HOPS - 1 ? reference : 0;
            if (count >= MIN_BACKGROUND_HOPS && window > ratio * reference && window > gateWindow) {
                pendingTrigger = start;
                pendingEnd = start + post;
                // The refinement's noise floor: the 16 hops before the pre-window it searches, so a
                // soft start of the hit itself (a tabla stroke's first touch) does not raise it.
                int older = Math.min(hopsSeen - 1 - preHops, HISTORY_HOPS - 1);
                double floor = older > 0 ? meanEnergy(1 + preHops, older) + FLOOR_RMS * FLOOR_RMS * hop : reference;
                pendingFloor = Math.sqrt(Math.min(floor, reference) / hop);
                pendingEarly = count < HISTORY_HOPS - 1;
            }
        }
        hopEnergy[hopsSeen % hopEnergy.length] = energy;
        hopsSeen++;
    }

    /** Mean band energy of {@code count} hops, the newest {@code back} hops before the current one. */
    private double meanEnergy(int back, int count) {
        if (count <= 0) {
            return 0;
        }
        double sum = 0;
        for (int k = back; k < back + count; k++) {
            sum += hopEnergy[(hopsSeen - k) % hopEnergy.length];
        }
        return sum / count;
    }

    private void refine(long end, boolean last) {
        long trigger = pendingTrigger;
        pendingTrigger = -1;
        long start = trigger - pre;
        long oldest = end - band.length + 1;
        if (start - oldest < 0) {
            start = oldest;
        }
        if (start - lastOnset <= 0) {
            start = lastOnset + 1;
        }
        if (start < 0) {
            start = 0;
        }
        double peak = 0;
        for (long i = start; i < end; i++) {
            peak = Math.max(peak, Math.abs(band[(int) (i & mask)]));
        }
        double threshold = Math.max(peakFraction * peak, noiseFactor * pendingFloor);
        double attack = attackFraction * peak;
        long onset = -1;
        // The next sample at or after the candidate that reaches the attack level.
        long high = start - 1;
        for (long i = start; i < end; i++) {
            int slot = (int) (i & mask);
            double v = Math.abs(band[slot]);
            if (v >= threshold && (!gated || v > RESIDUE_RATIO * gateEnvelope(i, start, end))) {
                if (high < i) {
                    high = i;
                    while (high < end && Math.abs(band[(int) (high & mask)]) < attack) {
                        high++;
                    }
                    if (high == end) {
                        break;
                    }
                }
                if (high - i <= attackWithin) {
                    onset = i;
                    break;
                }
            }
        }
        if (onset < 0) {
            return;
        }
        long reach = onset + post + hop + 1;
        if (!last && reach - end > 0 && reach - start <= maxSpan) {
            // The definition's window reaches postWindowMs plus a hop past the onset (onsetOf): one that
            // triggered early (on a soft first touch, or the cue's residue) has not seen the hit's peak yet.
            pendingTrigger = trigger;
            pendingEnd = reach;
            return;
        }
        // The candidate's own peak, for the noise tests: the band where it is not the cue's residue
        // (3 dB over the gate's envelope). A window holds 30 ms after its onset, and noise just before
        // a cue took the cue's residue arriving there for its peak (new held-out room 433, RT60 0.2:
        // a tap 11 ms before a beat).
        double own = gated ? ownPeak(start, end) : peak;
        if (pendingEarly && own < 10 * pendingFloor) {
            // At a stream's start the background rests on a few hops only: a candidate must stand
            // 20 dB clear of it, so noise at the start does not trigger.
            return;
        }
        if (own < NOISE_PEAK_RATIO * slowNoiseRms()) {
            // Low-frequency room noise swells and fades over tens of ms, longer than the trigger's
            // history: a candidate not 18 dB above the noise floor of the last 0.7 s is noise.
            return;
        }
        double gatePeak = 0;
        for (long i = Math.max(start, onset - residueBefore); i < Math.min(end, onset + residueAfter); i++) {
            gatePeak = Math.max(gatePeak, gateAbs[(int) (i & mask)]);
        }
        if (peak < RESIDUE_RATIO * gatePeak) {
            // Not clearly above what is left of the cue at the onset: reported as residue, and no
            // refractory window, so a tap just after it is still found.
            handler.onDetection(Math.max(0, onset - filterDelay), peak, Onset.CUE_RESIDUE);
            return;
        }
        if (peak < 10 * pendingFloor && onset - lastOnset < tailSpan
                && pendingFloor > TAIL_FLOOR_RATIO * slowNoiseRms() && !risesFrom(onset, start, peak)) {
            // Within 20 dB of a local floor 6 dB over the room's noise, within 300 ms of the last
            // onset, and no attack (the band already at a third of the peak 1-3 ms before): a swell
            // of that onset's tail (a drum's beating modes), not a new hit. Dropped, and no
            // refractory window, as for noise.
            return;
        }
        if (peak < 10 * pendingFloor && onset - lastOnset < echoSpan && ECHO_RATIO * peak < lastPeak
                && pendingFloor > ECHO_FLOOR_RATIO * slowNoiseRms()) {
            // Within 20 dB of a local floor 3 dB over the room's noise (the last hit's tail), within
            // 500 ms of the last onset and 20 dB or more under it: an echo of that hit in the room (a
            // reflection of a sharp hit has the hit's attack, so the swell rule's attack test does not
            // tell it). Dropped, and no refractory window.
            return;
        }
        int flags = 0;
        for (long i = onset; i < end; i++) {
            if (rawAbs[(int) (i & mask)] >= 0.999f) {
                flags |= Onset.CLIPPED;
                break;
            }
        }
        if (peak < 10 * pendingFloor) {
            // Noise this close to the peak makes any envelope look like several hits: no double-hit test.
            flags |= Onset.NEAR_NOISE_FLOOR;
        } else if (doubleHit(onset, end)) {
            flags |= Onset.AMBIGUOUS;
        }
        lastOnset = onset;
        lastPeak = peak;
        refractoryUntil = onset + minInterval;
        handler.onDetection(Math.max(0, onset - filterDelay), peak, flags);
    }

    /** The band's largest magnitude from {@code start} to {@code end} where it is 3 dB over the gate's envelope. */
    private double ownPeak(long start, long end) {
        double m = 0;
        for (long i = start; i < end; i++) {
            double v = Math.abs(band[(int) (i & mask)]);
            if (v > m && v > RESIDUE_RATIO * gateEnvelope(i, start, end)) {
                m = v;
            }
        }
        return m;
    }

    /** Whether the band rises into the onset: its magnitude 1-3 ms before it stays under a third of the peak. */
    private boolean risesFrom(long onset, long start, double peak) {
        double before = 0;
        for (long i = Math.max(start, onset - 3 * envHalf); i < onset - envHalf; i++) {
            before = Math.max(before, Math.abs(band[(int) (i & mask)]));
        }
        return before * TAIL_RISE < peak;
    }

    /** The gate's band magnitude envelope at a sample: its largest magnitude within +-1 ms. */
    private double gateEnvelope(long i, long start, long end) {
        double m = 0;
        for (long j = Math.max(start, i - envHalf); j <= Math.min(end - 1, i + envHalf); j++) {
            m = Math.max(m, gateAbs[(int) (j & mask)]);
        }
        return m;
    }

    private double slowNoiseRms() {
        int count = Math.min(hopsSeen, NOISE_HOPS);
        double min = Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            double b = backgrounds[i];
            if (b > 0 && b < min) {
                min = b;
            }
        }
        return min == Double.MAX_VALUE ? 0 : Math.sqrt(2 * min / hop);
    }

    private boolean doubleHit(long onset, long end) {
        double maxSoFar = 0;
        boolean dipped = false;
        for (long b = onset; b + envBlock <= end; b += envBlock) {
            double m = 0;
            for (long i = b; i < b + envBlock; i++) {
                m = Math.max(m, Math.abs(band[(int) (i & mask)]));
            }
            if (dipped && m >= 0.5 * maxSoFar && b - onset >= ambiguityDelay) {
                return true;
            }
            if (maxSoFar > 0 && m < 0.3 * maxSoFar) {
                dipped = true;
            }
            maxSoFar = Math.max(maxSoFar, m);
        }
        return false;
    }
}
