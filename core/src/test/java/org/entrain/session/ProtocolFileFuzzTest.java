package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.entrain.fuzz.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link ProtocolFile#parse}: a YAML and a JSON protocol (every phase kind, a gate, a fade
 * and perturbations) mutated at the text and byte level. Only {@link IllegalArgumentException}
 * with one line naming the source escapes; a parsed protocol has at least one phase and printable
 * names.
 */
class ProtocolFileFuzzTest {

    static final String YAML = String.join("\n",
            "name: RAS gait",
            "bpm: 96",
            "count_in: 1",
            "phases:",
            "  - kind: baseline",
            "    length: 30s",
            "  - kind: match",
            "    name: match the cadence",
            "    length: 8bars",
            "    perturb: {ms: 50, min_beats: 8, max_beats: 12, seed: 1}",
            "  - kind: step-up",
            "    step: 5%",
            "    every: 4bars",
            "    to: 110",
            "    gate: {min_r: 0.8, max_abs_mean_ms: 60, last: 8}",
            "  - kind: ramp",
            "    to: 120",
            "    length: 16beats",
            "    shape: exp",
            "  - kind: fade",
            "    length: 8bars",
            "    drop_every: 4",
            "    gap: 2:1",
            "  - kind: continuation",
            "    length: 20s",
            "");

    static final String JSON = "{\"name\": \"ramp and gap\", \"bpm\": 80, \"count_in\": 0, \"phases\": ["
            + "{\"kind\": \"ramp\", \"to\": 100, \"length\": \"16bars\", \"shape\": \"linear\"},"
            + "{\"kind\": \"fade\", \"length\": \"8bars\", \"drop_random\": 0.25, \"seed\": 3, \"fade_over\": 4},"
            + "{\"kind\": \"count-in\", \"length\": \"1bars\"}, {\"kind\": \"continuation\", \"length\": \"8bars\"}]}\n";

    static String check(byte[] bytes, String source) {
        try {
            Protocol p = ProtocolFile.parse(new String(bytes, StandardCharsets.UTF_8), source);
            assertThat(p.phases()).isNotEmpty();
            assertThat(ProtocolFile.describe(p)).isNotNull();
            return "parsed";
        } catch (IllegalArgumentException e) {
            assertThat(Fuzz.messageProblem(e.getMessage())).as("message").isNull();
            assertThat(e.getMessage()).startsWith(source);
            return "rejected";
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldParseOrRejectMutatedYamlWithOneLine() {
        assertThat(check(YAML.getBytes(StandardCharsets.UTF_8), "p.yaml")).isEqualTo("parsed");
        Fuzz.check("protocol files (YAML), mutated", Fuzz.mutatedText(YAML.getBytes(StandardCharsets.UTF_8), 60),
                b -> check(b, "p.yaml"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldParseOrRejectMutatedJsonWithOneLine() {
        assertThat(check(JSON.getBytes(StandardCharsets.UTF_8), "p.json")).isEqualTo("parsed");
        Fuzz.check("protocol files (JSON), mutated", Fuzz.mutatedText(JSON.getBytes(StandardCharsets.UTF_8), 60),
                b -> check(b, "p.json"));
    }
}
