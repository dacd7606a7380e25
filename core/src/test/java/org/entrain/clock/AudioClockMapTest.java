package org.entrain.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AudioClockMapTest {

    private static final double RATE = 44_100;
    private static final int BUFFER = 256;
    private static final int CAPACITY = 4 * BUFFER;

    /**
     * A simulated capture line: the card's clock runs {@code ppm} fast; a blocking read of one
     * buffer returns when its last frame is captured or when the reader gets to it, whichever is
     * later, plus scheduling noise; frames beyond the line's capacity are lost (an overrun).
     */
    private static final class Card {
        final double ppm;
        final SplittableRandom rng = new SplittableRandom(7);
        final long startNanos = -5_000_000_000L;
        long captured;
        long framesRead;
        long lost;
        long readerFree = startNanos;

        Card(double ppm) {
            this.ppm = ppm;
        }

        long trueNanos(long capturedFrame) {
            return startNanos + Math.round(capturedFrame * 1e9 / (RATE * (1 + ppm * 1e-6)));
        }

        long capturedBy(long nanos) {
            return (long) Math.floor((nanos - startNanos) * RATE * (1 + ppm * 1e-6) / 1e9);
        }

        long read(long stallNanos) {
            readerFree += stallNanos;
            long inLine = capturedBy(readerFree) - lost - framesRead;
            if (inLine > CAPACITY) {
                lost += inLine - CAPACITY;
            }
            long need = framesRead + lost + BUFFER;
            long ready = trueNanos(need);
            long at = Math.max(ready, readerFree) + Math.round(-Math.log(1 - rng.nextDouble()) * 300_000);
            framesRead += BUFFER;
            readerFree = at + 50_000;
            return at;
        }

        /** The true capture time of a frame as read. */
        long nanosOfReadFrame(long frame) {
            return trueNanos(frame + lost);
        }
    }

    @Test
    void shouldFollowHundredPpmDriftToWithinAFractionOfAMillisecond() {
        for (double ppm : new double[] {100, -100, 0}) {
            Card card = new Card(ppm);
            AudioClockMap map = AudioClockMap.forBuffers(RATE, BUFFER);
            for (int i = 0; i < 60 * 172; i++) {
                long now = card.read(i % 100 == 99 ? 12_000_000 : 0);
                map.update(card.framesRead, now);
            }
            assertThat(map.driftPpm()).as("drift at %s ppm", ppm).isCloseTo(ppm, Offset.offset(5.0));
            long frame = card.framesRead - 1000;
            assertThat(Math.abs(map.nanosAt(frame) - card.nanosOfReadFrame(frame))).as("mapping error ns at %s ppm", ppm)
                    .isLessThan(500_000L);
            assertThat(map.dropCount()).as("drops at %s ppm", ppm).isZero();
        }
    }

    @Test
    void shouldDetectAnOverrunAndKeepLaterFramesOnTime() {
        Card card = new Card(50);
        AudioClockMap map = AudioClockMap.forBuffers(RATE, BUFFER);
        long found = 0;
        for (int i = 0; i < 30 * 172; i++) {
            long now = card.read(i == 15 * 172 ? 120_000_000 : 0);
            found += map.update(card.framesRead, now);
        }
        assertThat(card.lost).as("the stall overran the line").isGreaterThan(3000);
        assertThat(map.dropCount()).isEqualTo(1);
        assertThat(found).isEqualTo(map.droppedFrames());
        assertThat((double) map.droppedFrames()).isCloseTo(card.lost, Offset.offset(30.0));
        long frame = card.framesRead - 1000;
        assertThat(Math.abs(map.nanosAt(frame) - card.nanosOfReadFrame(frame))).isLessThan(500_000L);
    }

    /**
     * A time before an overrun maps to the frame read then, not shifted by the frames lost later
     * (a cue converted after the drop was found, but sounding before it, was given a drop off).
     */
    @Test
    void shouldMapATimeBeforeAnOverrunWithoutItsShift() {
        Card card = new Card(50);
        AudioClockMap map = AudioClockMap.forBuffers(RATE, BUFFER);
        long before = -1;
        for (int i = 0; i < 30 * 172; i++) {
            if (i == 15 * 172) {
                before = card.framesRead - 20 * BUFFER;
            }
            long now = card.read(i == 15 * 172 ? 120_000_000 : 0);
            map.update(card.framesRead, now);
        }
        assertThat(map.dropCount()).isEqualTo(1);
        assertThat(card.lost).isGreaterThan(3000);
        assertThat((double) map.frameAt(card.trueNanos(before))).as("a frame read before the overrun")
                .isCloseTo(before, Offset.offset(40.0));
        long after = card.framesRead - 1000;
        assertThat((double) map.frameAt(card.nanosOfReadFrame(after))).as("a frame read after it")
                .isCloseTo(after, Offset.offset(40.0));
        assertThat(map.lastDropFrame()).isBetween(before, before + 40L * BUFFER);
    }

    @Test
    void shouldNotTakeAStallWithoutOverrunForADrop() {
        Card card = new Card(0);
        AudioClockMap map = AudioClockMap.forBuffers(RATE, BUFFER);
        for (int i = 0; i < 5000; i++) {
            long now = card.read(i == 3000 ? 18_000_000 : 0);
            map.update(card.framesRead, now);
        }
        assertThat(card.lost).isZero();
        assertThat(map.dropCount()).isZero();
    }

    @Test
    void shouldInvertTheMapping() {
        AudioClockMap map = AudioClockMap.forBuffers(48_000, 480);
        map.update(480, 1_000_000_000L);
        assertThat(map.frameAt(map.nanosAt(96_000))).isEqualTo(96_000);
    }

    @Test
    void shouldRejectAnImpossibleRate() {
        assertThatThrownBy(() -> new AudioClockMap(10, 16, 256, 1, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nominalRate");
    }
}
