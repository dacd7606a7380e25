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

    /** The simulation. */
    private static final class Run {
        final ManualNanoClock clock = new ManualNanoClock(0);
        final WatchedOutputLine line;
        final double chunkNanos;
        final SplittableRandom random = new SplittableRandom(7);
        final double stallAt;
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

        void until(double seconds) {
            byte[] block = new byte[WRITE_FRAMES * FRAME_BYTES];
            while (now < seconds * 1e9) {
                if (stallAt > 0 && !stalled && now > stallAt * 1e9) {
                    stalled = true;
                    now += 150_000_000L;
                    // what the server consumed meanwhile beyond what was written was silence
                    long consumed = (long) Math.floor(now / chunkNanos) * CHUNK_FRAMES;
                    silence = Math.max(0, consumed - written);
                }
                // the write returns once the server has consumed enough for the block to fit
                long need = written + silence + WRITE_FRAMES - BUFFER_FRAMES;
                long fits = need <= 0 ? 0 : (long) Math.ceil(Math.ceil(need / (double) CHUNK_FRAMES) * chunkNanos);
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
