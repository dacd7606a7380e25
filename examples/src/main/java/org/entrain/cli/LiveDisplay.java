package org.entrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.entrain.schedule.ChangeAt;
import org.entrain.session.LiveStats;
import org.entrain.session.Phase;
import org.entrain.session.Session;
import org.entrain.session.SessionCue;
import org.entrain.session.SessionListener;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * The live display of {@code session}, {@code play} and {@code demo}: on a terminal, a few lines
 * redrawn in place (phase, tempo, bar:beat, last asynchrony, running mean and SD, R, cadence,
 * elapsed time, a progress bar) and the keys (up/down: tempo +-1 bpm, with shift +-5; space:
 * pause/resume; n: next phase; q: stop at the bar end); otherwise (not a terminal, or
 * {@code --no-display}) one plain line per bar. Listener methods run on the session's event
 * thread; the key reader has its own thread; output is synchronized on this object.
 */
final class LiveDisplay implements SessionListener, AutoCloseable {

    private static final int LINES = 4;

    private final PrintWriter out;
    private final Terminal terminal;
    private final String title;
    private volatile Session session;
    private volatile boolean closed;
    private Thread keys;
    private LiveStats last;
    private long lastDraw;
    private boolean drawn;
    private long lastBarPrinted = -1;

    private LiveDisplay(PrintWriter out, Terminal terminal, String title) {
        this.out = out;
        this.terminal = terminal;
        this.title = title;
    }

    /**
     * A display: interactive if asked and both standard input and output are a terminal, else plain.
     *
     * @param out where plain lines go
     * @param interactive false for {@code --no-display}
     * @param title the first words of the status line
     * @return the display
     */
    static LiveDisplay open(PrintWriter out, boolean interactive, String title) {
        Terminal t = null;
        if (interactive && System.console() != null) {
            try {
                t = TerminalBuilder.builder().system(true).build();
                if (Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType())) {
                    t.close();
                    t = null;
                }
            } catch (IOException | RuntimeException e) {
                t = null;
            }
        }
        return new LiveDisplay(out, t, title);
    }

    /** Plain lines, no keys (for tests and pipes). */
    static LiveDisplay plain(PrintWriter out, String title) {
        return new LiveDisplay(out, null, title);
    }

    boolean interactive() {
        return terminal != null;
    }

    /**
     * Attaches the session the keys control and starts reading keys (interactive only).
     *
     * @param s the session
     */
    void control(Session s) {
        this.session = s;
        if (terminal == null) {
            return;
        }
        terminal.enterRawMode();
        terminal.handle(Terminal.Signal.INT, sig -> s.stop());
        keys = new Thread(this::readKeys, "entrain-keys");
        keys.setDaemon(true);
        keys.start();
        synchronized (this) {
            terminal.writer().println(title + "  keys: up/down tempo +-1 bpm (shift +-5), space pause, n next phase, "
                    + "q stop at bar end");
            terminal.writer().flush();
        }
    }

    private void readKeys() {
        NonBlockingReader r = terminal.reader();
        try {
            while (!closed) {
                int c = r.read(200);
                if (c < 0) {
                    continue;
                }
                Session s = session;
                switch (c) {
                    case ' ' -> s.togglePause();
                    case 'n', 'N' -> s.nextPhase();
                    case 'q', 'Q' -> s.stopAtBarEnd();
                    case 3 -> s.stop();
                    case '+', '=' -> s.nudgeTempo(1, ChangeAt.NOW);
                    case '-', '_' -> s.nudgeTempo(-1, ChangeAt.NOW);
                    case 27 -> escape(r, s);
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            // the terminal went away: keys stop, the session goes on
        }
    }

    /** ESC [ A / B (arrows), ESC [ 1 ; 2 A / B (shift + arrows). */
    private static void escape(NonBlockingReader r, Session s) throws IOException {
        int a = r.read(50);
        if (a != '[' && a != 'O') {
            return;
        }
        int b = r.read(50);
        int step = 1;
        if (b == '1') {
            int semi = r.read(50);
            int mod = r.read(50);
            b = r.read(50);
            if (semi == ';' && mod == '2') {
                step = 5;
            }
        }
        if (b == 'A') {
            s.nudgeTempo(step, ChangeAt.NOW);
        } else if (b == 'B') {
            s.nudgeTempo(-step, ChangeAt.NOW);
        }
    }

    @Override
    public synchronized void onCue(SessionCue cue) {
        if (terminal == null && cue.beat() == 0 && cue.sub() == 0 && cue.bar() > 0 && last != null
                && cue.bar() - 1 != lastBarPrinted) {
            lastBarPrinted = cue.bar() - 1;
            out.println(plainLine(last));
            out.flush();
        }
    }

    @Override
    public synchronized void onStats(LiveStats stats) {
        last = stats;
        if (terminal != null) {
            long now = System.nanoTime();
            if (now - lastDraw > 50_000_000L) {
                lastDraw = now;
                draw(stats);
            }
        }
    }

    @Override
    public synchronized void onPhase(int index, Phase phase, long bar, double bpm) {
        String line = String.format(Locale.ROOT, "phase %d/%d: %s (%s) from bar %d at %.1f bpm", index + 1,
                session != null ? session.protocol().phases().size() : last != null ? last.phaseCount() : index + 1, phase.name(), phase.kind().id(), bar + 1, bpm);
        message(line);
    }

    @Override
    public synchronized void onWarning(String message) {
        message("warning: " + message);
    }

    private void message(String line) {
        if (terminal != null) {
            clear();
            terminal.writer().println(line);
            terminal.writer().flush();
            if (last != null) {
                draw(last);
            }
        } else {
            out.println(line);
            out.flush();
        }
    }

    private void clear() {
        if (drawn) {
            terminal.writer().print("\033[" + LINES + "A\r\033[J");
            drawn = false;
        }
    }

    private void draw(LiveStats s) {
        clear();
        PrintWriter w = terminal.writer();
        w.printf(Locale.ROOT, "  phase %d/%d  %-14s %s%n", s.phase() + 1, s.phaseCount(), s.phaseName(),
                s.paused() ? "  PAUSED (space resumes)" : "");
        w.printf(Locale.ROOT, "  %6.1f bpm   bar %d:%d   elapsed %s%n", s.bpm(), s.bar() + 1, s.beat() + 1,
                clock(s.elapsedNanos()));
        w.printf(Locale.ROOT, "  last %s ms   mean %s ms   SD %s ms   R %s   cadence %s/min   taps %d (%d matched)%n",
                f0(s.lastAsynchronyMs()), f1(s.meanAsynchronyMs()), f1(s.sdAsynchronyMs()), f2(s.resultantLength()),
                f1(s.cadencePerMin()), s.taps(), s.matched());
        w.println("  " + bar(s.progress()));
        w.flush();
        drawn = true;
    }

    static String plainLine(LiveStats s) {
        return String.format(Locale.ROOT, "bar %d | %s | %.1f bpm | last %s ms | mean %s ms | SD %s ms | R %s | cadence %s/min | "
                        + "taps %d | %s%s%s", s.bar() + 1, s.phaseName(), s.bpm(), f0(s.lastAsynchronyMs()),
                f1(s.meanAsynchronyMs()), f1(s.sdAsynchronyMs()), f2(s.resultantLength()), f1(s.cadencePerMin()), s.taps(),
                clock(s.elapsedNanos()), Double.isNaN(s.progress()) ? "" : String.format(Locale.ROOT, " | %.0f%%", 100 * s.progress()),
                s.paused() ? " | paused" : "");
    }

    private static String bar(double progress) {
        if (Double.isNaN(progress)) {
            return "[open length: q stops at the bar end]";
        }
        int n = 30;
        int full = (int) Math.round(progress * n);
        return "[" + "#".repeat(full) + ".".repeat(n - full) + "] " + Math.round(100 * progress) + "%";
    }

    private static String clock(long nanos) {
        long s = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String f0(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.0f", v) : "-";
    }

    private static String f1(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }

    private static String f2(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }

    /** Prints a final line (after the display area). */
    synchronized void println(String line) {
        if (terminal != null) {
            terminal.writer().println(line);
            terminal.writer().flush();
        } else {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (terminal != null) {
            try {
                if (keys != null) {
                    keys.join(500);
                }
                terminal.close();
            } catch (IOException | InterruptedException e) {
                // closing anyway
            }
        }
    }
}
