package org.entrain.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.entrain.analysis.AnalysisOptions;
import org.entrain.analysis.AnalysisResult;
import org.entrain.analysis.MatchOptions;
import org.entrain.analysis.TimingAnalyzer;
import org.entrain.fuzz.Fuzz;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Fuzzes the tap input of {@code analyze}: {@link OnsetCsv#read} on mutated tap files, random
 * rows and other file types, then {@link TimingAnalyzer#analyze} on whatever was read, and the
 * analyzer on arbitrary cue and tap times. Only {@link IllegalArgumentException} with a one-line
 * message may escape; every result is complete (no null summary).
 */
class OnsetCsvFuzzTest {

    private static final String SOURCE = "taps.csv";
    private static final List<CueEvent> CUES = CuePlanner.plan(TempoMap.constant(100), Pattern.builder().build(), Length.bars(4));

    private static byte[] taps() throws IOException {
        List<OnsetCsv.Row> rows = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            rows.add(new OnsetCsv.Row(i, i * 0.6 - 0.02 + 0.003 * (i % 3), 0.5 + 0.01 * i));
        }
        StringWriter w = new StringWriter();
        OnsetCsv.write(rows, w);
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String check(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            List<OnsetCsv.Row> rows = OnsetCsv.read(new InputStreamReader(new ByteArrayInputStream(bytes), decoder), SOURCE);
            AnalysisResult r = TimingAnalyzer.analyze(CUES, OnsetCsv.times(rows), AnalysisOptions.DEFAULT);
            assertThat(r.overall()).isNotNull();
            assertThat(r.overall().nTaps()).isLessThanOrEqualTo(rows.size());
            return "accepted";
        } catch (IllegalArgumentException e) {
            assertThat(Fuzz.messageProblem(e.getMessage())).as("message").isNull();
            return "rejected";
        } catch (IOException e) {
            throw new AssertionError("an in-memory read cannot fail with an I/O error: " + e, e);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRejectMutatedTapFilesWithOneLineOrAnalyseThem() throws IOException {
        Fuzz.check("tap CSV, mutated files, analysed", Fuzz.mutatedText(taps(), 40), OnsetCsvFuzzTest::check);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRejectRandomRowsWithOneLineOrAnalyseThem() {
        Gen<String> field = Generate.oneOf(strings().numeric(), strings().allPossible().ofLengthBetween(0, 5),
                doubles().any().map((Double d) -> String.valueOf(d)), doubles().between(-5, 20).map((Double d) -> String.valueOf(d)),
                Generate.pick(List.of("NaN", "-Infinity", "1e308", "-0", "0x10", "", " 1.5 ")));
        Gen<String> row = integers().between(0, 4).flatMap(n -> lists().of(field).ofSize(n).map(l -> String.join(",", l)));
        Gen<String> header = Generate.pick(List.of(OnsetCsv.HEADER, "time_s", "\uFEFFindex,time_s", "time_s,index,strength,flags",
                "index,strength", ""));
        Gen<String> text = header.zip(lists().of(row).ofSizeBetween(0, 30), (h, rows) -> h + "\n" + String.join("\n", rows));
        Fuzz.check("tap CSV, random rows, analysed", text, t -> check(t.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldAnalyseAnyFiniteCueAndTapTimesOrRejectThemWithOneLine() {
        Gen<Double> time = Generate.frequency(Pair.of(8, doubles().between(-10, 100)), Pair.of(1, doubles().between(-2e9, 2e9)),
                Pair.of(1, Generate.pick(List.of(0.0, -0.0, 1e-12, 1e300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE))));
        Gen<List<Double>> lists = Generate.frequency(Pair.of(8, lists().of(doubles().between(-10, 100)).ofSizeBetween(0, 40)),
                Pair.of(2, lists().of(time).ofSizeBetween(0, 40)));
        Gen<double[]> times = lists.map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
        Gen<double[]> sortedCues = times.map(t -> java.util.Arrays.stream(t).map(x -> x + 0.0).sorted().distinct().toArray());
        record Case(double[] cues, double[] taps, int skip, double window) {
        }
        Gen<Case> cases = sortedCues.zip(times, integers().between(0, 5), doubles().between(0.01, 0.5), Case::new);
        Fuzz.check("analysis of arbitrary cue and tap times", cases, c -> {
                    try {
                        AnalysisResult r = TimingAnalyzer.analyze(c.cues(), c.taps(),
                                AnalysisOptions.of(MatchOptions.of(c.window(), c.skip())));
                        assertThat(r.overall()).isNotNull();
                        assertThat(r.overall().nMatched()).isLessThanOrEqualTo(Math.min(c.cues().length, c.taps().length));
                        return "accepted";
                    } catch (IllegalArgumentException e) {
                        assertThat(Fuzz.messageProblem(e.getMessage())).as("message").isNull();
                        return "rejected";
                    }
                });
    }
}
