package org.entrain.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.entrain.onset.Onset;

/**
 * The onset (tap) CSV: header {@code index,time_s,strength}, {@code time_s} in seconds with 9
 * decimals; extra columns are allowed and ignored on reading. Stateless and thread safe.
 */
public final class OnsetCsv {

    /** The header line. */
    public static final String HEADER = "index,time_s,strength";

    /**
     * One row. Immutable.
     *
     * @param index the onset number
     * @param timeSeconds the time, seconds (in the cue file's time base), finite, within +-1e9 s
     * @param strength the strength, 0 or more
     */
    public record Row(long index, double timeSeconds, double strength) {

        /**
         * Validates.
         *
         * @param index see the record
         * @param timeSeconds see the record
         * @param strength see the record
         * @throws IllegalArgumentException if the time is not finite or beyond +-1e9 s, or the strength negative or NaN
         */
        public Row {
            if (!Double.isFinite(timeSeconds) || Math.abs(timeSeconds) > 1e9) {
                throw new IllegalArgumentException("onset time must be a finite number of seconds within +-1e9 s, was "
                        + timeSeconds);
            }
            if (!(strength >= 0)) {
                throw new IllegalArgumentException("onset strength must be 0 or more, was " + strength);
            }
        }
    }

    private OnsetCsv() {
    }

    /**
     * Reads an onset CSV. {@code time_s} is required; a missing {@code index} counts rows from 0,
     * a missing {@code strength} reads as 1. Blank lines and lines starting with {@code #} are skipped.
     *
     * @param in the text
     * @param source the file name, for messages
     * @return the rows in file order; rows whose {@code flags} column holds {@code cue-residue} are not taps and are left out
     * @throws IOException if reading fails
     * @throws IllegalArgumentException naming the source, line and value if the header or a row is malformed (including NaN times), or if the text is not UTF-8
     */
    public static List<Row> read(Reader in, String source) throws IOException {
        return CsvText.read(in, source, "an onset CSV", HEADER, (r, header) -> readRows(r, header, source));
    }

    private static List<Row> readRows(BufferedReader r, String header, String source) throws IOException {
        String[] names = header.trim().split(",", -1);
        int ci = CsvText.indexOf(names, "index");
        int ct = CsvText.indexOf(names, "time_s");
        int cs = CsvText.indexOf(names, "strength");
        int cf = CsvText.indexOf(names, "flags");
        if (ct < 0) {
            throw new IllegalArgumentException(source + ": header '" + CsvText.excerpt(header) + "' lacks column 'time_s', expected " + HEADER);
        }
        List<Row> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            int need = Math.max(ct, Math.max(ci, cs)) + 1;
            if (f.length < need) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": '" + CsvText.excerpt(line) + "' has " + f.length
                        + " fields, too few for the header (" + HEADER + ")");
            }
            if (cf >= 0 && cf < f.length && f[cf].contains("cue-residue")) {
                // entrain detect --keep-residue: not a tap (cannot be told from the cue's own sound).
                continue;
            }
            try {
                long index = ci >= 0 ? Long.parseLong(f[ci].trim()) : rows.size();
                double t = Double.parseDouble(f[ct].trim());
                double s = cs >= 0 && !f[cs].isBlank() ? Double.parseDouble(f[cs].trim()) : 1.0;
                rows.add(new Row(index, t, s));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": '" + CsvText.excerpt(line) + "' is not an onset row ("
                        + HEADER + "): " + e.getMessage());
            }
        }
        return rows;
    }

    /**
     * The times of some rows.
     *
     * @param rows the rows
     * @return their times, seconds, in row order
     */
    public static double[] times(List<Row> rows) {
        double[] t = new double[rows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rows.get(i).timeSeconds();
        }
        return t;
    }

    /**
     * Writes the header and rows.
     *
     * @param rows the rows
     * @param out where to write (flushed, not closed)
     * @throws IOException if writing fails
     */
    public static void write(List<Row> rows, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (Row row : rows) {
            out.write(row.index() + "," + String.format(Locale.ROOT, "%.9f", row.timeSeconds()) + ","
                    + String.format(Locale.ROOT, "%.6f", row.strength()) + "\n");
        }
        out.flush();
    }

    /**
     * Rows for engine onsets, with times relative to an origin (for example the first cue's deadline).
     *
     * @param onsets the onsets
     * @param originNanos engine time that becomes 0 s
     * @return the rows, numbered from 0
     */
    public static List<Row> rows(List<Onset> onsets, long originNanos) {
        List<Row> rows = new ArrayList<>(onsets.size());
        for (int i = 0; i < onsets.size(); i++) {
            Onset o = onsets.get(i);
            rows.add(new Row(i, (o.timeNanos() - originNanos) / 1e9, o.strength()));
        }
        return rows;
    }
}
