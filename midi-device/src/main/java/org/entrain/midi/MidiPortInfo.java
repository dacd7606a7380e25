package org.entrain.midi;

/**
 * One MIDI device the JDK lists, as a value. Immutable.
 *
 * @param name the device name (what {@code --out NAME} matches)
 * @param vendor the vendor
 * @param description the description
 * @param version the version string
 * @param kind hardware port, software synth or sequencer
 * @param output whether it takes messages (has receivers)
 * @param input whether it sends messages (has transmitters)
 */
public record MidiPortInfo(String name, String vendor, String description, String version, PortKind kind,
                           boolean output, boolean input) {

    /**
     * Validates.
     *
     * @param name see the record component
     * @param vendor see the record component
     * @param description see the record component
     * @param version see the record component
     * @param kind see the record component
     * @param output see the record component
     * @param input see the record component
     * @throws IllegalArgumentException if a text or the kind is null
     */
    public MidiPortInfo {
        if (name == null || vendor == null || description == null || version == null || kind == null) {
            throw new IllegalArgumentException("port name, vendor, description, version and kind must not be null");
        }
    }
}
