package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.entrain.clock.ManualNanoClock;
import org.entrain.clock.NanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetListener;
import org.entrain.onset.OnsetSource;
import org.entrain.pattern.Voice;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole session code in virtual time, with a tapper that follows the sounded cues. */
class SessionVirtualTest {

    /** Taps {@code asyncMs} off every sounded cue; in silent stretches, keeps its last interval. */
    static class Tapper implements TapInput {
        final double asyncMs;
        final List<Long> cueTimes = new ArrayList<>();
        final List<Long> tapTimes = new ArrayList<>();
        OnsetListener out;
        long nextSelf = Long.MIN_VALUE;
        long lastIoi = 600_000_000L;
        int next;

        Tapper(double asyncMs) {
            this.asyncMs = asyncMs;
        }

        @Override
        public String describe() {
            return "test tapper";
        }

        @Override
        public void start(NanoClock clock, OnsetListener onsets, AudioSink audio) {
            out = onsets;
        }

        @Override
        public void cue(long soundNanos, Voice voice, int velocity) {
            if (!cueTimes.isEmpty()) {
                long d = soundNanos - cueTimes.get(cueTimes.size() - 1);
                if (d > 200_000_000L && d < 1_500_000_000L) {
                    lastIoi = d;
                }
            }
            cueTimes.add(soundNanos);
        }

        @Override
        public void advanceTo(long nanos) {
            while (next < cueTimes.size() && cueTimes.get(next) + (long) (asyncMs * 1e6) <= nanos) {
                tap(cueTimes.get(next) + (long) (asyncMs * 1e6));
                next++;
                nextSelf = tapTimes.get(tapTimes.size() - 1) + lastIoi;
            }
            if (nextSelf != Long.MIN_VALUE && nextSelf <= nanos && (next >= cueTimes.size()
                    || cueTimes.get(next) - nextSelf > lastIoi / 2)) {
                tap(nextSelf);
                nextSelf += lastIoi;
            }
        }

        private void tap(long t) {
            tapTimes.add(t);
            out.onOnset(new Onset(t, 0.5, OnsetSource.FILE, 0));
        }

        @Override
        public void stop() {
        }
    }

    static final class Sink implements CueSink {
        final List<Long> deadlines = new ArrayList<>();
        final List<Integer> velocities = new ArrayList<>();

        @Override
        public long advanceNanos() {
            return 150_000_000L;
        }

        @Override
        public void onCue(Cue cue) {
            deadlines.add(cue.deadlineNanos());
            velocities.add(cue.velocity());
        }
    }

    static final String PROTOCOL = """
            name: test
            bpm: 100
            count_in: 1
            phases:
              - kind: baseline
                length: 2bars
              - kind: match
                length: 4bars
                bpm: 100
              - kind: step-up
                step: 5%
                every: 2bars
                to: 110
                gate: {min_r: 0.8, max_abs_mean_ms: 60, last: 4}
              - kind: fade
                length: 4bars
                drop_every: 2
              - kind: continuation
                length: 2bars
            """;

    @Test
    @Timeout(60)
    void shouldRunAProtocolInVirtualTimeAndWriteTheFolder(@TempDir Path dir) throws IOException {
        ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
        Sink sink = new Sink();
        Tapper tapper = new Tapper(-30);
        List<String> phases = new ArrayList<>();
        List<LiveStats> stats = new ArrayList<>();
        Session s = Session.builder().clock(clock).virtualTime(1_000_000L).folder(dir)
                .protocol(ProtocolFile.parse(PROTOCOL, "test.yaml"))
                .output("test sink", sink).input(tapper)
                .listener(new SessionListener() {
                    @Override
                    public void onPhase(int index, Phase phase, long bar, double bpm) {
                        phases.add(phase.kind().id() + "@" + bar + "@" + Math.round(bpm));
                    }

                    @Override
                    public void onStats(LiveStats st) {
                        stats.add(st);
                    }
                })
                .build();
        SessionResult r = s.runVirtual();

        assertThat(r.reason()).isEqualTo(EndReason.COMPLETED);
        assertThat(phases).extracting(p -> p.split("@")[0])
                .containsExactly("count-in", "baseline", "match", "step-up", "fade", "continuation");
        // count-in 1 bar, baseline 2, match 4: the step-up starts at bar 7
        assertThat(phases.get(3)).startsWith("step-up@7@");
        for (String f : List.of("session.jsonl", "cues.csv", "taps.csv", "analysis.json", "analysis.csv")) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        JsonNode a = new ObjectMapper().readTree(dir.resolve("analysis.json").toFile());
        assertThat(a.path("mean_asynchrony_ms").asDouble()).isCloseTo(-30, org.assertj.core.data.Offset.offset(0.5));
        assertThat(a.path("segments")).hasSize(5);
        assertThat(a.path("segments").get(0).path("label").asText()).isEqualTo("baseline");
        // step-up reached 110 bpm: 100 -> 105 -> 110
        SessionRecord rec = SessionLogReader.read(dir.resolve("session.jsonl"));
        double maxBpm = rec.cues().stream().mapToDouble(c -> c.cue().bpm()).max().orElse(0);
        assertThat(maxBpm).isCloseTo(110, org.assertj.core.data.Offset.offset(1e-6));
        // silent phases and every second fade beat did not reach the output
        long muted = rec.events().stream().filter(e -> e.type().equals("mute")).count();
        assertThat(muted).isGreaterThanOrEqualTo(2 * 4 + 8 + 2 * 4);
        assertThat(sink.deadlines).hasSize(rec.analysisCues().size() - (int) muted);
        assertThat(stats).isNotEmpty();
        assertThat(stats.get(stats.size() - 1).phaseKind()).isEqualTo(PhaseKind.CONTINUATION);
    }

    /**
     * The microphone hears the cue too: the input delivers each cue's own sound flagged
     * {@link Onset#CUE_RESIDUE} beside the client's taps. The log keeps them (flagged); the live
     * statistics, the matching, taps.csv and the analysis count only the taps.
     */
    @Test
    @Timeout(60)
    void shouldLogCueResidueButNeverCountItAsATap(@TempDir Path dir) throws IOException {
        ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
        List<Long> residue = new ArrayList<>();
        Tapper tapper = new Tapper(-30) {
            int heard;

            @Override
            public void advanceTo(long nanos) {
                while (heard < cueTimes.size() && cueTimes.get(heard) <= nanos) {
                    residue.add(cueTimes.get(heard));
                    out.onOnset(new Onset(cueTimes.get(heard++), 0.9, OnsetSource.MICROPHONE, Onset.CUE_RESIDUE));
                }
                super.advanceTo(nanos);
            }
        };
        List<LiveStats> stats = new ArrayList<>();
        Session s = Session.builder().clock(clock).virtualTime(1_000_000L).folder(dir)
                .protocol(ProtocolFile.parse("""
                        name: residue
                        bpm: 100
                        count_in: 0
                        phases:
                          - kind: match
                            length: 4bars
                        """, "residue.yaml"))
                .output("test sink", new Sink()).input(tapper)
                .listener(new SessionListener() {
                    @Override
                    public void onStats(LiveStats st) {
                        stats.add(st);
                    }
                })
                .build();
        SessionResult r = s.runVirtual();

        assertThat(r.reason()).isEqualTo(EndReason.COMPLETED);
        assertThat(residue).hasSize(16);
        SessionRecord rec = SessionLogReader.read(dir.resolve("session.jsonl"));
        assertThat(rec.onsets()).hasSize(residue.size() + tapper.tapTimes.size());
        assertThat(rec.onsets().stream().filter(o -> o.has(Onset.CUE_RESIDUE)).map(Onset::timeNanos).toList())
                .containsExactlyElementsOf(residue);
        assertThat(rec.taps()).extracting(Onset::timeNanos).containsExactlyElementsOf(tapper.tapTimes);
        assertThat(Files.readAllLines(dir.resolve("taps.csv"))).hasSize(1 + tapper.tapTimes.size());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("analysis.json").toFile());
        assertThat(a.path("n_taps").asInt()).isEqualTo(tapper.tapTimes.size());
        assertThat(a.path("mean_asynchrony_ms").asDouble()).isCloseTo(-30, org.assertj.core.data.Offset.offset(0.5));
        LiveStats last = stats.get(stats.size() - 1);
        assertThat(last.meanAsynchronyMs()).isCloseTo(-30, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    @Timeout(60)
    void shouldHoldAGatedStepWhileTheClientIsNotEntrained(@TempDir Path dir) throws IOException {
        ManualNanoClock clock = new ManualNanoClock(0);
        Sink sink = new Sink();
        Tapper tapper = new Tapper(-150); // far off: |mean| > 60 ms, the gate stays shut
        List<String> warnings = new ArrayList<>();
        Protocol p = ProtocolFile.parse("""
                bpm: 100
                count_in: 0
                phases:
                  - kind: step-up
                    step: 10%
                    every: 2bars
                    to: 130
                    length: 8bars
                    gate: {min_r: 0.5, max_abs_mean_ms: 60, last: 4}
                """, "gate.yaml");
        Session s = Session.builder().clock(clock).virtualTime(1_000_000L).folder(dir).protocol(p)
                .output("test sink", sink).input(tapper)
                .listener(new SessionListener() {
                    @Override
                    public void onWarning(String message) {
                        warnings.add(message);
                    }
                }).build();
        s.runVirtual();
        SessionRecord rec = SessionLogReader.read(dir.resolve("session.jsonl"));
        assertThat(rec.cues().stream().mapToDouble(c -> c.cue().bpm()).max().orElse(0)).isEqualTo(100.0);
        assertThat(warnings).anyMatch(w -> w.startsWith("step held at 100.0 bpm"));
    }

    @Test
    @Timeout(60)
    void shouldStepWhenTheGateOpens(@TempDir Path dir) throws IOException {
        ManualNanoClock clock = new ManualNanoClock(0);
        Protocol p = ProtocolFile.parse("""
                bpm: 100
                count_in: 0
                phases:
                  - kind: step-up
                    step: 10%
                    every: 2bars
                    to: 130
                    length: 8bars
                    gate: {min_r: 0.5, max_abs_mean_ms: 60, last: 4}
                """, "gate.yaml");
        Session s = Session.builder().clock(clock).virtualTime(1_000_000L).folder(dir).protocol(p)
                .output("test sink", new Sink()).input(new Tapper(-20)).build();
        s.runVirtual();
        SessionRecord rec = SessionLogReader.read(dir.resolve("session.jsonl"));
        assertThat(rec.cues().stream().mapToDouble(c -> c.cue().bpm()).max().orElse(0)).isGreaterThan(100.0);
    }

    @Test
    @Timeout(30)
    void shouldStopLiveAtTheBarEndAndWriteEverything(@TempDir Path dir) throws Exception {
        Sink sink = new Sink();
        Session s = Session.builder().folder(dir).tempo(240).countIn(0).output("test sink", sink)
                .tailNanos(100_000_000L).build();
        s.start();
        Thread.sleep(600);
        s.stopAtBarEnd();
        assertThat(s.awaitEnd(20, TimeUnit.SECONDS)).isTrue();
        assertThat(s.result().reason()).isEqualTo(EndReason.STOPPED);
        assertThat(sink.deadlines.size() % 4).isZero();
        assertThat(Files.readString(dir.resolve("session.jsonl"))).contains("\"type\":\"end\"");
    }
}
