package org.entrain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.entrain.clock.ManualNanoClock;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;

/**
 * Run only by the module-path execution (core/pom.xml): the engine inside the named module
 * {@code org.entrain.core}, so the execution is what it says. (Surefire's booter is on the class
 * path, which resolves every system module; that the engine runs without {@code java.desktop}
 * is shown by {@code examples/embedding/run.sh}.)
 */
class ModulePathTest {

    @Test
    void shouldRunTheEngineInsideTheNamedModuleOrgEntrainCore() {
        assertThat(CueEngine.class.getModule().getName()).isEqualTo("org.entrain.core");
        assertThat(ModulePathTest.class.getModule()).isSameAs(CueEngine.class.getModule());
        ManualNanoClock clock = new ManualNanoClock(0);
        RecordingSink sink = new RecordingSink(clock, 0);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.bars(1))
                .sink(sink).build();
        engine.begin(0);
        for (int i = 0; i < 100 && !engine.isFinished(); i++) {
            long wake = engine.nextWakeNanos();
            clock.set(Math.max(clock.nanoTime(), wake == org.entrain.clock.Deadlines.NULL_DEADLINE ? 0 : wake));
            engine.doWork(clock.nanoTime());
        }
        assertThat(engine.isFinished()).isTrue();
        assertThat(sink.received).extracting(r -> r.cue().index()).containsExactly(0L, 1L, 2L, 3L);
    }
}
