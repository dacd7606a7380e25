package org.entrain.session;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.entrain.clock.SystemNanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetSource;
import org.entrain.schedule.ChangeAt;
import org.entrain.schedule.CueEngine;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;

/**
 * The child process of {@link SessionLogKillTest}: runs a real cue engine at 600 bpm with a
 * session log and a simulated tapper, and prints {@code synced N} each time the writer has forced
 * N events to the disk. It never ends by itself: the test kills it.
 */
final class SessionLogChild {

    private SessionLogChild() {
    }

    public static void main(String[] args) throws Exception {
        SystemNanoClock clock = SystemNanoClock.INSTANCE;
        SessionLogWriter log = SessionLogWriter.open(Path.of(args[0]),
                new SessionHeader("entrain test", Map.of("bpm", "600"), Map.of("out", "none"), Map.of("in", "48000"),
                        Map.of("latency_ms", "0")), clock);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(600)).sink(cue -> { })
                .listener(log).build();
        log.attach(engine);
        engine.start();
        engine.changeTempo(TempoChange.jumpTo(590), ChangeAt.NEXT_BAR);
        long next = engine.originNanos();
        long printed = -1;
        while (true) {
            long now = clock.nanoTime();
            if (now >= next) {
                // a tapper 20 ms ahead of each 100 ms beat (roughly: the timing does not matter here)
                log.onOnset(new Onset(next - 20_000_000L, 0.5, OnsetSource.MICROPHONE, 0));
                next += 100_000_000L;
            }
            long synced = log.syncedEvents();
            if (synced != printed) {
                printed = synced;
                System.out.println("synced " + synced);
                System.out.flush();
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }
}
