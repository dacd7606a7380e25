package org.entrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.LineUnavailableException;
import org.entrain.audio.AudioFileOnsets;
import org.entrain.audio.DetectionReport;
import org.entrain.audio.InputSpec;
import org.entrain.audio.LiveAudioInput;
import org.entrain.cancel.CancellationSettings;
import org.entrain.clock.SystemNanoClock;
import org.entrain.csv.CueCsv;
import org.entrain.midi.RenderedCueReferences;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.Onset;
import org.entrain.schedule.CueEvent;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entrain detect}: taps or steps from a recording or a live input, as CSV. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Detect taps or footsteps in a recording or from a live input; write index,time_s,strength,flags as CSV.",
                "Onset = first sample whose band-passed envelope reaches 10 %% of the hit's peak and 30 %% within 2 ms (see the onset package docs).",
                "With speakers, pass --cues (and the --sounds/--soundbank the cues were played with): the cues' own sound is",
                "removed with its exact rendered reference, the alignment is found in the recording, and onset times are",
                "written on the cue file's time line (the cues heard in the same recording are the markers). The first",
                "--count-in bars must be listen-only (no tapping): the room is measured there."})
final class DetectCommand implements Callable<Integer> {

    /** The CSV header. */
    static final String HEADER = "index,time_s,strength,flags";

    static final class Source {
        @Option(names = "--audio", paramLabel = "FILE", required = true,
                description = "a recording (WAV, AIFF or AU; any PCM rate, width and channel count)")
        Path audio;

        @Option(names = "--input", paramLabel = "NAME", required = true,
                description = "a live input device by name (or part of it); 'default' for the default input")
        String input;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--seconds", paramLabel = "N", description = "with --input: how long to listen, 0.1..86400 s")
    Double seconds;

    @Option(names = "--csv", paramLabel = "FILE", description = "write the CSV here instead of stdout")
    Path csv;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "taps",
            description = "taps (hands on a table) or steps (heel strikes) (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--threshold", paramLabel = "DB", description = "trigger rise in dB, 1..60 (taps and steps: 8)")
    Double threshold;

    @Option(names = "--min-interval", paramLabel = "MS", description = "minimum time between onsets, 5..2000 ms (taps 80, steps 250)")
    Double minInterval;

    @Option(names = "--band", paramLabel = "LOW-HIGH", description = "detection band in Hz, e.g. 40-1200 (taps), 20-400 (steps)")
    String band;

    @Option(names = "--channel", paramLabel = "N", description = "channel to analyse, from 1 (files: default the mix of all; inputs: 1)")
    Integer channel;

    @Option(names = "--channels", paramLabel = "N", defaultValue = "1", description = "with --input: channels to open, 1..32 (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "44100", description = "with --input: sample rate, 44100 or 48000 (default: ${DEFAULT-VALUE})")
    float rate;

    @Option(names = "--cues", paramLabel = "FILE", description = "with --audio: the cue CSV the recording was made with (entrain render/plan), to keep the cues' own sound apart")
    Path cues;

    @Option(names = "--count-in", paramLabel = "BARS", defaultValue = "1",
            description = "with --cues: listen-only bars at the start, 1..16, where the room is measured (default: ${DEFAULT-VALUE})")
    int countIn;

    @Option(names = "--cue-offset", paramLabel = "S", defaultValue = "0",
            description = "with --cues, only if the cues are not heard (headphones): where the cues' time 0 lies in the recording, s (default: ${DEFAULT-VALUE})")
    double cueOffset;

    @Option(names = "--keep-residue", description = "with --cues: also write onsets that cannot be told from the cue's residue (flag cue-residue; not taps)")
    boolean keepResidue;

    @Option(names = "--calibration", paramLabel = "FILE", description = "a calibration written by 'entrain calibrate': its latency is taken off onset times "
            + "(with --cues: only when the cues are not heard, as with headphones)")
    Path calibrationFile;

    @Mixin
    SoundOptions sound;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, LineUnavailableException {
        DetectorSettings settings = settings();
        // A calibration's drift line refers to the calibration run's own clock: here only its latency applies.
        Calibration cal = calibrationFile == null ? Calibration.NONE : readCalibration(calibrationFile).withoutDrift();
        List<Onset> onsets;
        if (source.audio != null) {
            if (seconds != null) {
                throw new IllegalArgumentException("--seconds goes with --input, not --audio");
            }
            onsets = detectFile(settings, cal);
        } else {
            if (seconds == null || !(seconds >= 0.1 && seconds <= 86_400)) {
                throw new IllegalArgumentException("--input needs --seconds between 0.1 and 86400, was " + seconds);
            }
            if (cues != null) {
                throw new IllegalArgumentException("--cues goes with --audio; live cancellation is in the session API");
            }
            long[] originOut = new long[1];
            List<Onset> live = detectLive(settings, originOut);
            onsets = new ArrayList<>();
            for (Onset o : live) {
                onsets.add(new Onset(cal.correct(o.timeNanos()) - originOut[0], o.strength(), o.source(), o.flags()));
            }
        }
        write(onsets);
        return 0;
    }

    private DetectorSettings settings() {
        DetectorSettings s = DetectorSettings.preset(preset);
        if (threshold != null) {
            if (!(threshold >= 1 && threshold <= 60)) {
                throw new IllegalArgumentException("--threshold must be between 1 and 60 dB, was " + threshold);
            }
            s = s.withThresholdDb(threshold);
        }
        if (minInterval != null) {
            if (!(minInterval >= 5 && minInterval <= 2000)) {
                throw new IllegalArgumentException("--min-interval must be between 5 and 2000 ms, was " + minInterval);
            }
            s = s.withMinIntervalMs(minInterval);
        }
        if (band != null) {
            String[] p = band.split("-");
            double lo;
            double hi;
            try {
                lo = Double.parseDouble(p[0].trim());
                hi = Double.parseDouble(p[1].trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--band must look like 40-1200 (Hz), was '" + band + "'");
            }
            if (!(lo >= 10 && hi <= 20_000 && hi > lo)) {
                throw new IllegalArgumentException("--band must be LOW-HIGH with 10 <= LOW < HIGH <= 20000 Hz, was '" + band + "'");
            }
            s = s.withBand(lo, hi);
        }
        return s;
    }

    private List<Onset> detectFile(DetectorSettings settings, Calibration cal) throws IOException {
        requireFile(source.audio, "audio file");
        int fileChannels = AudioFileOnsets.channels(source.audio);
        if (channel != null && (channel < 1 || channel > fileChannels)) {
            throw new IllegalArgumentException("--channel must be between 1 and " + fileChannels + " (the file has "
                    + fileChannels + (fileChannels == 1 ? " channel" : " channels") + "), was " + channel);
        }
        float rate = AudioFileOnsets.sampleRate(source.audio);
        if (!(settings.highHz() < rate / 2)) {
            throw new IllegalArgumentException("--band top " + settings.highHz() + " Hz must be below half the recording's rate ("
                    + rate / 2 + " Hz)");
        }
        int ch = channel == null ? -1 : channel - 1;
        if (cues == null) {
            if (keepResidue) {
                throw new IllegalArgumentException("--keep-residue goes with --cues");
            }
            List<Onset> found = AudioFileOnsets.detect(source.audio, ch, settings, null);
            List<Onset> out = new ArrayList<>();
            for (Onset o : found) {
                out.add(new Onset(cal.correct(o.timeNanos()), o.strength(), o.source(), o.flags()));
            }
            return out;
        }
        if (countIn < 1 || countIn > 16) {
            throw new IllegalArgumentException("--count-in must be between 1 and 16 bars, was " + countIn);
        }
        if (!(cueOffset >= 0 && cueOffset <= 3600)) {
            throw new IllegalArgumentException("--cue-offset must be between 0 and 3600 s, was " + cueOffset);
        }
        requireFile(cues, "cue CSV");
        List<CueEvent> events;
        try (Reader r = Files.newBufferedReader(cues, StandardCharsets.UTF_8)) {
            events = CueCsv.read(r, cues.toString());
        }
        DetectionReport rep = detectWithCues(source.audio, ch, rate, settings, events, sound, countIn,
                Math.round(cueOffset * 1e9) + cal.latencyNanos());
        PrintWriter err = spec.commandLine().getErr();
        printReport(rep, err);
        err.flush();
        List<Onset> out = new ArrayList<>();
        for (Onset o : keepResidue ? rep.onsets() : rep.taps()) {
            out.add(new Onset(Math.max(0, rep.toScheduleNanos(o.timeNanos())), o.strength(), o.source(), o.flags()));
        }
        return out;
    }

    /**
     * Detection with the cues' own sound kept apart: references rendered from the sound options.
     *
     * @param audio the recording
     * @param ch the channel from 0, or -1 for the mix
     * @param rate its rate, Hz
     * @param settings the detector tuning
     * @param events the cue schedule
     * @param sound the sound options the cues were played with
     * @param countInBars listen-only bars
     * @param unheardOffsetNanos where the schedule's 0 lies if the cues are not heard
     * @return the report
     * @throws IOException if the file cannot be read
     */
    static DetectionReport detectWithCues(Path audio, int ch, float rate, DetectorSettings settings, List<CueEvent> events,
                                          SoundOptions sound, int countInBars, long unheardOffsetNanos) throws IOException {
        float[] samples = AudioFileOnsets.readMono(audio, ch);
        RenderedCueReferences refs = RenderedCueReferences.render(sound.cueSounds(), sound.settings(40_000), rate);
        return AudioFileOnsets.detect(samples, rate, settings, events, refs,
                CancellationSettings.defaults().withCountInBars(countInBars), unheardOffsetNanos);
    }

    /**
     * What cancellation found, on stderr: an {@code entrain: note: } line, and an
     * {@code entrain: warning: } line if the depth is low.
     */
    static void printReport(DetectionReport rep, PrintWriter err) {
        err.println("entrain: note: " + describe(rep));
        if (rep.warning() != null) {
            err.println("entrain: warning: " + rep.warning());
        }
    }

    /** One line on what cancellation found. */
    static String describe(DetectionReport rep) {
        if (!rep.cuesHeard()) {
            return "cues not heard in the recording (headphones?): onsets analysed as they are, cues placed by --cue-offset and --calibration";
        }
        long residue = rep.onsets().size() - rep.taps().size();
        return String.format(Locale.ROOT, "cues found in the recording: %d aligned, latency %.1f ms, drift %+.1f ppm; "
                        + "cancellation depth %.1f dB on the count-in, %s on cue-only stretches; %d onsets flagged cue-residue",
                rep.cuesAligned(), rep.latencyNanos() / 1e6, rep.driftPpm(), rep.depthDb(),
                Double.isNaN(rep.cueOnlyDepthDb()) ? "n/a" : String.format(Locale.ROOT, "%.1f dB", rep.cueOnlyDepthDb()), residue);
    }

    private List<Onset> detectLive(DetectorSettings settings, long[] origin) throws LineUnavailableException {
        if (channels < 1 || channels > 32) {
            throw new IllegalArgumentException("--channels must be between 1 and 32, was " + channels);
        }
        if (channel != null && (channel < 1 || channel > channels)) {
            throw new IllegalArgumentException("--channel must be between 1 and --channels (" + channels + "), was " + channel);
        }
        int ch = channel == null ? 0 : channel - 1;
        InputSpec in = new InputSpec(source.input, channels, ch, rate, 256);
        List<Onset> found = Collections.synchronizedList(new ArrayList<>());
        LiveAudioInput live = LiveAudioInput.builder(in).clock(SystemNanoClock.INSTANCE).detect(settings, found::add).open();
        PrintWriter err = spec.commandLine().getErr();
        err.println("listening on " + (source.input == null ? "default" : source.input) + " for " + seconds + " s ...");
        err.flush();
        long frames = Math.round(seconds * rate);
        try {
            live.start();
            while (live.framesRead() < frames) {
                LockSupport.parkNanos(10_000_000);
            }
        } finally {
            live.close();
        }
        origin[0] = live.nanosAt(0);
        if (live.dropCount() > 0) {
            err.println("warning: the input dropped " + live.droppedFrames() + " frames in " + live.dropCount()
                    + " places; later times were corrected");
        }
        synchronized (found) {
            return new ArrayList<>(found);
        }
    }

    private void write(List<Onset> onsets) throws IOException {
        if (csv == null) {
            PrintWriter out = spec.commandLine().getOut();
            writeCsv(onsets, out);
            out.flush();
        } else {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                writeCsv(onsets, w);
            }
            spec.commandLine().getOut().println(onsets.size() + " onsets written to " + csv);
        }
    }

    static void writeCsv(List<Onset> onsets, Writer w) throws IOException {
        w.write(HEADER);
        w.write('\n');
        int i = 0;
        for (Onset o : onsets) {
            w.write(String.format(Locale.ROOT, "%d,%.6f,%.6f,%s%n", i++, o.timeNanos() / 1e9, o.strength(), flags(o)));
        }
        w.flush();
    }

    static String flags(Onset o) {
        List<String> f = new ArrayList<>();
        if (o.has(Onset.AMBIGUOUS)) {
            f.add("ambiguous");
        }
        if (o.has(Onset.CLIPPED)) {
            f.add("clipped");
        }
        if (o.has(Onset.NEAR_NOISE_FLOOR)) {
            f.add("near-noise-floor");
        }
        if (o.has(Onset.CUE_RESIDUE)) {
            f.add("cue-residue");
        }
        return String.join("|", f);
    }

    static Calibration readCalibration(Path file) throws IOException {
        requireFile(file, "calibration file");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                return Calibration.parse(line);
            }
        }
        throw new IllegalArgumentException("calibration file " + file + " is empty");
    }

    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + " does not exist");
        }
    }
}
