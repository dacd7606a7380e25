package org.entrain.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.entrain.analysis.AnalysisResult;

/**
 * A file a front end adds to the session folder at the end (the HTML report with its plots, the
 * MIDI file): called on the session's end thread after the log is closed and
 * {@link SessionFiles} has written the CSV and JSON files.
 */
@FunctionalInterface
public interface SessionArtifact {

    /**
     * Writes the artifact.
     *
     * @param record the session log read back
     * @param analysis the analysis of it (phases as segments)
     * @param folder the session folder
     * @return the files written
     * @throws IOException if writing fails (the session reports it and goes on with the others)
     */
    List<Path> write(SessionRecord record, AnalysisResult analysis, Path folder) throws IOException;
}
