package org.entrain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reference values from docs/domain.md: Baath and Madison (2012), a Rayleigh example, mir_eval. */
class ReferenceDataTest {

    private static BufferedReader resource(String name) {
        InputStream in = ReferenceDataTest.class.getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Asynchronies per trial, for one ISI, in file order. */
    private static List<double[]> trials(int isi) throws IOException {
        Map<String, List<Double>> byTrial = new LinkedHashMap<>();
        try (BufferedReader r = resource("baath-madison-2012/tapping.csv")) {
            String line = r.readLine();
            assertThat(line).isEqualTo("subject,trial,isi,asynch");
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                if (Integer.parseInt(f[2]) == isi) {
                    byTrial.computeIfAbsent(f[0] + "/" + f[1], k -> new ArrayList<>()).add(Double.parseDouble(f[3]));
                }
            }
        }
        List<double[]> out = new ArrayList<>();
        for (List<Double> l : byTrial.values()) {
            out.add(l.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    /** Cues every ISI and a tap at cue + asynchrony for each value, one after the other. */
    private static AnalysisResult analyseAsSequence(List<double[]> trials, int isi) {
        int n = trials.stream().mapToInt(a -> a.length).sum();
        double[] cues = new double[n];
        double[] taps = new double[n];
        int k = 0;
        for (double[] t : trials) {
            for (double a : t) {
                cues[k] = k * isi / 1000.0;
                taps[k] = cues[k] + a / 1000.0;
                k++;
            }
        }
        return TimingAnalyzer.analyze(cues, taps, AnalysisOptions.of(MatchOptions.of(0.5, 0)));
    }

    @ParameterizedTest
    @CsvSource({
            "600, 3412, -40.1, 43.6, 32.8, -24.41, 0.913",
            "1200, 3492, -48.6, 72.7, 61.3, -15.26, 0.936",
            "1800, 3488, -50.4, 117.9, 104.7, -10.37, 0.923",
            "2400, 3481, -78.4, 169.2, 154.0, -11.77, 0.908",
            "3000, 3483, -118.0, 222.3, 209.1, -13.96, 0.899"})
    void shouldReproduceBaathMadisonTable(int isi, int n, double mean, double pooledSd, double withinSd, double circDeg,
                                          double r) throws IOException {
        List<double[]> trials = trials(isi);
        Summary s = analyseAsSequence(trials, isi).overall();
        assertThat(s.nMatched()).isEqualTo(n);
        assertThat(s.nExtra()).isZero();
        assertThat(s.meanAsynchronyMs()).isCloseTo(mean, within(0.05));
        assertThat(s.sdAsynchronyMs()).isCloseTo(pooledSd, within(0.05));
        assertThat(s.circular().meanDirectionDeg()).isCloseTo(circDeg, within(0.005));
        assertThat(s.circular().resultantLength()).isCloseTo(r, within(0.0005));
        double sumSd = 0;
        for (double[] t : trials) {
            sumSd += analyseAsSequence(List.of(t), isi).overall().sdAsynchronyMs();
        }
        assertThat(sumSd / trials.size()).isCloseTo(withinSd, within(0.05));
    }

    @Test
    void shouldReproduceRayleighExample() {
        double[] angles = {-0.94904375, 0.26575165, -0.03226759, 1.98389239, 2.0084918, 0.56965871, -0.19199522,
                -0.33080002, -0.03141245, 1.18560637, 4.31138236, 4.84776075, 2.10336819, 3.45465972, 4.64572697,
                5.80976322, 6.27160926, 0.67979652, 1.33776004, 0.58059308};
        CircularStats c = CircularStats.of(angles);
        assertThat(c.n()).isEqualTo(20);
        assertThat(c.rayleighZ()).isCloseTo(3.1678, within(0.00005));
        assertThat(c.rayleighP()).isCloseTo(0.0400878, within(0.00000005));
        assertThat(c.resultantLength()).isCloseTo(0.39798, within(0.000005));
        assertThat(c.meanDirectionRad()).isCloseTo(0.18767, within(0.000005));
    }

    private static double[] events(String name) throws IOException {
        List<Double> v = new ArrayList<>();
        try (BufferedReader r = resource("mir_eval-onset/" + name)) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    v.add(Double.parseDouble(line));
                }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "01", "02", "03", "04", "05", "06", "07", "08", "09"})
    void shouldReproduceMirEvalOnsetFixtures(String id) throws IOException {
        JsonNode expected;
        try (BufferedReader r = resource("mir_eval-onset/output" + id + ".json")) {
            expected = new ObjectMapper().readTree(r);
        }
        OnsetScore s = OnsetEvaluation.evaluate(events("ref" + id + ".txt"), events("est" + id + ".txt"));
        assertThat(s.fMeasure()).isEqualTo(expected.get("F-measure").asDouble());
        assertThat(s.precision()).isEqualTo(expected.get("Precision").asDouble());
        assertThat(s.recall()).isEqualTo(expected.get("Recall").asDouble());
    }

    @Test
    void shouldScoreZeroWhenAListIsEmpty() {
        assertThat(OnsetEvaluation.evaluate(new double[0], new double[] {1.0}).fMeasure()).isZero();
        assertThat(OnsetEvaluation.evaluate(new double[] {1.0}, new double[0]).recall()).isZero();
    }

    @Test
    void shouldFindMaximumRatherThanGreedyOnsetMatching() {
        // greedy nearest-first would pair est 0.04 with ref 0.05 and leave ref 0.0 unmatched
        OnsetScore s = OnsetEvaluation.evaluate(new double[] {0.0, 0.05}, new double[] {0.04, 0.09});
        assertThat(s.nMatched()).isEqualTo(2);
    }
}
