package org.entrain.fuzz;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Shared set-up for the property-based fuzz tests (QuickTheories): the number of cases and the
 * seed, and byte-level mutations of real files. {@code -Dentrain.fuzz.examples=N} changes the
 * number of cases per property (default 10 000), {@code -Dentrain.fuzz.seed=S} the seed (default
 * fixed, so that CI is reproducible; QuickTheories prints the seed of a failing run).
 */
public final class Fuzz {

    /** Cases per property. */
    public static final int EXAMPLES = Integer.getInteger("entrain.fuzz.examples", 10_000);
    /** The seed. */
    public static final long SEED = Long.getLong("entrain.fuzz.seed", 0x5EED_0013L);

    private Fuzz() {
    }

    /**
     * A theory with the suite's case count and seed.
     *
     * @return the theory
     */
    public static QuickTheory qt() {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(200);
    }

    /**
     * A theory with a given case count.
     *
     * @param examples the cases
     * @return the theory
     */
    public static QuickTheory qt(int examples) {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(examples).withShrinkCycles(200);
    }

    /**
     * Checks a property on at least {@link #EXAMPLES} generated cases (QuickTheories skips
     * repeated draws, so it runs further rounds with derived seeds until the count is reached),
     * and prints how the cases ended ({@code FUZZ name: N cases: accepted a, rejected r}) so that
     * a generator that only ever produces one outcome shows.
     *
     * @param name the property, for the summary
     * @param gen the cases
     * @param property the check: returns the outcome ("accepted", "rejected" ...), throws on failure
     * @param <T> the case type
     * @return the outcome counts
     */
    public static <T> java.util.Map<String, Integer> check(String name, Gen<T> gen, java.util.function.Function<T, String> property) {
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        for (int round = 0; round < 5 && n.get() < EXAMPLES; round++) {
            QuickTheory.qt().withFixedSeed(SEED + 7919L * round).withExamples(EXAMPLES - n.get()).withShrinkCycles(200)
                    .forAll(gen).checkAssert(t -> {
                        String outcome = property.apply(t);
                        n.incrementAndGet();
                        outcomes.merge(outcome, 1, Integer::sum);
                    });
        }
        if (n.get() < EXAMPLES) {
            throw new AssertionError("only " + n.get() + " distinct cases generated, " + EXAMPLES + " wanted");
        }
        System.out.println("FUZZ " + name + ": " + n.get() + " cases: " + outcomes);
        return outcomes;
    }

    /** Extreme 32-bit values written over a field: sizes, counts, rates. */
    private static final int[] EXTREMES = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF, 0x10000, 3, 7};

    /**
     * Byte-level mutations of a real file: replaced, inserted and deleted bytes, extreme 32-bit
     * and 16-bit values (little or big endian) written over fields, mostly in the first
     * {@code headerBytes} bytes where the headers are, and the file cut at any byte (zero-length
     * included).
     *
     * @param base the file
     * @param headerBytes where most mutations go
     * @return the generator
     */
    public static Gen<byte[]> mutated(byte[] base, int headerBytes) {
        int len = base.length;
        Gen<Integer> pos = Generate.frequency(Pair.of(3, Generate.range(0, Math.max(0, Math.min(headerBytes, len) - 1))),
                Pair.of(1, Generate.range(0, Math.max(0, len - 1))));
        // half the written bytes are characters of CSV and JSON text, so text files stay mostly text
        Gen<Integer> value = Generate.frequency(Pair.of(1, integers().between(0, 255)),
                Pair.of(1, Generate.pick(List.of((int) '0', (int) '1', (int) '9', (int) ',', (int) '.', (int) '-', (int) '\n',
                        (int) 'e', (int) '"', (int) ':', (int) '{', (int) '}', (int) ' ', (int) 'x'))));
        Gen<int[]> op = integers().between(0, 6).zip(pos, value, (k, p, v) -> new int[] {k, p, v});
        Gen<List<int[]>> ops = lists().of(op).ofSizeBetween(0, 6);
        Gen<Integer> cut = Generate.frequency(Pair.of(3, Generate.constant(-1)), Pair.of(1, Generate.range(0, len)));
        return ops.zip(cut, (o, c) -> apply(base, o, c)).describedAs(Fuzz::describe);
    }

    private static final List<String> TOKENS = List.of("NaN", "-1", "0", "1e400", "-1e308", "99999999999999999999", "Infinity",
            ",", ",,", "\n", "\r\n", "\"", "{", "}", "[", ":", "null", "true", "accent", "9.999999999", "\u00e9", "\t", "#", "");

    /**
     * Text-level mutations of a real text file (CSV, JSON Lines): characters replaced, inserted
     * and deleted, tokens inserted (NaN, huge numbers, separators, quotes, brackets), the file cut
     * at any byte; one case in eight gets the byte-level mutations of {@link #mutated} instead.
     *
     * @param base the file (UTF-8 text)
     * @param headerBytes where most mutations go
     * @return the generator
     */
    public static Gen<byte[]> mutatedText(byte[] base, int headerBytes) {
        int len = base.length;
        Gen<Integer> pos = Generate.frequency(Pair.of(1, Generate.range(0, Math.max(0, Math.min(headerBytes, len) - 1))),
                Pair.of(3, Generate.range(0, Math.max(0, len - 1))));
        Gen<int[]> op = integers().between(0, 3).zip(pos, integers().between(0, TOKENS.size() - 1), (k, p, v) -> new int[] {k, p, v});
        Gen<List<int[]>> ops = lists().of(op).ofSizeBetween(1, 4);
        Gen<Integer> cut = Generate.frequency(Pair.of(3, Generate.constant(-1)), Pair.of(1, Generate.range(0, len)));
        Gen<byte[]> text = ops.zip(cut, (o, c) -> applyText(base, o, c)).describedAs(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
        return Generate.frequency(Pair.of(7, text), Pair.of(1, mutated(base, headerBytes)));
    }

    private static byte[] applyText(byte[] base, List<int[]> ops, int cut) {
        StringBuilder s = new StringBuilder(new String(base, java.nio.charset.StandardCharsets.UTF_8));
        for (int[] o : ops) {
            int p = Math.min(o[1], s.length());
            String token = TOKENS.get(o[2]);
            switch (o[0]) {
                case 0 -> s.insert(p, token);
                case 1 -> s.replace(p, Math.min(s.length(), p + 1 + o[2] % 8), token);
                case 2 -> s.delete(p, Math.min(s.length(), p + 1 + o[2] % 3));
                default -> {
                    if (p < s.length()) {
                        s.setCharAt(p, "0123456789,.-e\n".charAt(o[2] % 15));
                    }
                }
            }
        }
        byte[] b = s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return cut < 0 || cut >= b.length ? b : Arrays.copyOf(b, cut);
    }

    /**
     * Applies mutations.
     *
     * @param base the file
     * @param ops each {kind, position, value}
     * @param cut length to cut to, or -1
     * @return the new bytes
     */
    public static byte[] apply(byte[] base, List<int[]> ops, int cut) {
        List<Byte> b = new ArrayList<>(base.length + 16);
        for (byte x : base) {
            b.add(x);
        }
        for (int[] o : ops) {
            int p = Math.min(o[1], Math.max(0, b.size() - 1));
            int v = o[2];
            int extreme = EXTREMES[v % EXTREMES.length];
            switch (o[0]) {
                case 0, 1 -> {
                    if (!b.isEmpty()) {
                        b.set(p, (byte) v);
                    }
                }
                case 2 -> b.add(Math.min(p, b.size()), (byte) v);
                case 3 -> {
                    if (!b.isEmpty()) {
                        b.remove(p);
                    }
                }
                case 4 -> put(b, p, extreme, 4, false);
                case 5 -> put(b, p, extreme, 4, true);
                default -> put(b, p, extreme, 2, (v & 1) == 0);
            }
        }
        int n = cut < 0 ? b.size() : Math.min(cut, b.size());
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private static void put(List<Byte> b, int p, int value, int bytes, boolean bigEndian) {
        for (int i = 0; i < bytes && p + i < b.size(); i++) {
            int shift = bigEndian ? 8 * (bytes - 1 - i) : 8 * i;
            b.set(p + i, (byte) (value >>> shift));
        }
    }

    private static String describe(byte[] b) {
        return b.length + " bytes: " + Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 64)));
    }

    /**
     * Checks that a message is fit for the user: one line, not empty, no stack trace.
     *
     * @param message the message
     * @return null if fine, else what is wrong
     */
    public static String messageProblem(String message) {
        if (message == null || message.isBlank()) {
            return "empty message";
        }
        if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
            return "more than one line: " + message;
        }
        if (message.contains("\tat ") || message.contains("Exception:")) {
            return "looks like a stack trace: " + message;
        }
        return null;
    }
}
