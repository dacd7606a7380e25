package org.entrain.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.entrain.fuzz.Fuzz;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.TempoMap;
import org.entrain.pattern.Pattern;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Fuzzes {@link CueCsv#read}: the project's own plan files mutated at the byte level, cut at any
 * byte, random text and other file types, decoded strictly as the command line reads files
 * ({@code Files.newBufferedReader}). Only {@link IllegalArgumentException} with a one-line message
 * naming the source may escape.
 */
class CueCsvFuzzTest {

    private static final String SOURCE = "cues.csv";

    private static byte[] plan() throws IOException {
        TempoMap map = TempoMap.builder(90).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.beats(8))).build();
        List<CueEvent> cues = CuePlanner.plan(map, Pattern.builder().subdivide(2).build(), Length.bars(3));
        StringWriter w = new StringWriter();
        CueCsv.write(cues, w);
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads like the command line: strict UTF-8 (malformed input is an error, not a replacement). */
    static List<CueEvent> readStrict(byte[] bytes) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return CueCsv.read(new InputStreamReader(new ByteArrayInputStream(bytes), decoder), SOURCE);
    }

    static String check(byte[] bytes) {
        try {
            List<CueEvent> cues = readStrict(bytes);
            assertThat(cues).doesNotContainNull();
            return "accepted";
        } catch (IllegalArgumentException e) {
            assertThat(Fuzz.messageProblem(e.getMessage())).as("message").isNull();
            assertThat(e.getMessage()).startsWith(SOURCE);
            return "rejected";
        } catch (IOException e) {
            throw new AssertionError("an in-memory read cannot fail with an I/O error: " + e, e);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRejectMutatedPlanFilesWithOneLineOrReadThem() throws IOException {
        byte[] base = plan();
        Fuzz.check("cue CSV, mutated plan files", Fuzz.mutatedText(base, 60), CueCsvFuzzTest::check);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRejectRandomTextAndRowsWithOneLine() {
        Gen<String> field = Generate.oneOf(strings().numeric(), strings().allPossible().ofLengthBetween(0, 6),
                Generate.pick(List.of("accent", "beat", "sub", "layer", "NaN", "Infinity", "-1", "1e400",
                        "9223372036854775808", "0.0000000005", " 3 ", "")));
        Gen<String> row = integers().between(0, 10).flatMap(n -> lists().of(field).ofSize(n).map(l -> String.join(",", l)));
        Gen<String> text = lists().of(row).ofSizeBetween(0, 5)
                .map(rows -> CueCsv.HEADER + "\n" + String.join("\n", rows));
        Fuzz.check("cue CSV, random rows and text", text.mix(strings().allPossible().ofLengthBetween(0, 200)), t -> check(t.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldSayAWavFileIsNotACueCsv() {
        byte[] wav = {'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
                0x44, (byte) 0xAC, 0, 0, (byte) 0x88, 0x58, 1, 0, 2, 0, 16, 0, 'd', 'a', 't', 'a', 0, 0, 0, 0,
                (byte) 0xFF, (byte) 0xFE, (byte) 0x80, 0x7F};
        try {
            readStrict(wav);
            throw new AssertionError("a WAV file was read as a cue CSV");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ": not a text file").contains(CueCsv.HEADER)
                    .doesNotContain("Input length");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
