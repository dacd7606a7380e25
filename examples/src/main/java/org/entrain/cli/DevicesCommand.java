package org.entrain.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import org.entrain.midi.MidiPortInfo;
import org.entrain.midi.MidiPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entrain devices}: lists MIDI outputs and inputs and audio inputs. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List MIDI outputs and inputs (name, vendor, description, kind) and audio inputs.")
final class DevicesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<MidiPortInfo> all = MidiPorts.list();
        List<MidiPortInfo> outs = new ArrayList<>();
        List<MidiPortInfo> ins = new ArrayList<>();
        for (MidiPortInfo p : all) {
            if (p.output()) {
                outs.add(p);
            }
            if (p.input()) {
                ins.add(p);
            }
        }
        List<String[]> audio = audioInputs();
        if (json) {
            out.println("{");
            out.println("  \"midi_outputs\": " + ports(outs) + ",");
            out.println("  \"midi_inputs\": " + ports(ins) + ",");
            StringBuilder sb = new StringBuilder("[");
            for (String[] a : audio) {
                sb.append(sb.length() > 1 ? ", " : "").append("{\"name\": ").append(q(a[0]))
                        .append(", \"description\": ").append(q(a[1])).append('}');
            }
            out.println("  \"audio_inputs\": " + sb.append(']'));
            out.println("}");
        } else {
            out.println("MIDI outputs:");
            print(out, outs);
            out.println("MIDI inputs:");
            print(out, ins);
            out.println("Audio inputs:");
            if (audio.isEmpty()) {
                out.println("  (none)");
            }
            for (String[] a : audio) {
                out.println("  " + a[0] + "  -  " + a[1]);
            }
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, List<MidiPortInfo> ports) {
        if (ports.isEmpty()) {
            out.println("  (none)");
        }
        for (MidiPortInfo p : ports) {
            out.println("  " + p.name() + "  [" + p.kind().label() + "]  " + p.vendor() + "  -  " + p.description());
        }
    }

    private static String ports(List<MidiPortInfo> ports) {
        StringBuilder sb = new StringBuilder("[");
        for (MidiPortInfo p : ports) {
            sb.append(sb.length() > 1 ? ", " : "").append("{\"name\": ").append(q(p.name()))
                    .append(", \"vendor\": ").append(q(p.vendor()))
                    .append(", \"description\": ").append(q(p.description()))
                    .append(", \"version\": ").append(q(p.version()))
                    .append(", \"kind\": ").append(q(p.kind().label())).append('}');
        }
        return sb.append(']').toString();
    }

    private static List<String[]> audioInputs() {
        List<String[]> out = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer m = AudioSystem.getMixer(info);
            for (Line.Info li : m.getTargetLineInfo()) {
                if (TargetDataLine.class.isAssignableFrom(li.getLineClass())) {
                    out.add(new String[] {info.getName(), info.getDescription()});
                    break;
                }
            }
        }
        return out;
    }

    static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
