package org.entrain.gui;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Names of session folders: the local date and time, sortable. Stateless and thread safe. */
final class SessionFolders {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    private SessionFolders() {
    }

    /**
     * The folder name for a session started at {@code t}.
     *
     * @param t the local date and time
     * @return e.g. {@code 2026-12-01_09-30-12}
     */
    static String name(LocalDateTime t) {
        return NAME.format(t);
    }
}
