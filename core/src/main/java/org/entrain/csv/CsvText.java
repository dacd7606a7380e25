package org.entrain.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * The checks every CSV reader of this package makes on its text, in one place: not a text file
 * (bytes that are not UTF-8, NUL bytes), an empty file, a byte-order mark, and lines quoted fit for
 * a one-line message. Stateless and thread safe.
 */
final class CsvText {

    /** Reads the rows after the header line. */
    @FunctionalInterface
    interface Rows<T> {
        /**
         * Reads the rest of the file.
         *
         * @param r the reader, after the header line
         * @param header the header line (without a byte-order mark)
         * @return what was read
         * @throws IOException if reading fails
         */
        T read(BufferedReader r, String header) throws IOException;
    }

    private CsvText() {
    }

    /**
     * Reads a CSV file: checks that it is text and has a header, then hands over to {@code rows}.
     *
     * @param in the text
     * @param source the file name, for messages
     * @param what what the file should be, e.g. {@code a cue CSV}
     * @param expectedHeader the header the messages name
     * @param rows reads the rows
     * @param <T> what the rows make
     * @return what {@code rows} returned
     * @throws IOException if reading fails
     * @throws IllegalArgumentException naming the source if the file is not text or is empty (and whatever {@code rows} throws)
     */
    static <T> T read(Reader in, String source, String what, String expectedHeader, Rows<T> rows) throws IOException {
        String expected = "expected " + what + " with the header " + expectedHeader;
        try {
            BufferedReader r = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
            String header = r.readLine();
            if (header != null && header.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(source + ": not a text file (it holds NUL bytes); " + expected);
            }
            if (header == null) {
                throw new IllegalArgumentException(source + ": empty file, expected the header " + expectedHeader);
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            return rows.read(r, header);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + ": not a text file (it holds bytes that are not UTF-8 text); " + expected);
        }
    }

    /**
     * The column of a name in a split header.
     *
     * @param names the header's fields
     * @param name the column
     * @return its index, or -1
     */
    static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].trim().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A line fit for a one-line message: control characters as '?', at most 80 characters.
     *
     * @param line the line
     * @return the excerpt
     */
    static String excerpt(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length() && sb.length() < 80; i++) {
            char c = line.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.length() < line.length() ? sb + "..." : sb.toString();
    }
}
