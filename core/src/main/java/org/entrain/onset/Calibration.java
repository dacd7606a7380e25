package org.entrain.onset;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A measured output-to-input latency: how long after the engine sends a sound it appears, in
 * engine time, on the audio input. Immutable; store it with a session (see {@link #format()}).
 *
 * <p>A tap heard at engine time {@code t} (input-mapped) happened, relative to the cues the engine
 * sent, at {@link #correct(long) correct(t)} = {@code t - latencyAt(t)}: compare that with cue send
 * times to get asynchronies against the audible cue (speaker and microphone equally far from the
 * listener). The latency drifts linearly when the output and input clocks differ:
 * {@code latencyAt(t) = latencyNanos + driftPpm * 1e-6 * (t - referenceNanos)}.
 *
 * @param latencyNanos the mean latency at {@code referenceNanos}, in ns
 * @param spreadNanos the standard deviation of the single marker measurements about the drift line, in ns (0 or more)
 * @param driftPpm how fast the latency grows, in ns per ms of engine time (= ppm)
 * @param markers how many markers were measured (1 or more)
 * @param referenceNanos the engine time the latency refers to (mean marker time)
 */
public record Calibration(long latencyNanos, long spreadNanos, double driftPpm, int markers, long referenceNanos) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public Calibration {
        if (spreadNanos < 0) {
            throw new IllegalArgumentException("calibration spread must be >= 0 ns, was " + spreadNanos);
        }
        if (!Double.isFinite(driftPpm) || Math.abs(driftPpm) > 10_000) {
            throw new IllegalArgumentException("calibration drift must be within +-10000 ppm, was " + driftPpm);
        }
        if (markers < 1) {
            throw new IllegalArgumentException("calibration needs 1 or more markers, had " + markers);
        }
    }

    /** No correction: latency 0 (for headphones with a known-zero path, or tests). */
    public static final Calibration NONE = new Calibration(0, 0, 0, 1, 0);

    /**
     * Computes a calibration from paired marker times.
     *
     * @param emitNanos when each marker was sent, engine nanos
     * @param arrivalNanos when each arrived on the input, engine nanos (same order)
     * @return the calibration; drift is fitted when the markers span 1 s or more, else 0
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static Calibration fromMarkers(long[] emitNanos, long[] arrivalNanos) {
        if (emitNanos.length == 0 || emitNanos.length != arrivalNanos.length) {
            throw new IllegalArgumentException("calibration needs the same number (1 or more) of emit and arrival times, had "
                    + emitNanos.length + " and " + arrivalNanos.length);
        }
        int n = emitNanos.length;
        long t0 = emitNanos[0];
        double mt = 0;
        double ml = 0;
        for (int i = 0; i < n; i++) {
            mt += (emitNanos[i] - t0) / (double) n;
            ml += (arrivalNanos[i] - emitNanos[i]) / (double) n;
        }
        double sxx = 0;
        double sxy = 0;
        double minT = Double.MAX_VALUE;
        double maxT = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double x = emitNanos[i] - t0 - mt;
            double y = arrivalNanos[i] - emitNanos[i] - ml;
            sxx += x * x;
            sxy += x * y;
            minT = Math.min(minT, x);
            maxT = Math.max(maxT, x);
        }
        double slope = (maxT - minT >= 1e9 && sxx > 0) ? sxy / sxx : 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double x = emitNanos[i] - t0 - mt;
            double r = arrivalNanos[i] - emitNanos[i] - ml - slope * x;
            ss += r * r;
        }
        long spread = n > 1 ? Math.round(Math.sqrt(ss / (n - 1))) : 0;
        return new Calibration(Math.round(ml), spread, slope * 1e6, n, t0 + Math.round(mt));
    }

    /**
     * The same latency without its drift line: for times on another clock than the calibration
     * run's (a recording's sample count, or a later process's {@code nanoTime}), where {@code
     * driftPpm * (t - referenceNanos)} would add drift times the time since the calibration run
     * (160-175 ms were seen).
     *
     * @return the constant-latency calibration
     */
    public Calibration withoutDrift() {
        return new Calibration(latencyNanos, spreadNanos, 0, markers, 0);
    }

    /**
     * The latency at an engine time.
     *
     * @param nanos engine nanos
     * @return the latency there, in ns
     */
    public long latencyAt(long nanos) {
        return latencyNanos + Math.round(driftPpm * 1e-6 * (nanos - referenceNanos));
    }

    /**
     * Moves an input-mapped onset time back by the latency, onto the time line of cue sends.
     *
     * @param nanos the onset's engine time as the input saw it
     * @return the corrected engine time
     */
    public long correct(long nanos) {
        return nanos - latencyAt(nanos);
    }

    /**
     * Corrects an onset's time.
     *
     * @param onset an onset from an audio input
     * @return the same onset at the corrected time
     */
    public Onset correct(Onset onset) {
        return new Onset(correct(onset.timeNanos()), onset.strength(), onset.source(), onset.flags());
    }

    /**
     * One line to store: {@code latency_ns=..,spread_ns=..,drift_ppm=..,markers=..,reference_ns=..}.
     *
     * @return the line
     */
    public String format() {
        return String.format(Locale.ROOT, "latency_ns=%d,spread_ns=%d,drift_ppm=%.6f,markers=%d,reference_ns=%d",
                latencyNanos, spreadNanos, driftPpm, markers, referenceNanos);
    }

    /**
     * Reads what {@link #format()} wrote.
     *
     * @param line the line
     * @return the calibration
     * @throws IllegalArgumentException naming the line if it is malformed
     */
    public static Calibration parse(String line) {
        Map<String, String> m = new HashMap<>();
        try {
            for (String part : line.trim().split(",")) {
                String[] kv = part.split("=", 2);
                m.put(kv[0].trim(), kv[1].trim());
            }
            return new Calibration(Long.parseLong(m.get("latency_ns")), Long.parseLong(m.get("spread_ns")),
                    Double.parseDouble(m.get("drift_ppm")), Integer.parseInt(m.get("markers")),
                    Long.parseLong(m.get("reference_ns")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("calibration must look like '" + NONE.format() + "', was '" + line + "'");
        }
    }
}
