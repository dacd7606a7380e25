package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.entrain.clock.SystemNanoClock;
import org.entrain.pattern.Pattern;
import org.entrain.session.Fade;
import org.entrain.session.Phase;
import org.entrain.session.PhaseKind;
import org.entrain.session.Protocol;
import org.entrain.session.Session;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one session assembly of every front end, on a real MIDI device the JDK always has (its
 * real-time sequencer as the MIDI output, so no audio device is needed): the plan each kind of
 * setup becomes, and the setup's checks.
 */
class SessionAssemblyTest {

    private static final String PORT = "Real Time Sequencer";

    private static SessionSetup setup(Protocol p, double bpm, TempoChange change, Fade fade, Integer countIn) {
        return new SessionSetup(p, bpm, change, Length.bars(4), fade, countIn, Pattern.defaults(), CueSounds.defaults(), null,
                PORT, 0, null, SessionSetup.Input.NONE, null, null, null, true, null, null, -1);
    }

    private static List<String> phases(Session s) {
        return s.protocol().phases().stream().map(ph -> ph.kind().id() + ":" + ph.length()).toList();
    }

    @Test
    @Timeout(30)
    void shouldAssembleThePlanOfEachKindOfSession() throws Exception {
        // a plain tempo: a count-in bar, then the session
        SessionAssembly plain = SessionAssembly.open(setup(null, 100, null, null, null), SystemNanoClock.INSTANCE);
        Session s = plain.build();
        assertThat(phases(s)).hasSize(2);
        assertThat(s.protocol().phases().get(0).kind()).isEqualTo(PhaseKind.COUNT_IN);
        assertThat(plain.synth()).isNull();
        assertThat(plain.failover()).isNotNull();

        // fading: one fade phase after the default count-in of one bar; a given count-in replaces it
        Fade fade = new Fade(2, 0, 1, 0, 0, 0);
        Session f = SessionAssembly.open(setup(null, 90, null, fade, null), SystemNanoClock.INSTANCE).build();
        assertThat(f.protocol().phases()).extracting(Phase::kind).containsExactly(PhaseKind.COUNT_IN, PhaseKind.FADE);
        assertThat(f.protocol().phases().get(1).fade()).isEqualTo(fade);
        Session f0 = SessionAssembly.open(setup(null, 90, null, fade, 0), SystemNanoClock.INSTANCE).build();
        assertThat(f0.protocol().phases()).extracting(Phase::kind).containsExactly(PhaseKind.FADE);

        // a protocol: its own phases
        Protocol p = new Protocol("p", 100, List.of(Phase.match(Length.bars(2), 100).named("m")));
        Session ps = SessionAssembly.open(setup(p, Double.NaN, null, null, 2), SystemNanoClock.INSTANCE).build();
        assertThat(ps.protocol().name()).isEqualTo("p");
        assertThat(ps.protocol().phases()).extracting(Phase::kind).containsExactly(PhaseKind.COUNT_IN, PhaseKind.MATCH);
    }

    @Test
    void shouldNameWhatASetupCannotCombine() {
        Protocol p = new Protocol("p", 100, List.of(Phase.match(Length.bars(2), 100)));
        assertThatThrownBy(() -> setup(p, 100, null, new Fade(2, 0, 1, 0, 0, 0), null))
                .hasMessageContaining("a protocol replaces the tempo and fading options");
        assertThatThrownBy(() -> setup(null, 100, TempoChange.rampTo(RampShape.LINEAR, 110, Length.bars(4)),
                new Fade(2, 0, 1, 0, 0, 0), null)).hasMessageContaining("fading and a ramp");
        assertThatThrownBy(() -> setup(null, 0, null, null, null)).hasMessageContaining("tempo must be between 1 and 1000 bpm");
        assertThatThrownBy(() -> setup(null, 100, null, null, 65)).hasMessageContaining("count-in must be between 0 and 64");
        assertThatThrownBy(() -> new SessionSetup(null, 100, null, null, null, null, Pattern.defaults(), CueSounds.defaults(),
                null, null, 0, null, SessionSetup.Input.NONE, null, null, null, true, null, null, -1))
                .hasMessageContaining("needs an output");
    }
}
