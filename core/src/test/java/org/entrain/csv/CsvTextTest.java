package org.entrain.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text checks both CSV readers share ({@link CsvText}): the same words for the same fault. */
class CsvTextTest {

    private static InputStreamReader strictUtf8(byte[] bytes) {
        return new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    @Test
    void shouldSayTheSameOfAFileThatIsNotText() {
        byte[] wav = {'R', 'I', 'F', 'F', (byte) 0xff, (byte) 0xfe, 0, 0};
        assertThatThrownBy(() -> CueCsv.read(strictUtf8(wav), "x.wav")).hasMessage(
                "x.wav: not a text file (it holds bytes that are not UTF-8 text); expected a cue CSV with the header " + CueCsv.HEADER);
        assertThatThrownBy(() -> OnsetCsv.read(strictUtf8(wav), "x.wav")).hasMessage(
                "x.wav: not a text file (it holds bytes that are not UTF-8 text); expected an onset CSV with the header "
                        + OnsetCsv.HEADER);
        assertThatThrownBy(() -> CueCsv.read(new StringReader("a\0b\n"), "n.csv")).hasMessage(
                "n.csv: not a text file (it holds NUL bytes); expected a cue CSV with the header " + CueCsv.HEADER);
        assertThatThrownBy(() -> OnsetCsv.read(new StringReader(""), "e.csv")).hasMessage(
                "e.csv: empty file, expected the header " + OnsetCsv.HEADER);
    }

    @Test
    void shouldAcceptAByteOrderMarkInEither() throws Exception {
        assertThat(CueCsv.read(new StringReader("\uFEFF" + CueCsv.HEADER + "\n0,0,0,0,0.5,120,accent,100\n"), "c.csv"))
                .hasSize(1);
        assertThat(OnsetCsv.read(new StringReader("\uFEFF" + OnsetCsv.HEADER + "\n0,0.5,1\n"), "o.csv")).hasSize(1);
    }

    @Test
    void shouldQuoteALineFitForOneLine() {
        assertThat(CsvText.excerpt("a\tb\u001b[31m")).isEqualTo("a?b?[31m");
        assertThat(CsvText.excerpt("x".repeat(100))).isEqualTo("x".repeat(80) + "...");
    }
}
