package org.entrain.session;

import java.util.Locale;
import org.entrain.clock.NanoClock;

/**
 * The session's watchdog on its tap input. Thread safe in two roles: {@link #samples} is the
 * input's audio sink, called on the input's thread (it notes the time of each buffer, counts runs
 * of digital silence and passes the buffer on, allocation free); {@link #check} is called only by
 * the event thread (or the virtual-time driver). It finds, in engine time:
 * <ul>
 *   <li>a fault the input reports itself ({@link TapInput#fault()}: its line threw or closed);</li>
 *   <li>an audio input that delivers nothing for more than {@link #STALL_NANOS} (a stalled
 *       driver; {@link #FIRST_AUDIO_NANOS} before its first buffer), and that it delivers again;</li>
 *   <li>an audio input that delivers only exact zeros for {@link #SILENCE_SECONDS} (muted,
 *       or a dead channel): a warning only, its taps are still measured.</li>
 * </ul>
 */
final class InputWatch implements TapInput.AudioSink {

    /** Longest gap between two audio buffers before the input counts as stopped: 1 s. */
    static final long STALL_NANOS = 1_000_000_000L;
    /** Longest wait for the first audio buffer after the start: 3 s (a device may start slowly). */
    static final long FIRST_AUDIO_NANOS = 3_000_000_000L;
    /** Digital silence (every sample exactly 0) this long gives a warning: 10 s. */
    static final double SILENCE_SECONDS = 10.0;

    /** What {@link #check} found. */
    enum Kind {
        /** The input stopped delivering: taps from then on are not measured. */
        STOPPED,
        /** The input delivers again after a stall. */
        RESUMED,
        /** Only digital silence for a long time (a warning). */
        SILENT
    }

    /**
     * One finding.
     *
     * @param kind what
     * @param nanos when, engine nanos (the last audio before a stop; the first after a resume)
     * @param message the line for the user
     */
    record Finding(Kind kind, long nanos, String message) {
    }

    private final NanoClock clock;
    private final TapInput input;
    private final TapInput.AudioSink next;
    private final boolean audio;
    private final long silenceFrames;
    private final long startNanos;

    // audio thread writes, event thread reads
    private volatile long lastAudioNanos = Long.MIN_VALUE;
    private volatile long silentSinceNanos = Long.MIN_VALUE;
    private long zeroRun;

    // event thread
    private boolean stopped;
    private boolean faulted;
    private boolean silenceReported;
    private long stoppedAt;

    /**
     * A watch on an input, started now.
     *
     * @param clock the session's clock
     * @param input the input watched
     * @param next where the audio goes on to (the recording)
     */
    InputWatch(NanoClock clock, TapInput input, TapInput.AudioSink next) {
        this.clock = clock;
        this.input = input;
        this.next = next;
        float rate = input.audioSampleRate();
        this.audio = rate > 0;
        this.silenceFrames = Math.round(SILENCE_SECONDS * rate);
        this.startNanos = clock.nanoTime();
    }

    @Override
    public void samples(float[] samples, int length, long firstFrame) {
        long now = clock.nanoTime();
        lastAudioNanos = now;
        for (int i = 0; i < length; i++) {
            if (samples[i] == 0f) {
                zeroRun++;
            } else {
                zeroRun = 0;
            }
        }
        if (audio && zeroRun >= silenceFrames && silentSinceNanos == Long.MIN_VALUE) {
            silentSinceNanos = now - Math.round(zeroRun * SILENCE_SECONDS * 1e9 / silenceFrames);
        }
        next.samples(samples, length, firstFrame);
    }

    /**
     * Whether the input has stopped delivering (and not resumed).
     *
     * @return true after a {@link Kind#STOPPED} finding
     */
    boolean stopped() {
        return stopped;
    }

    /**
     * Looks for a change; call repeatedly until it returns null.
     *
     * @param now engine nanos
     * @param originNanos the session's time 0:00 for the messages (its first cue)
     * @return what changed, or null
     */
    Finding check(long now, long originNanos) {
        long last = lastAudioNanos;
        if (!faulted) {
            String why = input.fault();
            if (why != null) {
                faulted = true;
                long at = audio && last != Long.MIN_VALUE ? last : now;
                if (stopped) {
                    return new Finding(Kind.STOPPED, at, input.name() + " failed (" + why + ")");
                }
                stopped = true;
                stoppedAt = at;
                return new Finding(Kind.STOPPED, at, input.name() + " stopped delivering audio at " + clock(at, originNanos)
                        + " (" + why + "); cues continue, taps after that are not measured");
            }
        }
        if (!audio || faulted) {
            return null;
        }
        if (!stopped) {
            long since = last == Long.MIN_VALUE ? startNanos : last;
            long limit = last == Long.MIN_VALUE ? FIRST_AUDIO_NANOS : STALL_NANOS;
            if (now - since > limit) {
                stopped = true;
                stoppedAt = since;
                return new Finding(Kind.STOPPED, since, input.name() + " stopped delivering audio at " + clock(since, originNanos)
                        + String.format(Locale.ROOT, " (nothing for %.1f s)", limit / 1e9)
                        + "; cues continue, taps are not measured until it delivers again");
            }
        } else if (last != Long.MIN_VALUE && last - stoppedAt > 0) {
            stopped = false;
            return new Finding(Kind.RESUMED, last, input.name() + " delivers audio again at " + clock(last, originNanos)
                    + String.format(Locale.ROOT, " after %.1f s without; its taps are measured again", (last - stoppedAt) / 1e9));
        }
        long silent = silentSinceNanos;
        if (!silenceReported && silent != Long.MIN_VALUE) {
            silenceReported = true;
            return new Finding(Kind.SILENT, silent, input.name() + " has delivered only digital silence (every sample 0) since "
                    + clock(silent, originNanos) + ": is it muted or unplugged?");
        }
        return null;
    }

    /** m:ss from the origin, as the live display shows elapsed time. */
    static String clock(long nanos, long originNanos) {
        long s = Math.max(0, (nanos - originNanos) / 1_000_000_000L);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
