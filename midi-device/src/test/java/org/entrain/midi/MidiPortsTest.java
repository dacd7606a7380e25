package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MidiPortsTest {

    private final List<MidiPortInfo> ports = List.of(
            new MidiPortInfo("Gervill", "OpenJDK", "Software MIDI Synthesizer", "1.0", PortKind.SOFTWARE_SYNTH, true, false),
            new MidiPortInfo("Real Time Sequencer", "Oracle", "Software sequencer", "1.0", PortKind.SEQUENCER, true, true),
            new MidiPortInfo("USB MIDI [hw:1,0,0]", "ALSA", "USB MIDI, USB MIDI", "5.10", PortKind.HARDWARE_PORT, true, true),
            new MidiPortInfo("USB MIDI [hw:2,0,0]", "ALSA", "USB MIDI, USB MIDI", "5.10", PortKind.HARDWARE_PORT, true, true),
            new MidiPortInfo("USB", "x", "exactly USB", "1", PortKind.HARDWARE_PORT, true, false));

    @Test
    void shouldPreferAnExactNameOverSubstrings() {
        assertThat(MidiPorts.select(ports, "USB", "MIDI output").description()).isEqualTo("exactly USB");
    }

    @Test
    void shouldChooseByUniqueCaseInsensitiveSubstring() {
        assertThat(MidiPorts.select(ports, "hw:2", "MIDI output").name()).isEqualTo("USB MIDI [hw:2,0,0]");
        assertThat(MidiPorts.select(ports, "gerv", "MIDI output").kind()).isEqualTo(PortKind.SOFTWARE_SYNTH);
    }

    @Test
    void shouldListTheCandidatesWhenAmbiguousOrUnknown() {
        assertThatThrownBy(() -> MidiPorts.select(ports, "usb midi", "MIDI output"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ambiguous").hasMessageContaining("USB MIDI [hw:1,0,0]")
                .hasMessageContaining("USB MIDI [hw:2,0,0]");
        assertThatThrownBy(() -> MidiPorts.select(ports, "Yamaha", "MIDI output"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Yamaha' not found").hasMessageContaining("'Gervill' (software synth)")
                .hasMessageContaining("(sequencer)");
        assertThatThrownBy(() -> MidiPorts.select(List.of(), "x", "MIDI input"))
                .hasMessageContaining("there is no MIDI input");
    }

    @Test
    void shouldListTheJdkSoftwareSynthAndSequencer() {
        List<MidiPortInfo> outs = MidiPorts.outputs();
        assertThat(outs).anySatisfy(p -> assertThat(p.kind()).isEqualTo(PortKind.SOFTWARE_SYNTH));
        assertThat(outs).anySatisfy(p -> assertThat(p.kind()).isEqualTo(PortKind.SEQUENCER));
        // The JDK's Real Time Sequencer transmits, Gervill does not: inputs is never empty here.
        List<MidiPortInfo> ins = MidiPorts.inputs();
        assertThat(ins).isNotEmpty()
                .anySatisfy(p -> assertThat(p.kind()).isEqualTo(PortKind.SEQUENCER))
                .noneSatisfy(p -> assertThat(p.kind()).isEqualTo(PortKind.SOFTWARE_SYNTH))
                .allSatisfy(p -> assertThat(p.input()).isTrue());
        assertThat(outs).isNotEmpty().allSatisfy(p -> assertThat(p.output()).isTrue());
        assertThat(MidiPorts.list()).containsAll(outs).containsAll(ins);
    }

    @Test
    void shouldOpenTheChosenJdkDevice() throws Exception {
        assertThat(MidiPorts.output("real time")).isInstanceOf(javax.sound.midi.Sequencer.class);
        assertThatThrownBy(() -> MidiPorts.input("Gervill")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MIDI input 'Gervill' not found");
    }
}
