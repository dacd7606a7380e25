package org.entrain.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.entrain.pattern.Voice;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueEvent;

/**
 * The cue CSV format: header {@code index,bar,beat,sub,time_s,bpm,voice,velocity}, {@code time_s}
 * in seconds from the first cue with 9 decimals. Stateless and thread safe.
 */
public final class CueCsv {

    /** The header line. */
    public static final String HEADER = "index,bar,beat,sub,time_s,bpm,voice,velocity";

    private CueCsv() {
    }

    /**
     * Formats one row (no line end).
     *
     * @param cue the cue
     * @return the row
     */
    public static String row(CueEvent cue) {
        return cue.index() + "," + cue.bar() + "," + cue.beat() + "," + cue.sub() + ","
                + seconds(cue.timeNanos()) + "," + String.format(Locale.ROOT, "%.6f", cue.bpm()) + ","
                + cue.voice().id() + "," + cue.velocity();
    }

    /**
     * Writes the header and every cue.
     *
     * @param cues the cues
     * @param out where to write (not closed)
     * @throws IOException if writing fails
     */
    public static void write(Iterable<CueEvent> cues, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (CueEvent c : cues) {
            out.write(row(c));
            out.write('\n');
        }
        out.flush();
    }

    /**
     * Formats whole nanoseconds as seconds with exactly 9 decimals, without rounding error.
     *
     * @param nanos nanoseconds
     * @return e.g. {@code 1.500000000}
     */
    public static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).toPlainString();
    }

    /**
     * Reads a cue CSV (header required; extra columns ignored).
     *
     * @param in the text
     * @param source the file name, for messages
     * @return the cues in file order
     * @throws IOException if reading fails
     * @throws IllegalArgumentException naming the source, line and value if a row is malformed, or if the text is not UTF-8
     */
    public static List<CueEvent> read(Reader in, String source) throws IOException {
        return CsvText.read(in, source, "a cue CSV", HEADER, (r, header) -> readRows(r, header, source));
    }

    private static List<CueEvent> readRows(BufferedReader r, String header, String source) throws IOException {
        String[] names = header.trim().split(",", -1);
        int[] col = new int[8];
        String[] want = HEADER.split(",");
        for (int i = 0; i < want.length; i++) {
            col[i] = CsvText.indexOf(names, want[i]);
            if (col[i] < 0) {
                throw new IllegalArgumentException(source + ": header '" + CsvText.excerpt(header) + "' lacks column '" + want[i] + "', expected " + HEADER);
            }
        }
        List<CueEvent> cues = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < names.length) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": '" + CsvText.excerpt(line) + "' has " + f.length
                        + " fields, the header " + names.length + " (" + HEADER + ")");
            }
            try {
                long nanos = nanos(f[col[4]].trim());
                Voice voice = Voice.ofId(f[col[6]].trim());
                cues.add(new CueEvent(Long.parseLong(f[col[0]].trim()), Long.parseLong(f[col[1]].trim()),
                        Integer.parseInt(f[col[2]].trim()), Integer.parseInt(f[col[3]].trim()),
                        voice == Voice.LAYER ? 0 : Cue.MAIN_GRID, Double.NaN, nanos,
                        Double.parseDouble(f[col[5]].trim()), voice, Integer.parseInt(f[col[7]].trim())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": '" + CsvText.excerpt(line) + "' is not a cue row ("
                        + HEADER + "): " + e.getMessage());
            }
        }
        return cues;
    }

    /**
     * Seconds to whole nanoseconds, exactly. The magnitude is checked before scaling: a time such
     * as {@code 1e999999999} would otherwise make {@link BigDecimal#setScale} compute a number with
     * a billion digits.
     */
    private static long nanos(String seconds) {
        BigDecimal s = new BigDecimal(seconds);
        int digitsBeforePoint = s.precision() - s.scale();
        if (s.signum() == 0 || digitsBeforePoint < -10) {
            return 0;
        }
        if (digitsBeforePoint > 10) {
            throw new IllegalArgumentException("time_s " + seconds + " is outside +-9.2e9 s");
        }
        return s.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }
}
