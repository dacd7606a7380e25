package org.entrain.session;

import java.nio.file.Path;
import java.util.List;
import org.entrain.analysis.AnalysisResult;

/**
 * How a session ended and what it wrote. Immutable.
 *
 * @param reason why it ended
 * @param folder the session folder, or null for a session without files ({@code play})
 * @param analysis the analysis of the whole session (phases as segments), or null without a folder
 * @param files every file written, in order
 * @param cuesSent cues planned and handed to the outputs, once each (silent ones included)
 * @param taps taps or steps detected
 * @param sendLatenessP99Micros the 99th percentile of send lateness, microseconds
 * @param warnings what went wrong on the way (device failures, held steps, files that failed)
 * @param cueHearing what the input found of the cues it hears at the end (speakers, no
 *        calibration: their latency and cancellation depth), or null when it does not look for them
 */
public record SessionResult(EndReason reason, Path folder, AnalysisResult analysis, List<Path> files, long cuesSent,
                            long taps, double sendLatenessP99Micros, List<String> warnings,
                            CueHearing cueHearing) {

    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException if the reason is null
     */
    public SessionResult {
        if (reason == null) {
            throw new IllegalArgumentException("session result needs a reason");
        }
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /**
     * The report, if one was written.
     *
     * @return the path of {@code report.html}, or null
     */
    public Path report() {
        for (Path p : files) {
            if (p.getFileName().toString().equals("report.html")) {
                return p;
            }
        }
        return null;
    }
}
