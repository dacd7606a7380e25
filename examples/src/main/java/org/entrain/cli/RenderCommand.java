package org.entrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sound.midi.MidiUnavailableException;
import org.entrain.midi.MidiFiles;
import org.entrain.midi.OfflineRenderer;
import org.entrain.pattern.Pattern;
import org.entrain.csv.CueCsv;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entrain render}: renders a plan offline to WAV, MIDI file and cue CSV. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render offline, no sound card needed: --wav FILE (44.1 kHz 16-bit mono, sample-accurate), "
                + "--midi FILE (Standard MIDI File), --cues FILE (cue CSV; time_s is where each sound begins in the WAV).")
final class RenderCommand implements Callable<Integer> {

    @Mixin
    TempoOptions tempo;

    @Mixin
    SoundOptions sound;

    @Option(names = "--wav", paramLabel = "FILE", description = "write the audio here")
    Path wav;

    @Option(names = "--midi", paramLabel = "FILE", description = "write a Standard MIDI File here")
    Path midi;

    @Option(names = "--cues", paramLabel = "FILE", description = "write the cue CSV here")
    Path cues;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, MidiUnavailableException {
        if (wav == null && midi == null && cues == null) {
            throw new IllegalArgumentException("render needs at least one of --wav FILE, --midi FILE, --cues FILE");
        }
        requireExtension("--wav", wav, "a WAV file (44.1 kHz 16-bit); name it .wav", ".wav");
        requireExtension("--midi", midi, "a Standard MIDI File; name it .mid or .midi", ".mid", ".midi", ".smf");
        Pattern pattern = tempo.pattern();
        TempoMap map = tempo.tempoMap(pattern.beatsPerBar());
        Length end = tempo.end(true);
        String warning = tempo.cutShortWarning(map, end, pattern.beatsPerBar());
        if (warning != null) {
            spec.commandLine().getErr().println("entrain: " + warning);
        }
        var sounds = sound.cueSounds();
        PrintWriter out = spec.commandLine().getOut();
        List<CueEvent> plan;
        if (wav != null) {
            long t0 = System.nanoTime();
            OfflineRenderer.Result r = OfflineRenderer.render(map, pattern, end, sounds, sound.settings(40_000), wav);
            plan = r.cues();
            out.printf(Locale.ROOT, "wrote %s: %d cues, %.3f s of audio in %.2f s (synth offset %d samples removed)%n",
                    wav, plan.size(), r.frames() / r.sampleRate(), (System.nanoTime() - t0) / 1e9, r.offsetSamples());
        } else {
            plan = CuePlanner.plan(map, pattern, end);
        }
        if (midi != null) {
            MidiFiles.write(map, pattern.meter(), plan, sounds, null, midi);
            out.println("wrote " + midi + ": " + plan.size() + " cues, tempo map in track 0");
        }
        if (cues != null) {
            try (Writer w = Files.newBufferedWriter(cues, StandardCharsets.UTF_8)) {
                CueCsv.write(plan, w);
            }
            out.println("wrote " + cues + ": " + plan.size() + " cues");
        }
        out.flush();
        return 0;
    }

    /** Refuses a file name whose extension promises another format than the one written. */
    static void requireExtension(String option, Path file, String what, String... extensions) {
        if (file == null) {
            return;
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : extensions) {
            if (name.endsWith(e) && name.length() > e.length()) {
                return;
            }
        }
        throw new IllegalArgumentException(option + " '" + file + "': this writes " + what);
    }
}
