package org.entrain.gui;

/** Turns failures into the one line the window shows: never a stack trace. Stateless and thread safe. */
final class Messages {

    private Messages() {
    }

    /**
     * One line for a failure: its message (the first line, without the command line's
     * {@code entrain: } prefix) or, when it has none, what kind of failure it was.
     *
     * @param t the failure
     * @return the line
     */
    static String oneLine(Throwable t) {
        Throwable c = t;
        while (c.getMessage() == null && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        if (m == null || m.isBlank()) {
            return "unexpected failure (" + c.getClass().getSimpleName() + ")";
        }
        m = m.strip().lines().findFirst().orElse(m).replaceFirst("^entrain: (error: )?", "");
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
}
