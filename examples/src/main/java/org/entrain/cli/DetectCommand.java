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
import org.entrain.clock.SystemNanoClock;
import org.entrain.onset.AudioFileOnsets;
import org.entrain.onset.Calibration;
import org.entrain.onset.CueBleed;
import org.entrain.onset.DetectorSettings;
import org.entrain.onset.InputSpec;
import org.entrain.onset.LiveAudioInput;
import org.entrain.onset.Onset;
import org.entrain.csv.CueCsv;
import org.entrain.schedule.CueEvent;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entrain detect}: taps or steps from a recording or a live input, as CSV. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Detect taps or footsteps in a recording or from a live input; write index,time_s,strength,flags as CSV.",
                "Onset = first sample whose band-passed envelope reaches 10 %% of the hit's peak (see the onset package docs).",
                "Recommended set-up: headphones for the cues (the microphone then hears taps only); with speakers, pass --cues."})
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

    @Option(names = "--cues", paramLabel = "FILE", description = "with --audio: the cue CSV of the session (entrain plan), to keep the cues' own sound apart")
    Path cues;

    @Option(names = "--cue-offset", paramLabel = "S", defaultValue = "0",
            description = "with --cues: where the cues' time 0 lies in the recording, in s (default: ${DEFAULT-VALUE})")
    double cueOffset;

    @Option(names = "--cue-sound", paramLabel = "FILE", description = "with --cues: the cue's waveform (WAV at the recording's rate); default: estimated from the recording")
    Path cueSound;

    @Option(names = "--calibration", paramLabel = "FILE", description = "a calibration written by 'entrain calibrate': cues are placed latency later, and onset times are corrected by it")
    Path calibrationFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, LineUnavailableException {
        DetectorSettings settings = settings();
        Calibration cal = calibrationFile == null ? Calibration.NONE : readCalibration(calibrationFile);
        List<Onset> onsets;
        long origin;
        if (source.audio != null) {
            if (seconds != null) {
                throw new IllegalArgumentException("--seconds goes with --input, not --audio");
            }
            onsets = detectFile(settings, cal);
            origin = 0;
        } else {
            if (seconds == null || !(seconds >= 0.1 && seconds <= 86_400)) {
                throw new IllegalArgumentException("--input needs --seconds between 0.1 and 86400, was " + seconds);
            }
            if (cues != null) {
                throw new IllegalArgumentException("--cues goes with --audio; live cancellation is in the session API");
            }
            long[] originOut = new long[1];
            onsets = detectLive(settings, originOut);
            origin = originOut[0];
        }
        write(onsets, cal, origin);
        return 0;
    }

    private DetectorSettings settings() {
        DetectorSettings s = DetectorSettings.preset(preset);
        if (threshold != null) {
            s = s.withThresholdDb(threshold);
        }
        if (minInterval != null) {
            s = s.withMinIntervalMillis(minInterval);
        }
        if (band != null) {
            String[] p = band.split("-");
            try {
                s = s.withBand(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
            } catch (RuntimeException e) {
                if (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException)) {
                    throw e;
                }
                throw new IllegalArgumentException("--band must look like 40-1200 (Hz), was '" + band + "'");
            }
        }
        return s;
    }

    private List<Onset> detectFile(DetectorSettings settings, Calibration cal) throws IOException {
        int ch = channel == null ? -1 : channel - 1;
        if (channel != null && channel < 1) {
            throw new IllegalArgumentException("--channel must be 1 or more, was " + channel);
        }
        CueBleed bleed = null;
        if (cues != null) {
            requireFile(cues, "cue CSV");
            List<CueEvent> events;
            try (Reader r = Files.newBufferedReader(cues, StandardCharsets.UTF_8)) {
                events = CueCsv.read(r, cues.toString());
            }
            long offset = Math.round(cueOffset * 1e9);
            long[] at = new long[events.size()];
            for (int i = 0; i < at.length; i++) {
                long t = offset + events.get(i).timeNanos();
                at[i] = t + cal.latencyAt(t);
            }
            float[] template = null;
            if (cueSound != null) {
                requireFile(cueSound, "cue sound");
                template = AudioFileOnsets.readMono(cueSound, -1);
            }
            bleed = template == null ? CueBleed.estimated(at) : CueBleed.of(at, template);
        } else if (cueSound != null) {
            throw new IllegalArgumentException("--cue-sound goes with --cues");
        }
        requireFile(source.audio, "audio file");
        return AudioFileOnsets.detect(source.audio, ch, settings, bleed);
    }

    private List<Onset> detectLive(DetectorSettings settings, long[] origin) throws LineUnavailableException {
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

    private void write(List<Onset> onsets, Calibration cal, long origin) throws IOException {
        if (csv == null) {
            PrintWriter out = spec.commandLine().getOut();
            writeCsv(onsets, cal, origin, out);
            out.flush();
        } else {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                writeCsv(onsets, cal, origin, w);
            }
            spec.commandLine().getOut().println(onsets.size() + " onsets written to " + csv);
        }
    }

    static void writeCsv(List<Onset> onsets, Calibration cal, long origin, Writer w) throws IOException {
        w.write(HEADER);
        w.write('\n');
        int i = 0;
        for (Onset o : onsets) {
            long t = cal.correct(o.timeNanos()) - origin;
            w.write(String.format(Locale.ROOT, "%d,%.6f,%.6f,%s%n", i++, t / 1e9, o.strength(), flags(o)));
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
