package org.entrain.session;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;

/**
 * Reads session protocols from YAML or JSON (one schema; JSON is YAML's subset here). Stateless;
 * thread safe. A bad file fails with one {@link IllegalArgumentException} line naming the file, the
 * line, the field and what is allowed.
 *
 * <pre>
 * name: RAS gait, 100 bpm           # optional
 * bpm: 100                          # the start tempo, 1..1000 (count-in, and cued phases without their own bpm)
 * count_in: 1                       # listen-only bars first, 0..64 (default 1)
 * phases:
 *   - kind: baseline                # no cue: cadence measured
 *     length: 8bars                 # N bars | N beats | Ns | Nm (omit: until 'next phase')
 *   - kind: match                   # cue at the baseline cadence, or at 'bpm'
 *     length: 16bars
 *   - kind: step-up                 # + step every N, up to 'to'
 *     step: 5%
 *     every: 4bars
 *     to: 115
 *     gate: {min_r: 0.8, max_abs_mean_ms: 60, last: 8}   # optional: step only when entrained
 *   - kind: ramp                    # continuous, to 'to' over 'length'
 *     to: 120
 *     length: 60s
 *     shape: linear                 # linear | linear-beats | exp
 *   - kind: fade                    # any of: drop_every, drop_random (+ seed), fade_over (bars), gap PLAY:MUTE
 *     length: 8bars
 *     drop_every: 4
 *   - kind: continuation            # no cue: drift measured
 *     length: 8bars
 * </pre>
 * Every phase may also have {@code name}, and {@code bpm} (its start tempo); cued, measured phases
 * (match, step-up, ramp, fade) may have {@code perturb: {ms: 50, min_beats: 8, max_beats: 12, seed: 1}}:
 * now and then one beat cue sounds that much early or late, for an unbiased phase-correction
 * estimate ({@link Perturbation}).
 */
public final class ProtocolFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("name", "bpm", "count_in", "phases");
    private static final Map<PhaseKind, Set<String>> FIELDS = Map.of(
            PhaseKind.COUNT_IN, Set.of("kind", "name", "length", "bpm"),
            PhaseKind.BASELINE, Set.of("kind", "name", "length", "bpm"),
            PhaseKind.MATCH, Set.of("kind", "name", "length", "bpm", "perturb"),
            PhaseKind.STEP_UP, Set.of("kind", "name", "length", "bpm", "step", "every", "to", "gate", "perturb"),
            PhaseKind.RAMP, Set.of("kind", "name", "length", "bpm", "to", "shape", "perturb"),
            PhaseKind.FADE, Set.of("kind", "name", "length", "bpm", "drop_every", "drop_random", "seed", "fade_over", "gap", "perturb"),
            PhaseKind.CONTINUATION, Set.of("kind", "name", "length", "bpm"));

    private ProtocolFile() {
    }

    /**
     * Reads a protocol file.
     *
     * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
     * @return the protocol, its count-in as the first phase
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a valid protocol (one line: file, line, field, what is allowed)
     */
    public static Protocol read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("protocol file '" + file + "' not found");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses protocol text.
     *
     * @param text YAML or JSON
     * @param source a name for messages
     * @return the protocol
     * @throws IllegalArgumentException if it is not a valid protocol
     */
    public static Protocol parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new IllegalArgumentException(source + (l == null ? "" : " line " + l.getLineNr()) + ": not valid YAML or JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        Map<String, Integer> lines = lines(text);
        Ctx c = new Ctx(source, lines);
        if (root == null || !root.isObject()) {
            throw c.fail("", "the file must be a mapping with 'bpm' and 'phases'");
        }
        c.fieldsAllowed(root, "", TOP);
        double bpm = c.number(root, "", "bpm", Double.NaN, 1, 1000, "a tempo between 1 and 1000 bpm");
        if (Double.isNaN(bpm)) {
            throw c.fail("", "'bpm' (the start tempo, 1..1000) is required");
        }
        String name = c.name(root, "", "protocol");
        int countIn = (int) c.number(root, "", "count_in", 1, 0, 64, "a whole number of bars from 0 to 64");
        JsonNode ph = root.get("phases");
        if (ph == null || !ph.isArray() || ph.isEmpty()) {
            throw c.fail("/phases", "'phases' must be a list of at least one phase");
        }
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < ph.size(); i++) {
            phases.add(phase(c, ph.get(i), "/phases/" + i));
        }
        try {
            return new Protocol(name, bpm, phases).withCountIn(countIn);
        } catch (IllegalArgumentException e) {
            throw c.fail("", e.getMessage());
        }
    }

    private static Phase phase(Ctx c, JsonNode n, String at) {
        if (n == null || !n.isObject()) {
            throw c.fail(at, "each phase must be a mapping with a 'kind'");
        }
        JsonNode k = n.get("kind");
        if (k == null || !k.isTextual()) {
            throw c.fail(at, "'kind' is required: count-in, baseline, match, step-up, ramp, fade or continuation");
        }
        PhaseKind kind;
        try {
            kind = PhaseKind.ofId(k.asText());
        } catch (IllegalArgumentException e) {
            throw c.fail(at + "/kind", e.getMessage());
        }
        c.fieldsAllowed(n, at, FIELDS.get(kind));
        String name = c.name(n, at, null);
        Length length = c.length(n, at, "length");
        double bpm = c.number(n, at, "bpm", Double.NaN, 1, 1000, "a tempo between 1 and 1000 bpm");
        double step = 0;
        Length every = null;
        double to = Double.NaN;
        RampShape shape = null;
        Gate gate = null;
        Fade fade = null;
        if (kind == PhaseKind.STEP_UP) {
            step = c.percent(n, at, "step");
            every = c.length(n, at, "every");
            if (every == null) {
                throw c.fail(at, "step-up needs 'every' (e.g. 4bars, 16beats, 30s)");
            }
            to = c.number(n, at, "to", Double.NaN, 1, 1000, "a tempo between 1 and 1000 bpm");
            JsonNode g = n.get("gate");
            if (g != null) {
                String ga = at + "/gate";
                if (!g.isObject()) {
                    throw c.fail(ga, "'gate' must be a mapping with min_r, max_abs_mean_ms and last");
                }
                c.fieldsAllowed(g, ga, Set.of("min_r", "max_abs_mean_ms", "last"));
                gate = new Gate(c.number(g, ga, "min_r", 0.8, 0, 1, "a resultant length between 0 and 1"),
                        c.number(g, ga, "max_abs_mean_ms", 80, 0.001, 10_000, "a number of ms above 0"),
                        (int) c.number(g, ga, "last", 16, 2, 1000, "a whole number of cues from 2 to 1000"));
            }
        } else if (kind == PhaseKind.RAMP) {
            to = c.number(n, at, "to", Double.NaN, 1, 1000, "a tempo between 1 and 1000 bpm");
            if (n.has("shape")) {
                try {
                    shape = RampShape.parse(n.get("shape").asText());
                } catch (IllegalArgumentException e) {
                    throw c.fail(at + "/shape", "must be linear, linear-beats or exp");
                }
            }
        } else if (kind == PhaseKind.FADE) {
            int play = 0;
            int mute = 0;
            if (n.has("gap")) {
                String gs = n.get("gap").asText();
                String[] parts = gs.split(":");
                try {
                    play = Integer.parseInt(parts[0].trim());
                    mute = Integer.parseInt(parts[1].trim());
                    if (parts.length != 2 || play < 1 || mute < 1) {
                        throw new NumberFormatException();
                    }
                } catch (RuntimeException e) {
                    throw c.fail(at + "/gap", "must be PLAY:MUTE bars, both 1 or more (e.g. 2:1), was '" + gs + "'");
                }
            }
            fade = new Fade((int) c.number(n, at, "drop_every", 0, 2, 64, "a whole number from 2 to 64"),
                    c.number(n, at, "drop_random", 0, 0, 1, "a probability between 0 and 1"),
                    (long) c.number(n, at, "seed", 1, -9e15, 9e15, "a whole number"),
                    c.number(n, at, "fade_over", 0, 0.001, 10_000, "a number of bars above 0"), play, mute);
            if (!fade.any()) {
                throw c.fail(at, "a fade needs drop_every, drop_random, fade_over or gap");
            }
        }
        Perturbation perturb = null;
        JsonNode pn = n.get("perturb");
        if (pn != null) {
            String pa = at + "/perturb";
            if (!pn.isObject()) {
                throw c.fail(pa, "'perturb' must be a mapping with ms, min_beats, max_beats (and seed)");
            }
            c.fieldsAllowed(pn, pa, Set.of("ms", "min_beats", "max_beats", "seed"));
            int min = (int) c.number(pn, pa, "min_beats", 8, 2, 64, "a whole number of beats from 2 to 64");
            perturb = new Perturbation(c.number(pn, pa, "ms", 50, 1, 200, "a shift between 1 and 200 ms"), min,
                    (int) c.number(pn, pa, "max_beats", Math.max(min, 12), min, 64, "a whole number of beats from min_beats to 64"),
                    (long) c.number(pn, pa, "seed", 1, -9e15, 9e15, "a whole number"));
        }
        try {
            return new Phase(name, kind, length, bpm, step, every, to, shape, gate, fade, perturb);
        } catch (IllegalArgumentException e) {
            throw c.fail(at, e.getMessage());
        }
    }

    /** JSON pointer of every field and element to its line, from a streaming pass. */
    private static Map<String, Integer> lines(String text) {
        Map<String, Integer> m = new HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t.isScalarValue()) {
                    String ptr = p.getParsingContext().pathAsPointer().toString();
                    if (t == JsonToken.FIELD_NAME || !m.containsKey(ptr)) {
                        m.put(ptr, p.currentTokenLocation().getLineNr());
                    }
                }
            }
        } catch (IOException e) {
            // the tree parse already succeeded; lines are a courtesy
        }
        return m;
    }

    /**
     * One line describing a protocol's phases, for the log header.
     *
     * @param p the protocol
     * @return e.g. {@code count-in 1 bars; baseline 8 bars; match 16 bars}
     */
    public static String describe(Protocol p) {
        StringBuilder b = new StringBuilder();
        for (Phase ph : p.phases()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(ph.name());
            if (!ph.name().equals(ph.kind().id())) {
                b.append(" (").append(ph.kind().id()).append(')');
            }
            b.append(' ').append(ph.length() == null ? "open" : ph.length().toString());
            if (!Double.isNaN(ph.bpm())) {
                b.append(String.format(Locale.ROOT, " at %.1f bpm", ph.bpm()));
            }
            if (ph.kind() == PhaseKind.STEP_UP) {
                b.append(String.format(Locale.ROOT, " +%.1f%% every %s", ph.stepPercent(), ph.stepEvery()));
                if (ph.gate() != null) {
                    b.append(String.format(Locale.ROOT, " gated R>=%.2f |mean|<=%.0f ms over %d", ph.gate().minResultant(),
                            ph.gate().maxAbsMeanAsynchronyMs(), ph.gate().lastCues()));
                }
            }
            if (!Double.isNaN(ph.targetBpm())) {
                b.append(String.format(Locale.ROOT, " to %.1f bpm", ph.targetBpm()));
            }
        }
        return b.toString();
    }

    private record Ctx(String source, Map<String, Integer> lines) {

        /**
         * A name (protocol or phase): it reaches the terminal, the log and the HTML report, so
         * control characters (terminal escape sequences) are refused; at most 200 characters.
         */
        String name(JsonNode n, String at, String dflt) {
            JsonNode v = n.get("name");
            if (v == null || v.isNull()) {
                return dflt;
            }
            String s = v.asText();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (Character.isISOControl(ch) || ch == 0x2028 || ch == 0x2029) {
                    throw fail(at + "/name", "a name must be printable text: control character U+"
                            + String.format(Locale.ROOT, "%04X", (int) ch) + " at position " + (i + 1));
                }
            }
            if (s.length() > 200) {
                throw fail(at + "/name", "a name must be at most 200 characters, was " + s.length());
            }
            return s;
        }

        IllegalArgumentException fail(String pointer, String message) {
            Integer line = null;
            String p = pointer;
            while (line == null && p != null) {
                line = lines.get(p);
                int cut = p.lastIndexOf('/');
                p = cut < 0 ? null : p.substring(0, cut);
            }
            String field = pointer.isEmpty() ? "" : " field '" + pointer.substring(1).replaceAll("/(\\d+)", "[$1]")
                    .replace('/', '.') + "'";
            return new IllegalArgumentException(source + (line == null ? "" : " line " + line) + field + ": " + message);
        }

        void fieldsAllowed(JsonNode n, String at, Set<String> allowed) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw fail(at + "/" + f, "unknown field; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
            }
        }

        double number(JsonNode n, String at, String field, double dflt, double min, double max, String allowed) {
            JsonNode v = n.get(field);
            if (v == null) {
                return dflt;
            }
            double d;
            if (v.isNumber()) {
                d = v.asDouble();
            } else {
                try {
                    d = Double.parseDouble(v.asText().trim());
                } catch (NumberFormatException e) {
                    throw fail(at + "/" + field, "must be " + allowed + ", was '" + v.asText() + "'");
                }
            }
            if (!(d >= min && d <= max)) {
                throw fail(at + "/" + field, "must be " + allowed + ", was " + v.asText());
            }
            return d;
        }

        double percent(JsonNode n, String at, String field) {
            JsonNode v = n.get(field);
            if (v == null) {
                throw fail(at, "step-up needs '" + field + "' (a percentage, e.g. 5%)");
            }
            String t = v.asText().trim();
            if (t.endsWith("%")) {
                t = t.substring(0, t.length() - 1).trim();
            }
            try {
                double d = Double.parseDouble(t);
                if (!(d >= -50 && d <= 100) || d == 0) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw fail(at + "/" + field, "must be a percentage between -50% and 100%, not 0 (e.g. 5%), was '" + v.asText() + "'");
            }
        }

        Length length(JsonNode n, String at, String field) {
            JsonNode v = n.get(field);
            if (v == null) {
                return null;
            }
            try {
                return Length.parse(v.asText());
            } catch (IllegalArgumentException e) {
                throw fail(at + "/" + field, "must be a length such as 8bars, 32beats, 90s or 2m, was '" + v.asText() + "'");
            }
        }
    }
}
