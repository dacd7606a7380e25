package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldPrintARampWhoseTimesMatchTheClosedFormToAMicrosecond() {
        Run r = run("plan", "--bpm", "60", "--to", "120", "--over", "120s", "--bars", "40", "--subdivide", "2");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("index,bar,beat,sub,time_s,bpm,voice,velocity");
        assertThat(lines).hasSize(1 + 320);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            double beat = (i - 1) / 2.0;
            // bpm(t) = 60 + t/2  =>  beats(t) = t + t^2/240  =>  t = 120 (sqrt(1 + beat/60) - 1)
            double t = 120 * (Math.sqrt(1 + beat / 60) - 1);
            assertThat(Double.parseDouble(f[4])).isCloseTo(t, within(1e-6));
            assertThat(f[4]).matches("\\d+\\.\\d{9}");
            assertThat(Double.parseDouble(f[5])).isCloseTo(60 + t / 2, within(1e-5));
        }
    }

    @Test
    void shouldWriteTheCsvToAFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("cues.csv");
        Run r = run("plan", "--bpm", "100", "--step", "5%", "--every", "2bars", "--until", "110", "--meter", "3/4",
                "--accent", "1,3", "--beats", "30", "--csv", csv.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(31);
        assertThat(lines.get(1)).endsWith(",100.000000,accent,120");
        assertThat(lines.get(3)).endsWith(",accent,120");
        assertThat(lines.get(30)).contains(",110.000000,");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plan --bpm 0 --bars 4|--bpm 0.0 is outside 1..1000 bpm",
            "plan --bpm 1200 --bars 4|1200",
            "plan --bpm 90 --to 130 --bars 4|--to B2 and --over D",
            "plan --bpm 90 --to 130 --over 12parsecs --bars 4|12parsecs",
            "plan --bpm 90 --to 130 --over 8bars --shape cubic --bars 4|cubic",
            "plan --bpm 90 --meter 4/3 --bars 4|power of two",
            "plan --bpm 90 --subdivide 9 --bars 4|--subdivide 9",
            "plan --bpm 90 --accent 5 --bars 4|accent beat 5",
            "plan --bpm 90|--bars N, --beats N or --duration D",
            "plan --bpm 90 --bars 2 --beats 8|cannot be combined",
            "plan --bpm 90 --step 0% --every 2bars --bars 4|--step '0%'",
            "plan --bpm 90 --step 5% --every 2bars --until 80 --bars 4|80.0",
            "plan --bpm abc --bars 4|abc",
            "plan --bpm 90 --bars 4 --frobnicate|--frobnicate",
            "plan --bpm 90 --duration 8bars|--duration '8bars'",
    })
    void shouldRejectBadInputWithOneLineAndExitCode2(String args, String expected) {
        Run r = run(args.split(" "));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("entrain: ").contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void shouldPrintHelp() {
        Run r = run("plan", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--bpm").contains("--subdivide").contains("--shape");
    }
}
