package org.entrain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.entrain.session.EndReason;
import org.entrain.session.Session;
import org.entrain.session.SessionResult;

/**
 * Runs a live {@link Session} for a command: starts it, hands the keys to the display, waits for
 * the end, and prints the summary and where everything was written, on a normal end as on Ctrl-C
 * or SIGTERM (a shutdown hook stops the session and waits until its files are written).
 */
final class SessionRunner {

    /** How long a shutdown (Ctrl-C, SIGTERM) waits for the session to write its files. */
    static final long SHUTDOWN_WAIT_SECONDS = 30;

    private SessionRunner() {
    }

    /** The default session folder: {@code sessions/<local date and time>}. */
    static Path defaultFolder() {
        return Path.of("sessions", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss")));
    }

    /**
     * Runs a built session to its end.
     *
     * @param s the session
     * @param display the display (its keys control the session)
     * @param out the command's output
     * @return the exit code: 0, or 1 if the session failed
     * @throws Exception if the session cannot start
     */
    static int run(Session s, LiveDisplay display, PrintWriter out) throws Exception {
        AtomicBoolean reported = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (s.isStarted() && s.result() == null) {
                display.println("stopping: writing the session...");
                s.stop();
                try {
                    s.awaitEnd(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            report(s, display, out, reported);
            display.close();
        }, "entrain-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            s.start();
            display.control(s);
            while (!s.awaitEnd(1, TimeUnit.SECONDS)) {
                // the session's threads do the work
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook reports
                hook.join();
            }
        }
        report(s, display, out, reported);
        display.close();
        SessionResult r = s.result();
        return r.reason() == EndReason.FAILED ? 1 : 0;
    }

    private static void report(Session s, LiveDisplay display, PrintWriter out, AtomicBoolean reported) {
        SessionResult r = s.result();
        if (r == null || !reported.compareAndSet(false, true)) {
            return;
        }
        display.close();
        summary(r, out);
    }

    /** Prints the summary; the last line is the report's path when there is one. */
    static void summary(SessionResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "session %s: %d cues, %d taps; send lateness p99 %.1f us%n",
                r.reason().name().toLowerCase(Locale.ROOT), r.cuesSent(), r.taps(), r.sendLatenessP99Micros());
        if (r.cueHearing() != null && r.cueHearing().state() == org.entrain.session.CueHearing.State.FOUND) {
            out.println(r.cueHearing().describe());
        }
        for (String w : r.warnings()) {
            out.println("warning: " + w);
        }
        if (r.analysis() != null) {
            AnalyzeCommand.printSummary(r.analysis(), out);
        }
        if (r.folder() != null) {
            out.println("wrote " + r.files().size() + " files to " + r.folder().toAbsolutePath());
            if (r.report() != null) {
                out.println("report: " + r.report().toAbsolutePath());
            }
        }
        out.flush();
    }
}
