package org.entrain.session;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.entrain.audio.InputSpec;
import org.entrain.audio.LiveAudioInput;
import org.entrain.cancel.CueReferences;
import org.entrain.clock.NanoClock;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.OnsetListener;
import org.entrain.pattern.Voice;

/**
 * A microphone as a session's tap input: a {@link LiveAudioInput} with onset detection, its
 * samples recorded, and (unless on headphones) the cue's own sound cancelled, with the engine's
 * exact cue sounds as the reference and the calibrated output-to-input latency. Thread safe as
 * {@link TapInput} requires; {@link #cue} is allocation free.
 */
public final class MicrophoneInput implements TapInput {

    private final InputSpec spec;
    private final DetectorSettings settings;
    private final CueReferences references;
    private final Calibration calibration;
    private final TargetDataLine line;
    private volatile LiveAudioInput input;

    /**
     * A microphone input.
     *
     * @param spec which device and rate
     * @param settings the detector tuning ({@link DetectorSettings#taps()} or {@code steps()})
     * @param references the cue sounds to cancel, or null (headphones: the microphone does not hear the cue)
     * @param calibration the output-to-input latency ({@link Calibration#NONE} if not measured)
     */
    public MicrophoneInput(InputSpec spec, DetectorSettings settings, CueReferences references, Calibration calibration) {
        this(spec, settings, references, calibration, null);
    }

    /**
     * A microphone input on a line the caller made (see {@link LiveAudioInput.Builder#line}).
     *
     * @param spec which device and rate (the line must deliver its format)
     * @param settings the detector tuning ({@link DetectorSettings#taps()} or {@code steps()})
     * @param references the cue sounds to cancel, or null (headphones: the microphone does not hear the cue)
     * @param calibration the output-to-input latency ({@link Calibration#NONE} if not measured)
     * @param line the capture line, or null to open the spec's device
     */
    public MicrophoneInput(InputSpec spec, DetectorSettings settings, CueReferences references, Calibration calibration,
                           TargetDataLine line) {
        if (spec == null || settings == null || calibration == null) {
            throw new IllegalArgumentException("microphone input needs a spec, detector settings and a calibration");
        }
        this.spec = spec;
        this.settings = settings;
        this.references = references;
        this.calibration = calibration;
        this.line = line;
    }

    @Override
    public String name() {
        return "microphone '" + (spec.mixer() == null ? "default" : spec.mixer()) + "'";
    }

    @Override
    public String fault() {
        LiveAudioInput in = input;
        return in == null ? null : in.fault();
    }

    @Override
    public String describe() {
        return "microphone " + (spec.mixer() == null ? "default" : spec.mixer())
                + (references == null ? " (headphones: no cue cancellation)" : " (cue cancellation on)");
    }

    @Override
    public float audioSampleRate() {
        return spec.sampleRate();
    }

    @Override
    public void start(NanoClock clock, OnsetListener onsets, AudioSink audio) throws IOException {
        // Onset times corrected by the calibrated output-to-input latency: cue and tap on one time line.
        OnsetListener corrected = calibration.latencyNanos() == 0 ? onsets : o -> onsets.onOnset(calibration.correct(o));
        LiveAudioInput.Builder b = LiveAudioInput.builder(spec).clock(clock).detect(settings, corrected)
                .sampleTap(audio::samples);
        if (line != null) {
            b.line(line);
        }
        if (references != null && Calibration.NONE.equals(calibration)) {
            // No calibration: the cues heard are the markers; the input finds the latency itself
            // and reports onsets on the cues' time line.
            b.cancelCues(references);
        } else if (references != null) {
            b.cancelCues(references, calibration);
        }
        LiveAudioInput in;
        try {
            in = b.open();
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IOException("the microphone '" + (spec.mixer() == null ? "default" : spec.mixer())
                    + "' cannot be opened: " + e.getMessage(), e);
        }
        input = in;
        in.start();
    }

    @Override
    public CueHearing cueHearing() {
        LiveAudioInput in = input;
        if (in == null || references == null || !Calibration.NONE.equals(calibration)) {
            return null;
        }
        double found = in.acousticLatencyNanos();
        CueHearing.State state = !Double.isNaN(found) ? CueHearing.State.FOUND
                : in.cuesNotHeard() ? CueHearing.State.NOT_HEARD : CueHearing.State.SEARCHING;
        return new CueHearing(state, found, in.cancellationDepthDb());
    }

    @Override
    public long reportDelayNanos() {
        // The latency (calibrated or found from the cues heard), plus the canceller's delay (the
        // 550 ms reference with the room path, plus 40 ms) and the detector's window.
        LiveAudioInput in = input;
        double found = in == null ? Double.NaN : in.acousticLatencyNanos();
        return Math.max(0, Math.max(calibration.latencyNanos(), Double.isNaN(found) ? 0 : (long) found)) + 700_000_000L;
    }

    @Override
    public void cue(long soundNanos, Voice voice, int velocity) {
        LiveAudioInput in = input;
        if (in != null && references != null) {
            in.addCue(soundNanos, voice, velocity);
        }
    }

    @Override
    public void stop() {
        LiveAudioInput in = input;
        if (in != null) {
            in.close();
        }
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("input device", spec.mixer() == null ? "default" : spec.mixer());
        m.put("input buffer frames", Integer.toString(spec.bufferFrames()));
        m.put("cue cancellation", references == null ? "off (headphones)" : "on");
        m.put("calibration", calibration.format());
        LiveAudioInput in = input;
        if (in != null) {
            m.put("input dropped frames", Long.toString(in.droppedFrames()));
        }
        return m;
    }
}
