package org.entrain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.entrain.pattern.Pattern;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real dispatcher thread on the system clock with every core saturated (one arithmetic
 * thread per core plus an allocating one): every cue arrives exactly once, in order. No timing
 * bound here (the figures are in benchmarks/README.md, from {@code SaturatedDelivery}).
 */
class SaturatedDeliveryTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryCueOnceWithEveryCoreSaturated() throws Exception {
        int planned = 3 * 1000 * 8 / 60; // 3 s of 8ths at 1000 bpm: 400 cues, one every 7.5 ms
        AtomicIntegerArray received = new AtomicIntegerArray(planned + 64);
        long[] last = {-1};
        boolean[] outOfOrder = {false};
        CueEngine engine = CueEngine.builder().tempoMap(TempoMap.constant(1000)).pattern(Pattern.builder().subdivide(8).build())
                .end(Length.seconds(3)).sink(cue -> {
                    if (cue.index() <= last[0]) {
                        outOfOrder[0] = true;
                    }
                    last[0] = cue.index();
                    received.incrementAndGet((int) Math.min(cue.index(), planned + 63));
                }).build();
        List<Thread> load = new ArrayList<>();
        stopLoad = false;
        for (int h = 0; h < Runtime.getRuntime().availableProcessors(); h++) {
            load.add(new Thread(SaturatedDeliveryTest::burn));
        }
        load.add(new Thread(() -> {
            Object[] live = new Object[2048];
            int k = 0;
            while (!stopLoad) {
                live[k++ & 2047] = new byte[2048];
            }
        }));
        load.forEach(t -> {
            t.setDaemon(true);
            t.start();
        });
        try {
            engine.start();
            assertThat(engine.awaitFinished(50, TimeUnit.SECONDS)).isTrue();
        } finally {
            stopLoad = true;
        }
        for (Thread t : load) {
            t.join(5000);
        }
        assertThat(outOfOrder[0]).as("a cue arrived out of order").isFalse();
        for (int i = 0; i < planned; i++) {
            assertThat(received.get(i)).as("deliveries of cue %d", i).isEqualTo(1);
        }
        for (int i = planned; i < received.length(); i++) {
            assertThat(received.get(i)).as("deliveries of cue %d (beyond the plan)", i).isZero();
        }
    }

    private static volatile boolean stopLoad;

    private static void burn() {
        long x = 1;
        while (!stopLoad) {
            for (int k = 0; k < 100_000; k++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
