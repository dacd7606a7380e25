package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import picocli.CommandLine;

/**
 * Fuzzes the {@code entrain} command line in-process (QuickTheories, 10 000 argument vectors for
 * the tempo and pattern options through {@code plan} and {@code render --cues/--midi}; 3 300 for
 * {@code analyze} and {@code detect --audio} with good, bad and missing files, whose parsers the
 * core fuzz tests cover with 10 000 cases each): the exit code is 0,
 * 1 or 2; a failure prints exactly one line on stderr, starting {@code entrain: }; no stack
 * trace anywhere, including what libraries log to {@code System.err}.
 * {@code -Dentrain.fuzz.examples=N} changes the count.
 */
class CliFuzzTest {

    static final int EXAMPLES = Integer.getInteger("entrain.fuzz.examples", 10_000);
    static final long SEED = Long.getLong("entrain.fuzz.seed", 0x5EED_0013L);

    @TempDir
    static Path dir;
    static List<String> files = new ArrayList<>();

    @BeforeAll
    static void files() throws Exception {
        Path cues = dir.resolve("cues.csv");
        assertThat(EntrainCli.execute(new String[] {"plan", "--bpm", "100", "--bars", "4", "--csv", cues.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isZero();
        Path taps = dir.resolve("taps.csv");
        StringBuilder t = new StringBuilder("index,time_s,strength\n");
        for (int i = 0; i < 16; i++) {
            t.append(i).append(',').append(i * 0.6 - 0.02).append(",0.5\n");
        }
        Files.writeString(taps, t);
        Path wav = dir.resolve("rec.wav");
        byte[] pcm = new byte[2 * 8000];
        for (int i = 0; i < 8000; i += 2400) {
            for (int k = 0; k < 40; k++) {
                pcm[2 * (i + k) + 1] = (byte) (k % 2 == 0 ? 90 : -90);
            }
        }
        javax.sound.sampled.AudioSystem.write(new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(pcm),
                new javax.sound.sampled.AudioFormat(8000, 16, 1, true, false), 8000), javax.sound.sampled.AudioFileFormat.Type.WAVE,
                wav.toFile());
        Path junk = dir.resolve("junk.bin");
        byte[] j = new byte[3000];
        new java.util.Random(13).nextBytes(j);
        Files.write(junk, j);
        Files.writeString(dir.resolve("empty.csv"), "");
        files.addAll(List.of(cues.toString(), taps.toString(), wav.toString(), junk.toString(), dir.resolve("empty.csv").toString(),
                dir.resolve("missing.csv").toString(), dir.toString(), "/nonexistent/x/y.csv", "", "-"));
    }

    /** One run's outcome, checked against the contract. */
    static final java.util.Set<String> OUTPUTS = java.util.Set.of("--json", "--csv", "--report", "--cues", "--midi", "--wav");

    /**
     * Output options whose value is a relative path write into the temporary folder, never into
     * the working directory (the module's own folder).
     */
    static List<String> confined(List<String> args) {
        List<String> a = new ArrayList<>(args);
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i);
            int eq = s.indexOf('=');
            if (s.startsWith("--") && eq > 0 && OUTPUTS.contains(s.substring(0, eq)) && !s.substring(eq + 1).startsWith("/")) {
                a.set(i, s.substring(0, eq) + "=" + dir.resolve("rel-" + i));
            } else if (i > 0 && OUTPUTS.contains(a.get(i - 1)) && !s.startsWith("/") && !s.isEmpty()) {
                a.set(i, dir.resolve("rel-" + i).toString());
            }
        }
        return a;
    }

    /**
     * One command line for every case of a property: building one costs about 90% of a case, and
     * picocli resets every option to its default before it parses. Every {@link #FRESH_EVERY}th
     * case runs again on a new command line, as {@code main} does, and must answer the same.
     */
    static CommandLine cli;
    static final int FRESH_EVERY = 20;
    static int cases;
    /**
     * What libraries print to {@code System.err}: installed for a whole property, before its
     * command line is built (picocli takes a {@code System.err} that differs from the one at
     * construction for the caller's and writes its errors there).
     */
    static final ByteArrayOutputStream SYS_ERR = new ByteArrayOutputStream();

    /** What one run printed. */
    record Outcome(int code, String out, String err, String sysErr) {
    }

    static Outcome execute(CommandLine cl, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SYS_ERR.reset();
        int code = cl == null ? EntrainCli.execute(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true))
                : EntrainCli.execute(cl, args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString(), SYS_ERR.toString(StandardCharsets.UTF_8));
    }

    static String run(List<String> original) {
        List<String> args = confined(original);
        Outcome o = execute(cli, args);
        int code = o.code();
        String e = o.err();
        Supplier<String> what = () -> "entrain " + String.join(" ", args) + "\nstderr: " + e + "\nSystem.err: " + o.sysErr();
        assertThat(code).as(what).isIn(0, 1, 2);
        assertThat(e + o.sysErr() + o.out()).as(what).doesNotContain("\tat ").doesNotContain("Exception in");
        if (code != 0) {
            // exactly one error line; analyze and detect may print a note or a warning before it
            List<String> errors = e.lines().filter(l -> l.startsWith("entrain: ") && !l.startsWith("entrain: warning: ")
                    && !l.startsWith("entrain: note: ")).toList();
            assertThat(errors).as(what).hasSize(1);
            List<String> lines = e.lines().toList();
            assertThat(lines.get(lines.size() - 1)).as(what).startsWith("entrain: ");
        }
        if (cases++ % FRESH_EVERY == 0) {
            Outcome fresh = execute(null, args);
            assertThat("exit " + fresh.code() + "\n" + fresh.err()).as(() -> "on a new command line: " + what.get())
                    .isEqualTo("exit " + code + "\n" + e);
        }
        return "exit " + code;
    }

    static <T> void check(String name, Gen<T> gen, java.util.function.Function<T, String> property) {
        check(name, gen, property, EXAMPLES);
    }

    static <T> void check(String name, Gen<T> gen, java.util.function.Function<T, String> property, int examples) {
        Map<String, Integer> outcomes = new TreeMap<>();
        AtomicInteger n = new AtomicInteger();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(SYS_ERR, true, StandardCharsets.UTF_8));
        try {
            cli = EntrainCli.commandLine();
            for (int round = 0; round < 5 && n.get() < examples; round++) {
                QuickTheory.qt().withFixedSeed(SEED + 7919L * round).withExamples(examples - n.get()).withShrinkCycles(100)
                        .forAll(gen).checkAssert(x -> {
                            outcomes.merge(property.apply(x), 1, Integer::sum);
                            n.incrementAndGet();
                        });
            }
        } finally {
            System.setErr(oldErr);
            cli = null;
        }
        assertThat(n.get()).isGreaterThanOrEqualTo(examples);
        System.out.println("FUZZ " + name + ": " + n.get() + " cases: " + outcomes);
    }

    static final List<String> NUMBERS = List.of("0", "-1", "1", "2", "4", "16", "60", "100", "120", "1000", "1001", "1e9", "NaN",
            "Infinity", "abc", "", "0.5", "1e-300", "7/8", "3%", "-50%", "101%", "0%", "5");
    static final List<String> LENGTHS = List.of("90s", "2m", "10s", "500ms", "8bars", "32beats", "1beat", "0s", "-5s", "1e8s", "12parsecs",
            "", "2 bars", "1.5bars", "Infinitys", "1e400s");
    static final List<String> WORDS = List.of("linear", "linear-beats", "exp", "cubic", "4/4", "3/4", "6/8", "4/3", "0/4", "65/4",
            "1,3", "none", "0", "1,9", "a,b", ",", "taps", "steps", "accent=claves", "beat=300", "sub=1:115:72", "x=y", "=", "é", "\n",
            "'", "\"");
    static final List<String> TEMPO_OPTIONS = List.of("--bpm", "--to", "--over", "--shape", "--step", "--every", "--until", "--meter",
            "--accent", "--subdivide", "--bars", "--beats", "--duration", "--sounds", "--control-rate", "--bmp", "--help", "-h", "--");

    static Gen<String> value() {
        return Generate.frequency(Pair.of(4, Generate.pick(NUMBERS)), Pair.of(3, Generate.pick(LENGTHS)), Pair.of(3, Generate.pick(WORDS)),
                Pair.of(1, strings().allPossible().ofLengthBetween(0, 8)));
    }

    static Gen<List<String>> options(List<String> names, Gen<String> value) {
        Gen<List<String>> pair = Generate.pick(names).zip(value, Generate.booleans(), (o, v, joined) ->
                joined ? List.of(o + "=" + v) : List.of(o, v));
        Gen<List<String>> flag = Generate.pick(names).map((String s) -> List.of(s));
        return lists().of(Generate.frequency(Pair.of(6, pair), Pair.of(1, flag), Pair.of(1, value.map((String s) -> List.of(s))))).ofSizeBetween(0, 7)
                .map(l -> {
                    List<String> flat = new ArrayList<>();
                    l.forEach(flat::addAll);
                    return flat;
                });
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldAnswerAnyTempoAndPatternOptionsWithAPlanOrOneLine() {
        Gen<List<String>> base = Generate.pick(List.of(List.of("plan", "--bpm", "100"), List.of("plan"), List.of("plan", "--bpm", "90",
                "--bars", "4"), List.of("render", "--bpm", "100", "--beats", "8"), List.of("render"), List.of("plaay"), List.of()));
        Gen<List<String>> args = base.zip(options(TEMPO_OPTIONS, value()), integers().between(0, 3), (b, o, out) -> {
            List<String> a = new ArrayList<>(b);
            a.addAll(o);
            if (!a.isEmpty() && a.get(0).equals("render")) {
                a.addAll(out == 0 ? List.of() : out == 1 ? List.of("--cues", dir.resolve("r.csv").toString())
                        : out == 2 ? List.of("--midi", dir.resolve("r.mid").toString()) : List.of("--midi", dir.resolve("r.txt").toString()));
            } else if (!a.isEmpty() && a.get(0).equals("plan") && out == 1) {
                a.addAll(List.of("--csv", dir.resolve("p.csv").toString()));
            }
            return a;
        });
        check("CLI tempo and pattern options (plan, render --cues/--midi)", args, CliFuzzTest::run);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldAnswerAnalyzeAndDetectWithAnyFilesAndOptionsWithAResultOrOneLine() {
        Gen<String> file = Generate.pick(files);
        Gen<String> value = Generate.frequency(Pair.of(2, file), Pair.of(2, value()));
        Gen<List<String>> analyze = options(List.of("--cues", "--taps", "--audio", "--skip", "--window", "--preset", "--cue-offset",
                "--json", "--csv", "--tapz"), value).map(o -> {
                    List<String> a = new ArrayList<>(List.of("analyze"));
                    a.addAll(o);
                    return a;
                });
        Gen<List<String>> detect = options(List.of("--audio", "--csv", "--preset", "--threshold", "--min-interval", "--band", "--channel",
                "--cues", "--cue-offset", "--calibration"), value).map(o -> {
                    List<String> a = new ArrayList<>(List.of("detect"));
                    a.addAll(o);
                    return a;
                });
        Gen<List<String>> few = options(List.of("--skip", "--window", "--preset", "--cue-offset", "--json"), value()).map(l ->
                l.size() > 2 ? l.subList(0, 2) : l);
        Gen<List<String>> fewOrNone = Generate.frequency(Pair.of(1, few), Pair.of(1, Generate.constant(List.of())));
        Gen<String> cueFile = Generate.frequency(Pair.of(3, Generate.constant(files.get(0))), Pair.of(1, file));
        Gen<String> tapFile = Generate.frequency(Pair.of(3, Generate.constant(files.get(1))), Pair.of(1, file));
        Gen<List<String>> good = cueFile.zip(tapFile, Generate.booleans(), fewOrNone, (c, t, audio, extra) -> {
            List<String> a = new ArrayList<>(List.of("analyze", "--cues", c, audio ? "--audio" : "--taps", audio ? files.get(2) : t));
            a.addAll(extra);
            return a;
        });
        Gen<String> wavFile = Generate.frequency(Pair.of(3, Generate.constant(files.get(2))), Pair.of(1, file));
        Gen<List<String>> goodDetect = wavFile.zip(fewOrNone, (f, extra) -> {
            List<String> a = new ArrayList<>(List.of("detect", "--audio", f));
            a.addAll(extra.size() > 0 && extra.get(0).equals("--json") ? List.of() : extra);
            return a;
        });
        check("CLI analyze and detect --audio with good, bad and missing files", Generate.frequency(Pair.of(2, analyze), Pair.of(1, detect),
                Pair.of(2, good), Pair.of(1, goodDetect)), CliFuzzTest::run, EXAMPLES / 3);
    }
}
