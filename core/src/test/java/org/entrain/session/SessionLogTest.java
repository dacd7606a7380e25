package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.Summary;
import org.entrain.analysis.TimingAnalyzer;
import org.entrain.clock.Deadlines;
import org.entrain.clock.ManualNanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetSource;
import org.entrain.schedule.ChangeAt;
import org.entrain.schedule.CueEngine;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SessionLogTest {

    @TempDir
    Path dir;

    /** Runs 4 bars at 120 bpm on a manual clock with a tapper 30 ms ahead; returns the log path. */
    private Path runSession(long originNanos) throws Exception {
        Path file = dir.resolve("s.jsonl");
        ManualNanoClock clock = new ManualNanoClock();
        SessionLogWriter log = SessionLogWriter.open(file,
                new SessionHeader("entrain test", Map.of("bpm", "120"), Map.of("out", "synth"), Map.of(), Map.of()),
                clock);
        CueEngine engine = CueEngine.builder().clock(clock).tempoMap(TempoMap.constant(120)).end(Length.bars(4))
                .sink(cue -> { }).listener(log).build();
        log.attach(engine);
        engine.begin(originNanos);
        engine.changeTempo(TempoChange.jumpTo(120), ChangeAt.NEXT_BAR);
        for (int i = 0; i < 16; i++) {
            log.onOnset(new Onset(originNanos + i * 500_000_000L - 30_000_000L, 0.5, OnsetSource.MIDI, 0));
        }
        log.deviceEvent(originNanos, "MIDI input 'Pad' connected");
        log.cueHearingEvent(originNanos + 2_000_000_000L, new CueHearing(CueHearing.State.FOUND, 1_203_456_789.4, 57.96));
        log.cueHearingEvent(originNanos + 3_000_000_000L, new CueHearing(CueHearing.State.SEARCHING, Double.NaN, Double.NaN));
        for (int guard = 0; guard < 10_000 && !engine.isFinished(); guard++) {
            long t = engine.nextWakeNanos();
            if (t == Deadlines.NULL_DEADLINE) {
                t = clock.nanoTime() + 1_000_000L;
            }
            clock.set(Math.max(t, clock.nanoTime()));
            engine.doWork(clock.nanoTime());
        }
        assertThat(engine.isFinished()).isTrue();
        log.close();
        assertThat(log.syncedEvents()).isEqualTo(log.writtenEvents());
        return file;
    }

    @Test
    void shouldRoundTripCuesOnsetsAndEventsIntoAnalysis() throws Exception {
        Path file = runSession(5_000_000_000L);
        SessionRecord r = SessionLogReader.read(file);
        assertThat(r.closedCleanly()).isTrue();
        assertThat(r.notes()).isEmpty();
        assertThat(r.cues()).hasSize(16);
        assertThat(r.cues().get(3).latenessNanos()).isZero();
        assertThat(r.cues().get(3).deadlineNanos()).isEqualTo(5_000_000_000L + 1_500_000_000L);
        assertThat(r.onsets()).hasSize(16);
        assertThat(r.events()).extracting(LoggedEvent::type).contains("change", "device", "finished", "cue_hearing");
        // the latency found from the cues and the depth, as numbers a reader can parse; none when unknown
        assertThat(r.events()).filteredOn(e -> e.type().equals("cue_hearing")).extracting(LoggedEvent::description)
                .containsExactly("found latency_ns=1203456789 depth_db=58.0", "searching");
        assertThat(r.header().devices()).containsEntry("out", "synth");
        Summary s = TimingAnalyzer.analyze(r.analysisCues(), r.tapTimesSeconds(), AnalysisOptions.DEFAULT).overall();
        assertThat(s.nMatched()).isEqualTo(16);
        assertThat(s.meanAsynchronyMs()).isCloseTo(-30, within(1e-6));
    }

    @Test
    void shouldIgnoreATornLastLineWithANote() throws Exception {
        Path file = runSession(0);
        long complete = SessionLogReader.read(file).eventLines();
        Files.writeString(file, "{\"type\":\"onset\",\"t_ns\":12", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        SessionRecord r = SessionLogReader.read(file);
        assertThat(r.eventLines()).isEqualTo(complete);
        assertThat(r.notes()).anyMatch(n -> n.contains("cut short"));
    }

    @Test
    void shouldSayWhatTheMicrophoneFoundOfTheCues() {
        assertThat(new CueHearing(CueHearing.State.FOUND, 1_203_400_000, 54.2).describe())
                .isEqualTo("cues heard in the microphone 1203.4 ms after they sounded (found from the cues); cancellation depth 54 dB");
        assertThat(new CueHearing(CueHearing.State.NOT_HEARD, Double.NaN, Double.NaN).describe()).contains("did not hear");
        assertThatThrownBy(() -> new CueHearing(CueHearing.State.FOUND, Double.NaN, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency");
        assertThatThrownBy(() -> new CueHearing(null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAFileThatIsNotASessionLog() throws Exception {
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, "index,time_s,strength\n0,1,1\n");
        assertThatThrownBy(() -> SessionLogReader.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a session log");
    }
}
