package org.entrain.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The session folders under a root, newest first. Stateless and thread safe (it reads the disk: not on the event dispatch thread). */
final class PastSessions {

    /** The log every session folder holds. */
    static final String LOG = "session.jsonl";
    /** The report a finished session holds. */
    static final String REPORT = "report.html";

    private PastSessions() {
    }

    /**
     * One past session.
     *
     * @param folder its folder
     * @param hasReport whether report.html is there
     */
    record Entry(Path folder, boolean hasReport) {
        @Override
        public String toString() {
            return folder.getFileName() + (hasReport ? "" : "  (no report: cut short)");
        }
    }

    /**
     * Lists the folders under {@code root} that hold a session log, newest first.
     *
     * @param root the sessions folder (missing: none)
     * @return the sessions
     * @throws IOException if the folder cannot be read
     */
    static List<Entry> list(Path root) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> Files.isRegularFile(p.resolve(LOG)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .forEach(p -> out.add(new Entry(p, Files.isRegularFile(p.resolve(REPORT)))));
        }
        return out;
    }
}
