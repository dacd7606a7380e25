package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.entrain.tempo.Length;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolFileTest {

    static final String VALID = """
            name: gait
            bpm: 90
            count_in: 2
            phases:
              - kind: baseline
                length: 30s
              - kind: match
                length: 16bars
              - kind: step-up
                step: 5%
                every: 8bars
                to: 110
                gate: {min_r: 0.8, max_abs_mean_ms: 60, last: 16}
              - kind: fade
                length: 16bars
                drop_every: 4
                gap: "2:1"
              - kind: continuation
                length: 30s
            """;

    @Test
    void shouldReadEveryPhaseOfAValidYamlFile() {
        Protocol p = ProtocolFile.parse(VALID, "gait.yaml");
        assertThat(p.name()).isEqualTo("gait");
        assertThat(p.startBpm()).isEqualTo(90.0);
        assertThat(p.phases()).extracting(Phase::kind).containsExactly(PhaseKind.COUNT_IN, PhaseKind.BASELINE,
                PhaseKind.MATCH, PhaseKind.STEP_UP, PhaseKind.FADE, PhaseKind.CONTINUATION);
        assertThat(p.phases().get(0).length()).isEqualTo(Length.bars(2));
        Phase step = p.phases().get(3);
        assertThat(step.stepPercent()).isEqualTo(5.0);
        assertThat(step.stepEvery()).isEqualTo(Length.bars(8));
        assertThat(step.targetBpm()).isEqualTo(110.0);
        assertThat(step.gate()).isEqualTo(new Gate(0.8, 60, 16));
        assertThat(p.phases().get(4).fade()).isEqualTo(new Fade(4, 0, 1, 0, 2, 1));
        assertThat(p.phases().get(1).length()).isEqualTo(Length.seconds(30));
    }

    @Test
    void shouldReadTheSameProtocolFromJson() {
        Protocol p = ProtocolFile.parse("""
                {"bpm": 100, "count_in": 0, "phases": [
                  {"kind": "match", "length": "8bars", "perturb": {"ms": 40, "min_beats": 6, "max_beats": 9}},
                  {"kind": "ramp", "to": 120, "length": "60s", "shape": "exp"}]}
                """, "p.json");
        assertThat(p.phases()).hasSize(2);
        assertThat(p.phases().get(0).perturbation()).isEqualTo(new Perturbation(40, 6, 9, 1));
        assertThat(p.phases().get(1).shape()).hasToString("EXPONENTIAL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the line of the bad field, the field and what is allowed must all be named
        "bpm: 90\\nphases:\\n  - kind: match\\n  - kind: step-up\\n    step: fast\\n    every: 4bars\\n    to: 100"
                + "|x.yaml line 5 field 'phases[1].step': must be a percentage between -50% and 100%, not 0 (e.g. 5%), was 'fast'",
        "bpm: 90\\nphases:\\n  - kind: walk|x.yaml line 3 field 'phases[0].kind': unknown phase kind 'walk'; allowed: "
                + "count-in, baseline, match, step-up, ramp, fade, continuation",
        "bpm: 2000\\nphases:\\n  - kind: match|x.yaml line 1 field 'bpm': must be a tempo between 1 and 1000 bpm, was 2000",
        "bpm: 90\\nphases:\\n  - kind: match\\n    length: soon|x.yaml line 4 field 'phases[0].length': must be a length "
                + "such as 8bars, 32beats, 90s or 2m, was 'soon'",
        "bpm: 90\\nphases:\\n  - kind: match\\n    drop_every: 3|x.yaml line 4 field 'phases[0].drop_every': unknown field; "
                + "allowed here: bpm, kind, length, name, perturb",
        "bpm: 90\\nphases:\\n  - kind: step-up\\n    step: 5%\\n    every: 4bars\\n    to: 100\\n    gate: {min_r: 1.5}"
                + "|x.yaml line 7 field 'phases[0].gate.min_r': must be a resultant length between 0 and 1, was 1.5",
        "bpm: 90|x.yaml line 1 field 'phases': 'phases' must be a list of at least one phase",
        "bpm: [90|x.yaml line 1: not valid YAML or JSON: ",
    })
    void shouldNameTheLineTheFieldAndWhatIsAllowed(String text, String message) {
        assertThatThrownBy(() -> ProtocolFile.parse(text.replace("\\n", "\n"), "x.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message.endsWith(": ") ? message.trim() : message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
