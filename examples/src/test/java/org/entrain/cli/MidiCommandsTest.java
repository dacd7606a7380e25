package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import org.entrain.midi.MidiPortInfo;
import org.entrain.midi.MidiPorts;
import org.entrain.schedule.CueCsv;
import org.entrain.schedule.CueEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class MidiCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return EntrainCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldRenderWavMidiAndCues() throws Exception {
        Path wav = dir.resolve("a.wav");
        Path mid = dir.resolve("a.mid");
        Path csv = dir.resolve("a.csv");
        int code = run("render", "--bpm", "90", "--to", "120", "--over", "4bars", "--subdivide", "2", "--bars", "6",
                "--wav", wav.toString(), "--midi", mid.toString(), "--cues", csv.toString());
        assertThat(code).as(err.toString()).isZero();
        List<CueEvent> cues = CueCsv.read(Files.newBufferedReader(csv), "a.csv");
        assertThat(cues).hasSize(48);
        Sequence s = MidiSystem.getSequence(mid.toFile());
        assertThat(s.getTracks()).hasSize(2);
        assertThat(Files.size(wav)).isGreaterThan(44 + 2L * 44_100 * (long) cues.get(47).timeSeconds());
        assertThat(out.toString()).contains("48 cues").contains("synth offset 102 samples");
    }

    @Test
    void shouldListDevicesAsJson() throws Exception {
        assertThat(run("devices", "--json")).isZero();
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        // The JDK's own devices, as the library sees them: Gervill and the sequencer out, the sequencer in.
        for (String key : List.of("midi_outputs", "midi_inputs")) {
            List<MidiPortInfo> ports = key.equals("midi_outputs") ? MidiPorts.outputs() : MidiPorts.inputs();
            assertThat(ports).isNotEmpty();
            assertThat(j.get(key)).as(key).hasSize(ports.size());
            for (int i = 0; i < ports.size(); i++) {
                assertThat(j.get(key).get(i).get("name").asText()).isEqualTo(ports.get(i).name());
                assertThat(j.get(key).get(i).get("vendor").asText()).isEqualTo(ports.get(i).vendor());
                assertThat(j.get(key).get(i).get("kind").asText()).isEqualTo(ports.get(i).kind().label());
            }
        }
        assertThat(j.get("midi_outputs").findValuesAsText("kind")).contains("software synth", "sequencer");
        assertThat(j.get("audio_inputs").isArray()).isTrue();
    }

    @Test
    void shouldListDevicesAsText() {
        assertThat(run("devices")).isZero();
        List<String> lines = out.toString().lines().toList();
        int outputs = lines.indexOf("MIDI outputs:");
        int inputs = lines.indexOf("MIDI inputs:");
        assertThat(outputs).isZero();
        assertThat(inputs).isPositive();
        assertThat(lines.indexOf("Audio inputs:")).isGreaterThan(inputs);
        List<MidiPortInfo> ports = MidiPorts.outputs();
        assertThat(ports).isNotEmpty();
        assertThat(lines.subList(outputs + 1, inputs)).hasSize(ports.size());
        for (int i = 0; i < ports.size(); i++) {
            assertThat(lines.get(outputs + 1 + i)).startsWith("  " + ports.get(i).name() + "  [" + ports.get(i).kind().label() + "]");
        }
        assertThat(lines.subList(outputs + 1, inputs)).anyMatch(l -> l.contains("[sequencer]"))
                .anyMatch(l -> l.contains("[software synth]"));
    }

    @Test
    void shouldRejectAnUnknownOutputListingWhatExists() {
        assertThat(run("play", "--bpm", "100", "--bars", "1", "--out", "No Such Port 42")).isEqualTo(2);
        assertThat(err.toString()).startsWith("entrain: MIDI output 'No Such Port 42' not found; available: ")
                .contains("(software synth)");
        assertThat(err.toString().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void shouldRejectRenderWithoutOutputs() {
        assertThat(run("render", "--bpm", "100", "--bars", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--wav");
    }

    @Test
    void shouldRejectABadSoundSpec() {
        assertThat(run("render", "--bpm", "100", "--bars", "1", "--cues", dir.resolve("c.csv").toString(),
                "--sounds", "accent=trumpet")).isEqualTo(2);
        assertThat(err.toString()).startsWith("entrain: sound 'trumpet' is not");
    }
}
