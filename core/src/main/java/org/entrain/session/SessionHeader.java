package org.entrain.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first line of a session log: what produced it and how it was set up. Generic key/value
 * sections so any embedder can record what matters to it. Immutable.
 *
 * @param softwareVersion the software version, e.g. {@code entrain 0.1.0}
 * @param settings session settings (tempo, pattern, protocol ...)
 * @param devices outputs and inputs in use
 * @param sampleRates sample rates per device or stream, as text
 * @param calibration latency calibration values, as text
 */
public record SessionHeader(String softwareVersion, Map<String, String> settings, Map<String, String> devices,
                            Map<String, String> sampleRates, Map<String, String> calibration) {

    /**
     * Validates and copies, keeping key order.
     *
     * @param softwareVersion see the record
     * @param settings see the record
     * @param devices see the record
     * @param sampleRates see the record
     * @param calibration see the record
     * @throws IllegalArgumentException if the version is blank or a map null
     */
    public SessionHeader {
        if (softwareVersion == null || softwareVersion.isBlank()) {
            throw new IllegalArgumentException("session header software version must not be blank");
        }
        if (settings == null || devices == null || sampleRates == null || calibration == null) {
            throw new IllegalArgumentException("session header maps must not be null (use Map.of())");
        }
        settings = copy(settings);
        devices = copy(devices);
        sampleRates = copy(sampleRates);
        calibration = copy(calibration);
    }

    /**
     * A header with only a version and settings.
     *
     * @param softwareVersion the version
     * @param settings the settings
     * @return the header
     */
    public static SessionHeader of(String softwareVersion, Map<String, String> settings) {
        return new SessionHeader(softwareVersion, settings, Map.of(), Map.of(), Map.of());
    }

    private static Map<String, String> copy(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
