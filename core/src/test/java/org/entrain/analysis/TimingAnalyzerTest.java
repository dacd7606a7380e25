package org.entrain.analysis;

import org.entrain.csv.OnsetCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;

class TimingAnalyzerTest {

    private static double[] grid(int n, double ioi) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = i * ioi;
        }
        return c;
    }

    @Test
    void shouldMatchNearestTapOneToOneAndListMissedAndExtra() {
        double[] cues = {0, 1, 2, 3};
        // cue 0: tap -0.05; cue 1: two taps (0.98 nearer, 1.2 extra); cue 2: none (2.45 outside 0.4); cue 3: 3.1
        double[] taps = {-0.05, 0.98, 1.2, 2.45, 3.1};
        Matching m = TapMatcher.match(cues, taps, MatchOptions.DEFAULT);
        assertThat(m.tapOfCue()).containsExactly(0, 1, -1, 4);
        assertThat(m.missedCues()).containsExactly(2);
        assertThat(m.extraTaps()).containsExactly(2, 3);
    }

    @Test
    void shouldSkipTheFirstTaps() {
        Matching m = TapMatcher.match(new double[] {0, 1, 2}, new double[] {0.01, 1.01, 2.01}, MatchOptions.of(0.4, 2));
        assertThat(m.tapOfCue()).containsExactly(-1, -1, 2);
        assertThat(m.skippedTaps()).isEqualTo(2);
        assertThat(m.extraTaps()).isEmpty();
    }

    @Test
    void shouldLeaveOutCuesBeforeTheFirstAnalysedTap() {
        double[] cues = grid(6, 0.5);
        double[] taps = {1.0, 1.5, 2.0, 2.49};
        Summary s = TimingAnalyzer.analyze(cues, taps, AnalysisOptions.of(MatchOptions.of(0.4, 2))).overall();
        assertThat(s.nCues()).isEqualTo(2);
        assertThat(s.nMatched()).isEqualTo(2);
        assertThat(s.nMissed()).isZero();
        assertThat(s.notes()).contains("4 cues before the first analysed tap (settling) left out");
    }

    @Test
    void shouldWidenTheWindowWhenAsked() {
        double[] cues = {0, 1};
        double[] taps = {0.45};
        assertThat(TapMatcher.match(cues, taps, MatchOptions.of(0.4, 0)).matchedCount()).isZero();
        assertThat(TapMatcher.match(cues, taps, MatchOptions.of(0.5, 0)).matchedCount()).isEqualTo(1);
    }

    @Test
    void shouldNotWidenTheEarlySideOfACueBeforeAGap() {
        // cue 1 is followed by a 4 s gap (faded bars); a tap 0.6 s before it is not its tap
        double[] cues = {0, 1, 5, 6};
        Matching m = TapMatcher.match(cues, new double[] {0.4, 2.2}, MatchOptions.DEFAULT);
        assertThat(m.tapOfCue()).containsExactly(0, 1, -1, -1);
        assertThat(TapMatcher.match(cues, new double[] {0.55}, MatchOptions.DEFAULT).extraTaps()).containsExactly(0);
    }

    @Test
    void shouldRejectBadWindows() {
        assertThatThrownBy(() -> MatchOptions.of(0.6, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.6").hasMessageContaining("0.5");
        assertThatThrownBy(() -> MatchOptions.of(0.4, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldComputeAsynchronyItiAndCadence() {
        double[] cues = grid(10, 0.5);
        double[] taps = new double[10];
        for (int i = 0; i < 10; i++) {
            taps[i] = cues[i] - 0.040 + (i % 2 == 0 ? -0.010 : 0.010);
        }
        Summary s = TimingAnalyzer.analyze(cues, taps, AnalysisOptions.DEFAULT).overall();
        assertThat(s.nMatched()).isEqualTo(10);
        assertThat(s.meanAsynchronyMs()).isCloseTo(-40, within(1e-9));
        assertThat(s.meanAbsAsynchronyMs()).isCloseTo(40, within(1e-9));
        assertThat(s.sdAsynchronyMs()).isCloseTo(10 * Math.sqrt(10.0 / 9), within(1e-9));
        assertThat(s.itiMeanMs()).isCloseTo((taps[9] - taps[0]) * 1000 / 9, within(1e-9));
        assertThat(s.cadencePerMin()).isCloseTo(60_000 / s.itiMeanMs(), within(1e-9));
        assertThat(s.itiCv()).isCloseTo(s.itiSdMs() / s.itiMeanMs(), within(1e-12));
        assertThat(s.stepTimeCvPercent()).isCloseTo(100 * s.itiCv(), within(1e-9));
        assertThat(s.circular().meanDirectionDeg()).isCloseTo(-40.0 / 500 * 360, within(1e-6));
        assertThat(s.notes()).contains("phase correction needs at least 10 consecutive matched taps, had 9");
    }

    @Test
    void shouldDefineResultsForNoTaps() {
        AnalysisResult r = TimingAnalyzer.analyze(grid(8, 0.5), new double[0], AnalysisOptions.DEFAULT);
        Summary s = r.overall();
        assertThat(s.nMissed()).isEqualTo(8);
        assertThat(s.meanAsynchronyMs()).isNaN();
        assertThat(s.itiMeanMs()).isNaN();
        assertThat(s.circular().resultantLength()).isNaN();
        assertThat(s.notes()).contains("no taps to analyse");
    }

    @Test
    void shouldDefineResultsForOneTap() {
        Summary s = TimingAnalyzer.analyze(grid(8, 0.5), new double[] {1.01}, AnalysisOptions.DEFAULT).overall();
        assertThat(s.nMatched()).isEqualTo(1);
        assertThat(s.meanAsynchronyMs()).isCloseTo(10, within(1e-9));
        assertThat(s.sdAsynchronyMs()).isNaN();
        assertThat(s.circular().resultantLength()).isCloseTo(1, within(1e-12));
        assertThat(s.notes()).anyMatch(n -> n.contains("one tap")).anyMatch(n -> n.contains("only one matched"));
    }

    @Test
    void shouldDefineResultsWhenAllTapsAreExtra() {
        Summary s = TimingAnalyzer.analyze(grid(8, 0.5), new double[] {10, 11, 12}, AnalysisOptions.DEFAULT).overall();
        assertThat(s.nExtra()).isEqualTo(3);
        assertThat(s.nMatched()).isZero();
        assertThat(s.meanAsynchronyMs()).isNaN();
        assertThat(s.cadencePerMin()).isCloseTo(60, within(1e-9));
        assertThat(s.notes()).anyMatch(n -> n.contains("all 3 taps extra"));
    }

    @Test
    void shouldDefineResultsForConstantTaps() {
        Summary s = TimingAnalyzer.analyze(grid(8, 0.5), new double[] {1, 1, 1, 1}, AnalysisOptions.DEFAULT).overall();
        assertThat(s.nMatched()).isEqualTo(1);
        assertThat(s.nExtra()).isEqualTo(3);
        assertThat(s.cadencePerMin()).isNaN();
        assertThat(s.notes()).anyMatch(n -> n.contains("same time"));
    }

    @Test
    void shouldRejectNaNTimesNamingTheTap() {
        assertThatThrownBy(() -> TimingAnalyzer.analyze(grid(4, 0.5), new double[] {0.1, Double.NaN}, AnalysisOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tap 1").hasMessageContaining("NaN");
    }

    @Test
    void shouldHandleNoCues() {
        Summary s = TimingAnalyzer.analyze(new double[0], new double[] {1, 1.5, 2}, AnalysisOptions.DEFAULT).overall();
        assertThat(s.nCues()).isZero();
        assertThat(s.nExtra()).isEqualTo(3);
        assertThat(s.itiMeanMs()).isCloseTo(500, within(1e-9));
        assertThat(s.notes()).anyMatch(n -> n.startsWith("no cues"));
    }

    @Test
    void shouldSortUnorderedTapsAndKeepTheirRowNumbers() {
        AnalysisResult r = TimingAnalyzer.analyze(grid(2, 1), new double[] {1.02, 0.01}, AnalysisOptions.DEFAULT);
        assertThat(r.rows().get(0).tapIndex()).isEqualTo(1);
        assertThat(r.rows().get(1).tapIndex()).isEqualTo(0);
        assertThat(r.overall().notes()).anyMatch(n -> n.contains("sorted"));
    }

    @Test
    void shouldSummariseEachTempoSegmentAndTrackTheRamp() {
        TempoMap map = TempoMap.builder(100).then(TempoChange.hold(Length.bars(4)))
                .then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.bars(8))).build();
        List<CueEvent> cues = CuePlanner.plan(map, Pattern.defaults(), Length.bars(20));
        // the client follows one beat late: each ITI equals the previous cue IOI
        double[] taps = new double[cues.size()];
        taps[0] = cues.get(0).timeSeconds() - 0.03;
        for (int k = 1; k < taps.length; k++) {
            double prevIoi = k >= 2 ? cues.get(k - 1).timeSeconds() - cues.get(k - 2).timeSeconds()
                    : cues.get(1).timeSeconds() - cues.get(0).timeSeconds();
            taps[k] = taps[k - 1] + prevIoi;
        }
        AnalysisResult r = TimingAnalyzer.analyze(cues, taps, AnalysisOptions.DEFAULT);
        assertThat(r.segments()).extracting(s -> s.segment().kind()).containsExactly("constant", "ramp", "constant");
        assertThat(r.segments().get(0).summary().nCues()).isEqualTo(16);
        assertThat(r.segments().get(2).segment().label()).isEqualTo("constant 120 bpm");
        TempoTracking ramp = r.segments().get(1).tempoTracking();
        assertThat(ramp.lag1Correlation()).isCloseTo(1, within(1e-6));
        assertThat(ramp.predictionTrackingRatio()).isLessThan(1);
        assertThat(ramp.meanLagBeats()).isCloseTo(1, within(0.1));
        int total = r.segments().stream().mapToInt(s -> s.summary().nCues()).sum();
        assertThat(total).isEqualTo(r.overall().nCues());
    }

    @Test
    void shouldUseTempoMapSegmentsAndProtocolPhases() {
        TempoMap map = TempoMap.builder(120).then(TempoChange.hold(Length.bars(2))).then(TempoChange.jumpTo(60)).build();
        assertThat(Segment.fromTempoMap(map)).hasSize(2);
        Segment baseline = new Segment("baseline", "phase", Double.NEGATIVE_INFINITY, 0);
        Segment cued = new Segment("cued", "phase", 0, 10);
        Segment continuation = new Segment("continuation", "phase", 10, Double.POSITIVE_INFINITY);
        double[] taps = {-3, -2.4, -1.8, -1.2, 0.01, 1.01, 2.01, 3.01, 11, 11.6, 12.2, 12.8};
        AnalysisResult r = TimingAnalyzer.analyze(grid(10, 1), taps,
                AnalysisOptions.DEFAULT.withSegments(List.of(baseline, cued, continuation)));
        assertThat(r.segments().get(0).summary().itiMeanMs()).isCloseTo(600, within(1e-6));
        assertThat(r.segments().get(0).summary().nCues()).isZero();
        assertThat(r.segments().get(1).summary().nMatched()).isEqualTo(4);
        assertThat(r.segments().get(2).wingKristofferson().n()).isEqualTo(3);
        assertThat(r.segments().get(2).summary().cadencePerMin()).isCloseTo(100, within(1e-6));
    }

    @Test
    void shouldGiveMovingWindowSynchrony() {
        MovingWindow w = new MovingWindow(4);
        for (int i = 0; i < 4; i++) {
            w.add(-40, 500);
        }
        assertThat(w.resultantLength()).isCloseTo(1, within(1e-12));
        assertThat(w.meanAsynchronyMs()).isCloseTo(-40, within(1e-12));
        w.add(210, 500);
        w.add(-210, 500);
        assertThat(w.count()).isEqualTo(4);
        assertThat(w.resultantLength()).isLessThan(0.6);
        AnalysisResult r = TimingAnalyzer.analyze(grid(6, 0.5), new double[] {0, 0.5, 1, 1.5, 2.1, 2.4}, AnalysisOptions.DEFAULT);
        double[] live = r.movingResultantLength(2);
        assertThat(live[0]).isCloseTo(1, within(1e-12));
        assertThat(live[5]).isLessThan(live[3]);
    }

    @Test
    void shouldGiveMovingWindowCadence() {
        MovingWindow w = new MovingWindow(3);
        assertThat(w.cadencePerMin()).isNaN();
        for (double t : new double[] {0, 1, 2, 3, 3.5, 4, 4.5}) {
            w.addTap(t);
        }
        assertThat(w.itiMeanMs()).isCloseTo(500, within(1e-9));
        assertThat(w.itiSdMs()).isCloseTo(0, within(1e-6));
        assertThat(w.cadencePerMin()).isCloseTo(120, within(1e-6));
        assertThatThrownBy(() -> w.addTap(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteContractJsonWithNullForNaN() throws IOException {
        AnalysisResult r = TimingAnalyzer.analyze(grid(8, 0.5), new double[] {1.01}, AnalysisOptions.DEFAULT);
        StringWriter w = new StringWriter();
        AnalysisExport.writeJson(r, w);
        JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.toString());
        for (String k : List.of("n_cues", "n_taps", "n_matched", "n_missed", "n_extra", "mean_asynchrony_ms",
                "sd_asynchrony_ms", "mean_abs_asynchrony_ms", "iti_mean_ms", "iti_sd_ms", "iti_cv", "cadence_per_min",
                "circular_mean_deg", "resultant_length", "rayleigh_z", "rayleigh_p")) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("n_missed").asInt()).isEqualTo(7);
        assertThat(j.get("sd_asynchrony_ms").isNull()).isTrue();
        assertThat(j.get("phase_correction").has("alpha")).isTrue();
        assertThat(j.get("phase_correction").get("sigma_t_ms").isNull()).isTrue();
        assertThat(j.get("phase_correction").has("sigma_m_ms")).isTrue();
        assertThat(j.get("notes").size()).isPositive();
        assertThat(j.get("missed_cue_indices").size()).isEqualTo(7);
    }

    @Test
    void shouldWriteTidyCsvWithOneRowPerCue() throws IOException {
        AnalysisResult r = TimingAnalyzer.analyze(grid(3, 0.5), new double[] {0.49}, AnalysisOptions.DEFAULT);
        StringWriter w = new StringWriter();
        AnalysisExport.writeCsv(r, w);
        String[] lines = w.toString().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo(AnalysisExport.CSV_HEADER);
        assertThat(lines[1]).endsWith(",FALSE,NA,NA,NA,NA");
        assertThat(lines[2]).isEqualTo("1,0.500000000,0.500000000,120.000000,beat,0,TRUE,0,0.490000000,-10.000,-7.200");
    }

    @Test
    void shouldReadOnsetCsvWithExtraColumnsAndRejectNaN() throws IOException {
        List<OnsetCsv.Row> rows = OnsetCsv.read(new StringReader("index,time_s,strength,flags\n0,0.5,0.8,0\n1,1.0,0.7,1\n"), "t.csv");
        assertThat(OnsetCsv.times(rows)).containsExactly(0.5, 1.0);
        StringWriter w = new StringWriter();
        OnsetCsv.write(rows, w);
        assertThat(OnsetCsv.read(new StringReader(w.toString()), "w")).isEqualTo(rows);
        assertThatThrownBy(() -> OnsetCsv.read(new StringReader("index,time_s,strength\n0,NaN,1\n"), "bad.csv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.csv line 2");
        assertThatThrownBy(() -> OnsetCsv.read(new StringReader("a,b\n"), "h.csv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time_s");
    }
}
