package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.TimingAnalyzer;
import org.entrain.clock.Deadlines;
import org.entrain.clock.ManualNanoClock;
import org.entrain.fuzz.Fuzz;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetSource;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.ChangeAt;
import org.entrain.schedule.CueEngine;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session logs cut at every byte and mutated: {@link SessionLogReader} reads every complete line
 * before the cut (no event up to it is lost), rejects only a file without a complete header, and
 * what it reads always goes through the analysis as {@code entrain report} does.
 */
class SessionLogFuzzTest {

    @TempDir
    static Path dir;

    static byte[] log;

    /** A real log: 6 bars at 100 bpm with subdivisions on a manual clock, taps, a tempo change, a device event. */
    @BeforeAll
    static void writeLog() throws Exception {
        Path file = dir.resolve("session.jsonl");
        ManualNanoClock clock = new ManualNanoClock();
        long origin = 1_000_000_000L;
        try (SessionLogWriter w = SessionLogWriter.open(file, new SessionHeader("entrain test", Map.of("bpm", "100", "client", "Zoë"),
                Map.of("out", "synth"), Map.of("in", "44100"), Map.of("latency_ms", "12.5")), clock)) {
            CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(100))
                    .pattern(Pattern.builder().subdivide(2).build()).end(Length.bars(6)).sink(c -> { }).listener(w).build();
            w.attach(engine);
            engine.begin(origin);
            engine.changeTempo(TempoChange.jumpTo(104), ChangeAt.NEXT_BAR);
            for (int i = 0; i < 24; i++) {
                w.onOnset(new Onset(origin + i * 600_000_000L - 25_000_000L, 0.4, OnsetSource.MICROPHONE, 0));
            }
            w.deviceEvent(origin, "microphone 'default' opened");
            while (!engine.isFinished()) {
                long t = engine.nextWakeNanos();
                clock.set(Math.max(t == Deadlines.NULL_DEADLINE ? clock.nanoTime() + 1_000_000L : t, clock.nanoTime()));
                engine.doWork(clock.nanoTime());
            }
        }
        log = Files.readAllBytes(file);
    }

    private static long count(String text, String type) {
        return text.lines().filter(l -> l.startsWith("{\"type\":\"" + type + "\"")).count();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldKeepEveryCompleteLineWhereverTheLogIsCut() {
        String full = new String(log, StandardCharsets.UTF_8);
        int headerEnd = 0;
        while (log[headerEnd] != '\n') {
            headerEnd++;
        }
        headerEnd++;
        assertThat(count(full, "cue")).isEqualTo(48);
        for (int cut = 0; cut <= log.length; cut++) {
            String text = new String(log, 0, cut, StandardCharsets.UTF_8);
            if (cut < headerEnd) {
                try {
                    SessionLogReader.read(text, "cut");
                    throw new AssertionError("a log without its header line was read, cut at " + cut);
                } catch (IllegalArgumentException e) {
                    assertThat(Fuzz.messageProblem(e.getMessage())).isNull();
                }
                continue;
            }
            String complete = text.substring(0, text.lastIndexOf('\n') + 1);
            SessionRecord r = SessionLogReader.read(text, "cut");
            assertThat(r.cues()).as("cues in a log cut at byte %d", cut).hasSize((int) count(complete, "cue"));
            assertThat(r.onsets()).as("onsets in a log cut at byte %d", cut).hasSize((int) count(complete, "onset"));
            assertThat(r.closedCleanly()).isEqualTo(cut == log.length);
            TimingAnalyzer.analyze(r.analysisCues(), r.tapTimesSeconds(), AnalysisOptions.DEFAULT);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldReadOrRejectMutatedLogsWithOneLineAndAnalyseWhatItReads() {
        Fuzz.check("session logs, mutated, read and analysed", Fuzz.mutatedText(log, 400), bytes -> {
            try {
                SessionRecord r = SessionLogReader.read(new String(bytes, StandardCharsets.UTF_8), "mutated");
                TimingAnalyzer.analyze(r.analysisCues(), r.tapTimesSeconds(), AnalysisOptions.DEFAULT);
                return r.notes().isEmpty() ? "read" : "read with notes";
            } catch (IllegalArgumentException e) {
                assertThat(Fuzz.messageProblem(e.getMessage())).as("message").isNull();
                return "rejected";
            }
        });
    }
}
