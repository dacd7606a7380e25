package org.entrain.cli;

import java.util.ArrayList;
import java.util.List;
import org.entrain.pattern.Meter;
import org.entrain.pattern.Pattern;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import picocli.CommandLine.Option;

/**
 * The tempo and pattern options shared by {@code plan}, {@code render}, {@code play} and
 * {@code session} (the command-line contract). Each check throws IllegalArgumentException with
 * one line naming the value and what is allowed.
 */
public final class TempoOptions {

    @Option(names = "--bpm", paramLabel = "B", description = "start tempo, 1..1000 bpm (required unless a protocol gives it)")
    Double bpm;

    @Option(names = "--to", paramLabel = "B2", description = "ramp target tempo, 1..1000 bpm (with --over)")
    Double to;

    @Option(names = "--over", paramLabel = "D", description = "ramp length: 90s, 2m, 1h, 32beats, 8bars")
    String over;

    @Option(names = "--shape", paramLabel = "SHAPE",
            description = "ramp shape (with --to/--over): linear (in time), linear-beats, exp (default: linear)")
    String shape;

    @Option(names = "--step", paramLabel = "P%", description = "step ramp: multiply the tempo by 1+P/100 (with --every)")
    String step;

    @Option(names = "--every", paramLabel = "N", description = "step interval: 4bars, 8beats, 30s")
    String every;

    @Option(names = "--until", paramLabel = "B2", description = "step ramp final tempo, 1..1000 bpm")
    Double until;

    @Option(names = "--meter", paramLabel = "N/D", defaultValue = "4/4", description = "meter (default: ${DEFAULT-VALUE})")
    String meter;

    @Option(names = "--accent", paramLabel = "BEATS", description = "accented beats, from 1, comma separated, or 'none' (default: 1)")
    String accent;

    @Option(names = "--subdivide", paramLabel = "K", defaultValue = "1", description = "pulses per beat, 1..8 (default: ${DEFAULT-VALUE})")
    int subdivide;

    @Option(names = "--bars", paramLabel = "N", description = "length in bars")
    Double bars;

    @Option(names = "--beats", paramLabel = "N", description = "length in beats")
    Double beats;

    @Option(names = "--duration", paramLabel = "D", description = "length in time: 90s, 2m, 1h (at most 10000000 s)")
    String duration;

    /**
     * The pattern from {@code --meter}, {@code --accent}, {@code --subdivide}.
     *
     * @return the pattern
     */
    public Pattern pattern() {
        Pattern.Builder b = Pattern.builder().meter(Meter.parse(meter)).subdivide(checkSubdivide());
        if (accent != null) {
            b.accents(parseAccents(accent));
        }
        return b.build();
    }

    private int checkSubdivide() {
        if (subdivide < 1 || subdivide > 8) {
            throw new IllegalArgumentException("--subdivide " + subdivide + " is outside 1..8");
        }
        return subdivide;
    }

    private static int[] parseAccents(String text) {
        if (text.trim().equals("none")) {
            return new int[0];
        }
        String[] parts = text.split(",");
        int[] beats = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                beats[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--accent '" + text + "' is not a comma-separated list of beat numbers from 1, or 'none'");
            }
        }
        return beats;
    }

    /**
     * The tempo map from {@code --bpm} and the ramp options.
     *
     * @param beatsPerBar the pattern's beats per bar, for lengths in bars (the map keeps no meter)
     * @return the map
     */
    public TempoMap tempoMap(int beatsPerBar) {
        TempoMap.Builder b = TempoMap.builder(startBpm()).beatsPerBar(beatsPerBar);
        TempoChange c = change();
        if (c != null) {
            b.then(c);
        }
        return b.build();
    }

    /**
     * The start tempo.
     *
     * @return bpm
     * @throws IllegalArgumentException if --bpm is missing or out of range
     */
    public double startBpm() {
        if (bpm == null) {
            throw new IllegalArgumentException("--bpm B (the start tempo, 1..1000) is required");
        }
        checkBpm("--bpm", bpm);
        return bpm;
    }

    /**
     * Whether any tempo option was given (for commands where a protocol file may replace them).
     *
     * @return true if --bpm, a ramp or steps were given
     */
    public boolean anyGiven() {
        return bpm != null || to != null || over != null || step != null || every != null || until != null;
    }

    /**
     * The ramp or steps after the start tempo.
     *
     * @return the change, or null for a constant tempo
     * @throws IllegalArgumentException if the options contradict or a value is out of range
     */
    public TempoChange change() {
        boolean ramp = to != null || over != null;
        boolean steps = step != null || every != null || until != null;
        RampShape rampShape = RampShape.LINEAR;
        if (shape != null) {
            try {
                rampShape = RampShape.parse(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--shape '" + shape + "' is not one of linear, linear-beats, exp");
            }
            if (!ramp) {
                throw new IllegalArgumentException("--shape " + shape + " needs a ramp: --to B2 --over D");
            }
        }
        if (ramp && steps) {
            throw new IllegalArgumentException("--to/--over (a smooth ramp) and --step/--every/--until (a step ramp) cannot be combined");
        }
        if (ramp) {
            if (to == null || over == null) {
                throw new IllegalArgumentException("a ramp needs both --to B2 and --over D");
            }
            checkBpm("--to", to);
            return TempoChange.rampTo(rampShape, to, parseLength("--over", over));
        } else if (steps) {
            if (step == null || every == null) {
                throw new IllegalArgumentException("a step ramp needs both --step P% and --every N");
            }
            double percent = parsePercent(step);
            if (until != null) {
                checkBpm("--until", until);
            }
            return TempoChange.steps(percent, parseLength("--every", every), until == null ? Double.NaN : until);
        }
        return null;
    }

    /**
     * A warning when the plan ends before its ramp does ({@code --over}, or a step ramp's
     * {@code --until}): the tempo never reaches its target. Documented behaviour: the plan is still
     * made (cut at its end) and the warning goes to standard error.
     *
     * @param map the tempo map from {@link #tempoMap(int)}
     * @param end the end from {@link #end(boolean)}, or null
     * @param beatsPerBar the pattern's beats per bar (the meter's owner), for an end in bars
     * @return the warning (one line, without the {@code entrain: } prefix), or null if the ramp fits
     */
    public String cutShortWarning(TempoMap map, Length end, int beatsPerBar) {
        boolean ramp = to != null && over != null;
        boolean steps = step != null && until != null;
        if (end == null || !(ramp || steps) || map.segmentCount() < 2) {
            return null;
        }
        double rampEnd = map.segmentStartSeconds(map.segmentCount() - 1);
        double planEnd = end.unit() == Length.Unit.SECONDS ? end.amount()
                : map.secondsAt(end.inBeats(beatsPerBar));
        if (!(rampEnd > planEnd + 1e-9)) {
            return null;
        }
        String lengthOption = bars != null ? "--bars " + fmt(bars) : beats != null ? "--beats " + fmt(beats) : "--duration " + duration;
        return String.format(java.util.Locale.ROOT,
                "warning: the plan ends (%s, %.3f s) before the %s does (%.3f s): the tempo stops at %.3f bpm, not %s bpm; "
                        + "lengthen the plan or shorten the ramp", lengthOption, planEnd,
                ramp ? "ramp (--over " + over + ")" : "step ramp (--until " + fmt(until) + ")", rampEnd,
                map.bpmAtSeconds(planEnd), fmt(ramp ? to : until));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The end of the plan from {@code --bars}, {@code --beats} or {@code --duration}.
     *
     * @param required whether one of them must be given
     * @return the end, or null if none given and not required
     */
    public Length end(boolean required) {
        List<String> given = new ArrayList<>();
        Length end = null;
        if (bars != null) {
            given.add("--bars");
            end = positive("--bars", bars) == null ? null : Length.bars(bars);
        }
        if (beats != null) {
            given.add("--beats");
            end = positive("--beats", beats) == null ? null : Length.beats(beats);
        }
        if (duration != null) {
            given.add("--duration");
            end = parseLength("--duration", duration);
            if (end.unit() != Length.Unit.SECONDS) {
                throw new IllegalArgumentException("--duration '" + duration + "' must be a time (90s, 2m, 1h); use --bars or --beats for musical lengths");
            }
            if (end.amount() > 1e7) {
                throw new IllegalArgumentException("--duration '" + duration + "' must be at most 10000000 s (115 days)");
            }
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException(String.join(", ", given) + " cannot be combined: give one length");
        }
        if (end == null && required) {
            throw new IllegalArgumentException("the plan needs a length: --bars N, --beats N or --duration D");
        }
        return end;
    }

    private static Double positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v) || v > 1e7) {
            throw new IllegalArgumentException(name + " " + v + " must be above 0 and at most 10000000");
        }
        return v;
    }

    private static void checkBpm(String name, double v) {
        if (!(v >= 1 && v <= 1000)) {
            throw new IllegalArgumentException(name + " " + v + " is outside 1..1000 bpm");
        }
    }

    private static Length parseLength(String name, String text) {
        try {
            return Length.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage());
        }
    }

    private static double parsePercent(String text) {
        String t = text.trim();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double p = Double.parseDouble(t);
            if (!(p >= -50 && p <= 100) || p == 0) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--step '" + text + "' is not a percentage between -50% and 100% other than 0 (e.g. 5%)");
        }
    }
}
