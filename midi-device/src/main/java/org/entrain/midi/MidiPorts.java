package org.entrain.midi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;

/**
 * Finds the MIDI devices the JDK sees and picks one by name. Stateless and thread safe.
 *
 * <p>A name selects a device when it equals the device's name exactly, or else when it is a
 * case-insensitive substring of exactly one device's name. Anything else is an
 * {@link IllegalArgumentException} listing the devices that exist.
 */
public final class MidiPorts {

    private MidiPorts() {
    }

    /**
     * Every MIDI device the JDK lists, in its order.
     *
     * @return the devices
     */
    public static List<MidiPortInfo> list() {
        List<MidiPortInfo> out = new ArrayList<>();
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                out.add(describe(info, MidiSystem.getMidiDevice(info)));
            } catch (MidiUnavailableException e) {
                // listed but gone: skip it
            }
        }
        return out;
    }

    /**
     * The devices that take messages (outputs: ports, synths, sequencers).
     *
     * @return the outputs
     */
    public static List<MidiPortInfo> outputs() {
        return filter(list(), MidiPortInfo::output);
    }

    /**
     * The devices that send messages (inputs).
     *
     * @return the inputs
     */
    public static List<MidiPortInfo> inputs() {
        return filter(list(), MidiPortInfo::input);
    }

    /**
     * Picks an output by name and returns the (unopened) device.
     *
     * @param name an exact name or a unique substring
     * @return the device, not opened
     * @throws IllegalArgumentException if no output, or more than one, matches
     * @throws MidiUnavailableException if the JDK cannot provide it
     */
    public static MidiDevice output(String name) throws MidiUnavailableException {
        return device(select(outputs(), name, "MIDI output"));
    }

    /**
     * Picks an input by name and returns the (unopened) device.
     *
     * @param name an exact name or a unique substring
     * @return the device, not opened
     * @throws IllegalArgumentException if no input, or more than one, matches
     * @throws MidiUnavailableException if the JDK cannot provide it
     */
    public static MidiDevice input(String name) throws MidiUnavailableException {
        return device(select(inputs(), name, "MIDI input"));
    }

    /**
     * Picks one device from a list by exact name, else by unique case-insensitive substring.
     *
     * @param candidates the devices to choose from
     * @param name the name asked for
     * @param what what is being chosen, for the message (e.g. "MIDI output")
     * @return the chosen device
     * @throws IllegalArgumentException naming the name and listing the candidates if none or several match
     */
    public static MidiPortInfo select(List<MidiPortInfo> candidates, String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be empty; " + available(candidates, what));
        }
        List<MidiPortInfo> exact = filter(candidates, p -> p.name().equals(name));
        if (exact.size() == 1) {
            return exact.get(0);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        List<MidiPortInfo> partial = exact.isEmpty()
                ? filter(candidates, p -> p.name().toLowerCase(Locale.ROOT).contains(lower)) : exact;
        if (partial.size() == 1) {
            return partial.get(0);
        }
        if (partial.isEmpty()) {
            throw new IllegalArgumentException(what + " '" + name + "' not found; " + available(candidates, what));
        }
        throw new IllegalArgumentException(what + " '" + name + "' is ambiguous: it matches " + names(partial)
                + "; give more of the name");
    }

    static MidiPortInfo describe(MidiDevice.Info info, MidiDevice device) {
        PortKind kind = device instanceof Synthesizer ? PortKind.SOFTWARE_SYNTH
                : device instanceof Sequencer ? PortKind.SEQUENCER : PortKind.HARDWARE_PORT;
        return new MidiPortInfo(nz(info.getName()), nz(info.getVendor()), nz(info.getDescription()),
                nz(info.getVersion()), kind, device.getMaxReceivers() != 0, device.getMaxTransmitters() != 0);
    }

    private static MidiDevice device(MidiPortInfo chosen) throws MidiUnavailableException {
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            MidiDevice d = MidiSystem.getMidiDevice(info);
            if (nz(info.getName()).equals(chosen.name()) && describe(info, d).equals(chosen)) {
                return d;
            }
        }
        throw new MidiUnavailableException("MIDI device '" + chosen.name() + "' has disappeared");
    }

    private static String available(List<MidiPortInfo> candidates, String what) {
        return candidates.isEmpty() ? "there is no " + what + " on this machine"
                : "available: " + names(candidates);
    }

    private static String names(List<MidiPortInfo> ports) {
        StringBuilder sb = new StringBuilder();
        for (MidiPortInfo p : ports) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('\'').append(p.name()).append("' (").append(p.kind().label()).append(')');
        }
        return sb.toString();
    }

    private static List<MidiPortInfo> filter(List<MidiPortInfo> in, Predicate<MidiPortInfo> keep) {
        List<MidiPortInfo> out = new ArrayList<>();
        for (MidiPortInfo p : in) {
            if (keep.test(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
