package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.entrain.clock.Deadlines;
import org.entrain.clock.ManualNanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetSource;
import org.entrain.schedule.CueEngine;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An 8-hour session on a manual clock, offline: 1 h at 100 bpm, a 2 h linear ramp to 120 bpm,
 * 5 h at 120 bpm, a tap 20 ms before every beat, logged by {@link SessionLogWriter}. Every cue is
 * sent exactly at its deadline, the deadlines match the tempo map's closed form to the nanosecond
 * at hour 8 as at hour 0 (no drift), no cue is lost or doubled, the retained heap does not grow
 * from hour 1 to hour 8, and the log reads back whole.
 */
class EightHourSessionTest {

    static final double RAMP_S = 7200;
    static final double T0 = 3600;

    @TempDir
    Path dir;

    /** Closed form of the map: seconds of beat k (linear-in-time ramp: beats = (a t + (b-a) t^2 / 2T) / 60). */
    static double closedFormSeconds(long k) {
        double b0 = T0 * 100 / 60; // 6000 beats at 100 bpm
        if (k <= b0) {
            return k * 0.6;
        }
        double rampBeats = (100 * RAMP_S + 20 * RAMP_S / 2) / 60; // 13200
        if (k <= b0 + rampBeats) {
            double beats = k - b0;
            // (10 / T) t^2 + 100 t - 60 beats = 0
            double a = 20 / (2 * RAMP_S);
            double t = (-100 + Math.sqrt(100.0 * 100 + 4 * a * 60 * beats)) / (2 * a);
            return T0 + t;
        }
        return T0 + RAMP_S + (k - b0 - rampBeats) * 0.5;
    }

    static long retainedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldRunEightHoursWithoutDriftLossOrGrowth() throws Exception {
        Path file = dir.resolve("session.jsonl");
        ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
        TempoMap map = TempoMap.builder(100).then(TempoChange.hold(Length.seconds(T0)))
                .then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.seconds(RAMP_S))).build();
        long[] count = {0};
        long[] maxLate = {0};
        long[] maxDrift = {0};
        long[] badIndex = {-1};
        long origin = 2_000_000_000L;
        SessionLogWriter log = SessionLogWriter.open(file, new SessionHeader("entrain test", Map.of("hours", "8"), Map.of(),
                Map.of(), Map.of()), clock);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(map).end(Length.seconds(8 * 3600)).listener(log)
                .sink(cue -> {
                    if (cue.index() != count[0] && badIndex[0] < 0) {
                        badIndex[0] = cue.index();
                    }
                    count[0]++;
                    maxLate[0] = Math.max(maxLate[0], Math.abs(clock.nanoTime() - cue.deadlineNanos()));
                    long expected = origin + Math.round(closedFormSeconds(Math.round(cue.beatPosition())) * 1e9);
                    maxDrift[0] = Math.max(maxDrift[0], Math.abs(cue.deadlineNanos() - expected));
                    long mapped = origin + Math.round(map.secondsAt(cue.beatPosition()) * 1e9);
                    if (mapped != cue.deadlineNanos()) {
                        maxDrift[0] = Long.MAX_VALUE;
                    }
                }).build();
        log.attach(engine);
        engine.begin(origin);
        long heapAtHour1 = -1;
        long nextTap = 0;
        while (!engine.isFinished()) {
            long t = engine.nextWakeNanos();
            clock.set(Math.max(t == Deadlines.NULL_DEADLINE ? clock.nanoTime() + 1_000_000L : t, clock.nanoTime()));
            engine.doWork(clock.nanoTime());
            while (nextTap < count[0]) {
                // the tap 20 ms before each beat, delivered as a live input would, after the beat
                log.onOnset(new Onset(origin + Math.round(map.secondsAt(nextTap) * 1e9) - 20_000_000L, 0.5, OnsetSource.MIDI, 0));
                nextTap++;
            }
            if (count[0] % 2000 == 0) {
                // let the writer thread keep up, as real time would
                for (int i = 0; i < 2000 && log.writtenEvents() < 2 * count[0] - 200; i++) {
                    Thread.sleep(1);
                }
            }
            if (heapAtHour1 < 0 && clock.nanoTime() - origin >= 3600_000_000_000L) {
                heapAtHour1 = retainedHeap();
            }
        }
        long heapAtHour8 = retainedHeap();
        log.close();

        long expectedCues = 6000 + 13200 + 5 * 3600 * 2;
        assertThat(badIndex[0]).as("first cue out of sequence").isEqualTo(-1);
        assertThat(count[0]).isEqualTo(expectedCues);
        assertThat(maxLate[0]).as("largest |send - deadline| on the manual clock, ns").isZero();
        assertThat(maxDrift[0]).as("largest |deadline - closed form|, ns").isLessThanOrEqualTo(1);
        assertThat(engine.dispatchLog().lost()).isZero();
        System.out.printf("8 h session: %d cues, retained heap %.1f MB at 1 h, %.1f MB at 8 h, log %.1f MB%n", count[0],
                heapAtHour1 / 1e6, heapAtHour8 / 1e6, Files.size(file) / 1e6);
        assertThat(heapAtHour8 - heapAtHour1).as("heap growth from hour 1 to hour 8, bytes").isLessThan(8_000_000L);

        SessionRecord r = SessionLogReader.read(file);
        assertThat(r.closedCleanly()).isTrue();
        assertThat(r.notes()).isEmpty();
        assertThat(r.cues()).hasSize((int) expectedCues);
        assertThat(r.onsets()).hasSize((int) expectedCues);
        List<LoggedCue> cues = r.cues();
        for (int i = 0; i < cues.size(); i++) {
            assertThat(cues.get(i).cue().index()).isEqualTo(i);
            assertThat(cues.get(i).latenessNanos()).isZero();
        }
    }
}
