package org.entrain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.entrain.pattern.Voice;
import org.junit.jupiter.api.Test;

/** The dispatch log's ring: order, the full ring, the producer's cached consumer index. */
class DispatchLogTest {

    private static void record(DispatchLog log, MutableCue cue, long i) {
        cue.set(i, i / 4, (int) (i % 4), 0, Cue.MAIN_GRID, i, i * 10, i * 10 + 5, 120, Voice.BEAT, 90);
        log.record(cue, 0, i * 10, i * 10 + 1);
    }

    @Test
    void shouldCountEntriesLostWhenFullAndAcceptNewOnesOnceDrained() {
        DispatchLog log = new DispatchLog(16);
        MutableCue cue = new MutableCue();
        for (long i = 0; i < 20; i++) {
            record(log, cue, i);
        }
        assertThat(log.lost()).isEqualTo(4);
        List<Long> seen = new ArrayList<>();
        assertThat(log.drain((c, s, p, a) -> seen.add(c.index()))).isEqualTo(16);
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);

        // The producer's cached head is stale (0); it must re-read the drained head, not drop.
        for (long i = 100; i < 116; i++) {
            record(log, cue, i);
        }
        assertThat(log.lost()).isEqualTo(4);
        seen.clear();
        List<Long> planned = new ArrayList<>();
        assertThat(log.drain((c, s, p, a) -> {
            seen.add(c.index());
            planned.add(p);
            assertThat(c.deadlineNanos()).isEqualTo(c.index() * 10 + 5);
            assertThat(a - p).isEqualTo(1);
            assertThat(c).isNotInstanceOf(MutableCue.class);
        })).isEqualTo(16);
        assertThat(seen).first().isEqualTo(100L);
        assertThat(seen).last().isEqualTo(115L);
        assertThat(planned).first().isEqualTo(1000L);
    }
}
