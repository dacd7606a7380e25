package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.CueSink;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session's gate decision (fades, drops) is made when the engine commits a cue, so a
 * timestamped output on the sender thread, sent its cues long before the decider's own sink is
 * due, reads the decision without waiting and gets exactly the cues that sound.
 */
class CommitTimeDecisionTest {

    /** A timestamped output (the sender thread) that keeps what it was sent and on which thread. */
    static final class Output implements CueSink {
        final List<long[]> got = new ArrayList<>(); // {index, velocity}
        final List<String> threads = new ArrayList<>();

        @Override
        public long advanceNanos() {
            return 80_000_000L;
        }

        @Override
        public boolean timestamped() {
            return true;
        }

        @Override
        public synchronized void onCue(Cue cue) {
            got.add(new long[] {cue.index(), cue.velocity()});
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    @Timeout(30)
    void shouldGateATimestampedOutputSentBeforeTheDecidersSink() throws Exception {
        // every 2nd beat dropped, and the volume faded to silence over 2 bars
        Fade fade = new Fade(2, 0, 1, 2, 0, 0);
        Phase[] phases = {new Phase("fade", PhaseKind.FADE, Length.bars(2), 600, 0, null, Double.NaN, null, null, fade)};
        // the decider's own sink is sent at the deadline, 80 ms after the output: the decision must
        // come from the commit, not from the decider's send
        CueDecider decider = new CueDecider(0, phases, 4, null);
        Output out = new Output();
        CueEngine engine = CueEngine.builder().tempoMap(TempoMap.constant(600)).pattern(Pattern.defaults())
                .end(Length.bars(2)).commitHook(decider).sink(decider).sink(new GatedSink(decider, out)).build();
        engine.start();
        assertThat(engine.awaitFinished(20, TimeUnit.SECONDS)).isTrue();

        List<long[]> got;
        synchronized (out) {
            got = List.copyOf(out.got);
            assertThat(out.threads).allMatch(t -> t.endsWith("-sender"));
        }
        // beats 0..7: 1, 3, 5, 7 (the 2nd, 4th ...) dropped; the others faded
        assertThat(got).extracting(g -> g[0]).containsExactly(0L, 2L, 4L, 6L);
        for (long[] g : got) {
            assertThat((int) g[1]).as("cue %d", g[0]).isEqualTo(decider.velocityOf(g[0]));
        }
        assertThat(got.get(0)[1]).isGreaterThan(got.get(3)[1]);
    }
}
