package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.SourceDataLine;
import org.assertj.core.data.Offset;
import org.entrain.clock.ManualNanoClock;
import org.junit.jupiter.api.Test;

/**
 * The line's clock as measured from its writes, on a simulated sound server: a line buffer of
 * 80 ms that the server empties in 20 ms chunks on its own clock (PulseAudio's pattern), a writer
 * of 100-frame blocks (Gervill's) that wakes up to 0.3 ms late and one time in 20 up to 10 ms, and the engine's clock a
 * {@link ManualNanoClock} set to each write's return.
 */
class WatchedOutputLineTest {

    private static final double RATE = 44_100;
    private static final int FRAME_BYTES = 4;
    private static final int BUFFER_FRAMES = 3528;
    private static final int CHUNK_FRAMES = 882;
    private static final int WRITE_FRAMES = 100;

    @Test
    void shouldMeasureAServerClock640PpmFastWithinSeconds() {
        Run r = new Run(640, -1);
        r.until(7.0);
        assertThat(r.line.driftPpm()).as("not yet known at 7 s").isNaN();
        r.until(10.0);
        assertThat(r.line.driftPpm()).as("at 10 s, ppm").isCloseTo(640, Offset.offset(60.0));
        r.until(30.0);
        assertThat(r.line.driftPpm()).as("at 30 s, ppm").isCloseTo(640, Offset.offset(15.0));
    }

    @Test
    void shouldMeasureASlowClockToo() {
        Run r = new Run(-250, -1);
        r.until(30.0);
        assertThat(r.line.driftPpm()).isCloseTo(-250, Offset.offset(15.0));
    }

    @Test
    void shouldKeepTheRateAcrossAnUnderrun() {
        // at 15 s the writer stalls for 150 ms: the server plays silence, later writes lie 150 ms late for good
        Run r = new Run(640, 15.0);
        r.until(40.0);
        assertThat(r.line.driftPpm()).isCloseTo(640, Offset.offset(15.0));
    }

    @Test
    void shouldOutgrowAFastStartThatAloneWouldFit3000Ppm() {
        // for its first 9 s (the settling second and 4 blocks) the server takes audio 3000 ppm faster
        // than its clock: the blocks' lateness falls 6.6 ms a block, then 0.6 ms (300 ppm)
        Run r = new Run(300, -1);
        r.fastStartPpm = 3000;
        r.fastStartSeconds = 9.0;
        for (double t = 2; t <= 60; t += 1) {
            r.until(t);
            double ppm = r.line.driftPpm();
            assertThat(Double.isNaN(ppm) || Math.abs(ppm - 300) <= 200).as("published at %.0f s: %.0f ppm", t, ppm).isTrue();
        }
        assertThat(r.line.driftPpm()).as("at 60 s, ppm").isCloseTo(300, Offset.offset(30.0));
        assertThat(r.line.steps()).as("steps").isZero();
    }

    @Test
    void shouldLeaveOutBlocksWhoseWritesWereAllLate() {
        // every 12 s the server wakes 6 ms late for 4 s: one whole block in six lies 6 ms late
        Run r = new Run(300, -1);
        r.lateEverySeconds = 12.0;
        r.until(60.0);
        assertThat(r.line.outliers()).as("late blocks left out").isGreaterThanOrEqualTo(4);
        assertThat(r.line.steps()).as("steps").isZero();
        assertThat(r.line.driftPpm()).as("at 60 s, ppm").isCloseTo(300, Offset.offset(20.0));
    }

    @Test
    void shouldTakeAnUnderrunAsOneStepAmongLateBlocks() {
        // late blocks as above, and at 25 s the writer stalls for 150 ms (an underrun)
        Run r = new Run(300, 25.0);
        r.lateEverySeconds = 12.0;
        r.until(60.0);
        assertThat(r.line.steps()).as("steps").isEqualTo(1);
        assertThat(r.line.driftPpm()).as("at 60 s, ppm").isCloseTo(300, Offset.offset(20.0));
    }

    /**
     * The simulation. The server consumes chunk c at {@link #chunkAt}: on its clock, earlier by a
     * fast start if there is one, and 6 ms late for 4 s of every {@link #lateEverySeconds} if set.
     */
    private static final class Run {
        static final long LATE_NANOS = 6_000_000L;
        static final long LATE_FOR_NANOS = 4_000_000_000L;
        final ManualNanoClock clock = new ManualNanoClock(0);
        final WatchedOutputLine line;
        final double chunkNanos;
        final SplittableRandom random = new SplittableRandom(7);
        final double stallAt;
        double fastStartPpm;
        double fastStartSeconds;
        double lateEverySeconds;
        boolean stalled;
        long written;
        long silence;
        long now;

        Run(double ppm, double stallAtSeconds) {
            AudioFormat format = new AudioFormat((float) RATE, 16, 2, true, false);
            SourceDataLine fake = (SourceDataLine) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {SourceDataLine.class}, (p, m, a) -> switch (m.getName()) {
                        case "getFormat" -> format;
                        case "write" -> a[2];
                        default -> null;
                    });
            line = new WatchedOutputLine(fake, clock);
            chunkNanos = CHUNK_FRAMES / (RATE * (1 + ppm * 1e-6)) * 1e9;
            stallAt = stallAtSeconds;
        }

        /** When the server consumes chunk c (0, 1, ...), engine nanos. */
        double chunkAt(long c) {
            double t = c * chunkNanos;
            t -= Math.min(t, fastStartSeconds * 1e9) * fastStartPpm * 1e-6;
            if (lateEverySeconds > 0 && t % (lateEverySeconds * 1e9) >= lateEverySeconds * 1e9 - LATE_FOR_NANOS) {
                t += LATE_NANOS;
            }
            return t;
        }

        void until(double seconds) {
            byte[] block = new byte[WRITE_FRAMES * FRAME_BYTES];
            while (now < seconds * 1e9) {
                if (stallAt > 0 && !stalled && now > stallAt * 1e9) {
                    stalled = true;
                    now += 150_000_000L;
                    // what the server consumed meanwhile beyond what was written was silence
                    long c = (long) Math.ceil(now / chunkNanos) + 2;
                    while (chunkAt(c) > now) {
                        c--;
                    }
                    silence = Math.max(0, c * CHUNK_FRAMES - written);
                }
                // the write returns once the server has consumed enough for the block to fit
                long need = written + silence + WRITE_FRAMES - BUFFER_FRAMES;
                long fits = need <= 0 ? 0 : (long) Math.ceil(chunkAt((long) Math.ceil(need / (double) CHUNK_FRAMES)));
                // Gervill renders a block in 0.1 ms; the writer wakes up to 0.3 ms late, now and then up to 10 ms
                long wake = random.nextInt(20) == 0 ? random.nextLong(10_000_000L) : random.nextLong(300_000L);
                now = Math.max(now + 100_000L, fits) + wake;
                clock.set(now);
                assertThat(line.write(block, 0, block.length)).isEqualTo(block.length);
                written += WRITE_FRAMES;
            }
        }
    }
}
