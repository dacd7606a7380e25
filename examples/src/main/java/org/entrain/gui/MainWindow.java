package org.entrain.gui;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Desktop;
import java.awt.Dimension;
import java.awt.KeyEventDispatcher;
import java.awt.KeyboardFocusManager;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.text.JTextComponent;
import org.entrain.cli.EntrainCli;
import org.entrain.onset.Calibration;
import org.entrain.session.Protocol;

/**
 * The app's one window and its controller: forms on the left, the running session on the right,
 * one line of message at the top. Only the event dispatch thread may call its methods; work that
 * may block runs on a {@link SwingWorker} or the window's own executor.
 */
final class MainWindow implements LiveListener {

    /** The keys, as shown at the bottom of the window and in the README. */
    static final String KEYS = "Space start / stop    \u2191 \u2193 tempo \u00b11 (Shift \u00b15)    P pause    N next phase"
            + "    Esc stop now    Ctrl+R report    Ctrl+D dark    Ctrl+1 2 3 tabs";

    /** What the window is doing. */
    enum State {
        /** No session: the forms are open. */
        IDLE,
        /** Devices are opening. */
        STARTING,
        /** A session runs. */
        RUNNING,
        /** The session was asked to stop and is writing its folder. */
        STOPPING
    }

    private final Launcher launcher;
    private final Path sessionsRoot;
    private final JFrame frame = new JFrame("Entrain \u2013 rhythmic cueing for therapy");
    private final JLabel message = new JLabel(" ");
    private final JButton darkMode = new JButton("Dark (Ctrl+D)");
    private final SetupPanel setup = new SetupPanel();
    private final TempoPanel tempo = new TempoPanel();
    private final RunPanel run = new RunPanel();
    private final JTabbedPane tabs = new JTabbedPane();
    private final DefaultListModel<PastSessions.Entry> past = new DefaultListModel<>();
    private final JList<PastSessions.Entry> pastList = new JList<>(past);
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "entrain-gui-background");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private final KeyEventDispatcher keys = this::key;
    private State state = State.IDLE;
    private LiveSession session;
    private Path lastFolder;
    private boolean paused;
    private boolean closeAfterEnd;
    /** The time stamp of the last space press handled (auto-repeat and re-dispatch deliver it again). */
    private long lastSpace = -1;
    /** Whether the message line shows an error (its colour follows the look). */
    private boolean isError;

    /**
     * Builds the window (not yet shown).
     *
     * @param launcher how sessions start
     * @param sessionsRoot where session folders go
     */
    MainWindow(Launcher launcher, Path sessionsRoot) {
        this.launcher = launcher;
        this.sessionsRoot = sessionsRoot;
        frame.setName("entrain");
        message.setName("message");
        message.setFont(Theme.font(1.1f, true));
        darkMode.setName("darkMode");
        darkMode.setFocusable(false);
        pastList.setName("pastSessions");
        tabs.setName("tabs");

        tabs.addTab("Set-up", scroll(setup.panel()));
        tabs.addTab("Tempo & pattern", scroll(tempo.panel()));
        JPanel pastPanel = new JPanel(new BorderLayout(0, 8));
        pastPanel.setBorder(BorderFactory.createEmptyBorder(12, 16, 12, 16));
        pastPanel.add(new JLabel("<html>Sessions in " + sessionsRoot.toAbsolutePath()
                + ".<br>Enter or double-click opens the report.</html>"), BorderLayout.PAGE_START);
        pastPanel.add(new JScrollPane(pastList), BorderLayout.CENTER);
        tabs.addTab("Past sessions", pastPanel);
        tabs.setSelectedIndex(1);

        JPanel header = new JPanel(new BorderLayout(12, 0));
        header.setBorder(BorderFactory.createEmptyBorder(8, 18, 8, 18));
        header.add(message, BorderLayout.CENTER);
        header.add(darkMode, BorderLayout.LINE_END);
        JLabel help = new JLabel(KEYS);
        help.setName("keys");
        help.setBorder(BorderFactory.createEmptyBorder(6, 18, 8, 18));

        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tabs, run.panel());
        split.setResizeWeight(0.0);
        split.setDividerLocation(700);
        split.setFocusable(false);
        frame.getContentPane().add(header, BorderLayout.PAGE_START);
        frame.getContentPane().add(split, BorderLayout.CENTER);
        frame.getContentPane().add(help, BorderLayout.PAGE_END);
        frame.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
        frame.setMinimumSize(new Dimension(1100, 720));
        frame.setPreferredSize(new Dimension(1480, 920));

        run.startStop.addActionListener(e -> toggleStartStop());
        run.pause.addActionListener(e -> togglePause());
        run.nextPhase.addActionListener(e -> nextPhase());
        run.openReport.addActionListener(e -> openReport(lastFolder));
        darkMode.addActionListener(e -> toggleDark());
        tempo.bpm.addChangeListener(e -> {
            if (state == State.IDLE) {
                run.tempo(tempo.bpm());
            }
        });
        tempo.openProtocol.addActionListener(e -> chooseProtocol());
        setup.runCalibration.addActionListener(e -> runCalibration());
        setup.loadCalibration.addActionListener(e -> chooseCalibration());
        pastList.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && pastList.getSelectedValue() != null) {
                    openReport(pastList.getSelectedValue().folder());
                }
            }
        });
        pastList.getInputMap().put(javax.swing.KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "open");
        pastList.getActionMap().put("open", new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                if (pastList.getSelectedValue() != null) {
                    openReport(pastList.getSelectedValue().folder());
                }
            }
        });
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });
        run.tempo(tempo.bpm());
        darkMode.setText(Theme.dark() ? "Light (Ctrl+D)" : "Dark (Ctrl+D)");
        state(State.IDLE);
    }

    private static JScrollPane scroll(JPanel p) {
        JScrollPane s = new JScrollPane(p);
        s.getVerticalScrollBar().setUnitIncrement(24);
        s.setBorder(BorderFactory.createEmptyBorder());
        return s;
    }

    /** Shows the window, lists the devices and the past sessions (off the event dispatch thread). */
    void show() {
        KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(keys);
        frame.pack();
        frame.setLocationRelativeTo(null);
        frame.setVisible(true);
        run.startStop.requestFocusInWindow();
        info("Choose the output and the tempo, then press Space to start.");
        listDevices();
        refreshPast();
    }

    /** @return the frame */
    JFrame frame() {
        return frame;
    }

    /** @return what the window is doing */
    State state() {
        return state;
    }

    /** @return the folder of the last session, or null */
    Path lastFolder() {
        return lastFolder;
    }

    /**
     * Waits until the window is closed.
     *
     * @throws InterruptedException if interrupted
     */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    // ---- keys

    private boolean key(KeyEvent e) {
        Component c = e.getComponent();
        Window w = c instanceof Window ? (Window) c : SwingUtilities.getWindowAncestor(c);
        if (w != frame) {
            return false;
        }
        int code = e.getKeyCode();
        if (e.getID() == KeyEvent.KEY_TYPED) {
            // swallow the typed space so no text field or button sees it
            return e.getKeyChar() == ' ' && !e.isControlDown() && !e.isAltDown();
        }
        boolean plain = !e.isControlDown() && !e.isAltDown() && !e.isMetaDown();
        if (code == KeyEvent.VK_SPACE && plain) {
            if (e.getID() == KeyEvent.KEY_PRESSED && e.getWhen() != lastSpace) {
                lastSpace = e.getWhen();
                toggleStartStop();
            }
            return true;
        }
        if (e.getID() != KeyEvent.KEY_PRESSED) {
            return false;
        }
        Component focus = KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
        boolean typing = focus instanceof JTextComponent && ((JTextComponent) focus).isEditable() && focus.isEnabled();
        boolean live = state == State.RUNNING;
        if ((code == KeyEvent.VK_UP || code == KeyEvent.VK_DOWN) && plain) {
            int delta = (code == KeyEvent.VK_UP ? 1 : -1) * (e.isShiftDown() ? 5 : 1);
            if (live) {
                tempoBy(delta);
                return true;
            }
            if (state == State.IDLE && !usesArrows(focus)) {
                tempo.nudge(delta);
                return true;
            }
            return false;
        }
        if (e.isControlDown() && !e.isAltDown()) {
            switch (code) {
                case KeyEvent.VK_R -> openReport(lastFolder);
                case KeyEvent.VK_D -> toggleDark();
                case KeyEvent.VK_1 -> tabs.setSelectedIndex(0);
                case KeyEvent.VK_2 -> tabs.setSelectedIndex(1);
                case KeyEvent.VK_3 -> tabs.setSelectedIndex(2);
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (!plain || typing) {
            return false;
        }
        if (code == KeyEvent.VK_ESCAPE && (state == State.RUNNING || state == State.STOPPING)) {
            stopNow();
            return true;
        }
        if (live && code == KeyEvent.VK_P) {
            togglePause();
            return true;
        }
        if (live && code == KeyEvent.VK_N) {
            nextPhase();
            return true;
        }
        return false;
    }

    /** Whether the focused control uses the arrow keys itself (lists, combos, spinners, text, tabs). */
    private static boolean usesArrows(Component focus) {
        for (Component c = focus; c != null; c = c.getParent()) {
            if (c instanceof JComboBox || c instanceof JSpinner || c instanceof JList || c instanceof JTabbedPane
                    || c instanceof JTextComponent) {
                return true;
            }
        }
        return false;
    }

    // ---- actions

    /** Starts a session when idle; asks a running one to stop at the end of its bar. */
    void toggleStartStop() {
        switch (state) {
            case IDLE -> start();
            case RUNNING -> stopAtBarEnd();
            default -> {
                // opening or stopping: one press is enough
            }
        }
    }

    private void start() {
        SessionRequest request;
        try {
            request = new SessionRequest(sessionsRoot.resolve(SessionFolders.name(LocalDateTime.now())), tempo.protocol(),
                    tempo.protocolSource(), tempo.bpm(), tempo.change(), tempo.end(), tempo.fade(), tempo.pattern(),
                    tempo.countIn(), setup.midiOut(), setup.midiOutLatencyMs(), setup.microphone(), setup.midiPad(),
                    setup.detector(), setup.headphones(), setup.calibrationFile(), setup.sounds());
        } catch (IllegalArgumentException e) {
            error(Messages.oneLine(e));
            return;
        }
        state(State.STARTING);
        info("Opening the devices\u2026");
        run.plot.clear();
        run.beat.clear();
        run.summary.setText(request.microphone() == null && request.midiPad() == null
                ? "No input chosen: cue only, nothing is measured." : "No taps matched to the beat yet.");
        run.folder.setText(" ");
        run.barBeat.setText(" ");
        LiveListener onEdt = new OnEdt(this);
        new SwingWorker<LiveSession, Void>() {
            @Override
            protected LiveSession doInBackground() throws Exception {
                return launcher.start(request, onEdt);
            }

            @Override
            protected void done() {
                try {
                    session = get();
                    lastFolder = session.folder();
                    paused = false;
                    state(State.RUNNING);
                    info("Running. Space stops at the end of the bar. Saving to " + lastFolder);
                } catch (ExecutionException e) {
                    state(State.IDLE);
                    error(Messages.oneLine(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    state(State.IDLE);
                }
            }
        }.execute();
    }

    private void stopAtBarEnd() {
        LiveSession s = session;
        state(State.STOPPING);
        info("Stopping at the end of the bar, then writing the session folder\u2026");
        background.execute(s::stopAtBarEnd);
    }

    private void stopNow() {
        LiveSession s = session;
        if (s == null) {
            return;
        }
        state(State.STOPPING);
        info("Stopping now, then writing the session folder\u2026");
        background.execute(s::stopNow);
    }

    private void tempoBy(int delta) {
        LiveSession s = session;
        background.execute(() -> s.tempoBy(delta));
        info(String.format(Locale.ROOT, "Tempo %+d bpm from the next bar.", delta));
    }

    private void togglePause() {
        if (state != State.RUNNING) {
            return;
        }
        LiveSession s = session;
        paused = !paused;
        run.pause.setText(paused ? "Resume (P)" : "Pause (P)");
        info(paused ? "Paused. P resumes on the beat." : "Resumed.");
        background.execute(s::togglePause);
    }

    private void nextPhase() {
        if (state != State.RUNNING) {
            return;
        }
        LiveSession s = session;
        info("Next phase.");
        background.execute(s::nextPhase);
    }

    private void toggleDark() {
        Theme.apply(!Theme.dark());
        run.plot.applyColours();
        darkMode.setText(Theme.dark() ? "Light (Ctrl+D)" : "Dark (Ctrl+D)");
        message.setForeground(isError ? Theme.error() : Theme.text());
    }

    private void state(State s) {
        state = s;
        boolean idle = s == State.IDLE;
        setup.setEnabled(idle);
        tempo.setEnabled(idle);
        run.pause.setEnabled(s == State.RUNNING);
        run.nextPhase.setEnabled(s == State.RUNNING);
        run.openReport.setEnabled(idle && lastFolder != null);
        run.startStop.setEnabled(s == State.IDLE || s == State.RUNNING);
        run.startStop.setText(switch (s) {
            case IDLE -> "Start  (space)";
            case STARTING -> "Starting\u2026";
            case RUNNING -> "Stop  (space)";
            case STOPPING -> "Stopping\u2026";
        });
        run.startStop.setForeground(s == State.RUNNING ? Theme.error() : Theme.go());
        if (idle) {
            run.pause.setText("Pause (P)");
        }
    }

    private void close() {
        if (state == State.RUNNING || state == State.STOPPING || state == State.STARTING) {
            closeAfterEnd = true;
            stopNow();
            return;
        }
        KeyboardFocusManager.getCurrentKeyboardFocusManager().removeKeyEventDispatcher(keys);
        frame.dispose();
        background.shutdown();
        closed.countDown();
    }

    // ---- messages

    private void info(String text) {
        isError = false;
        message.setForeground(Theme.text());
        message.setText(text);
    }

    private void error(String text) {
        isError = true;
        message.setForeground(Theme.error());
        message.setText(text);
    }

    /** @return the message line's text */
    String message() {
        return message.getText();
    }

    // ---- the session's reports (on the event dispatch thread, via OnEdt)

    @Override
    public void cue(long bar, int beat, int sub, int beats, boolean accent, double bpm) {
        run.tempo(bpm);
        if (sub == 0) {
            run.beat.beat(beat, beats, accent);
            run.barBeat.setText(String.format(Locale.ROOT, "bar %d, beat %d", bar + 1, beat + 1));
        }
    }

    @Override
    public void tap(double asynchronyMs) {
        run.plot.add(asynchronyMs);
    }

    @Override
    public void stats(LiveStats stats) {
        run.stats(stats);
    }

    @Override
    public void progress(String phase, int phaseIndex, int phases, double elapsedSeconds, double progress) {
        run.progress(phase, phaseIndex, phases, elapsedSeconds, progress);
    }

    @Override
    public void warning(String text) {
        error(text);
    }

    @Override
    public void ended(Path folder, String err) {
        session = null;
        lastFolder = folder;
        state(State.IDLE);
        run.beat.clear();
        run.folder.setText("Saved in " + folder.toAbsolutePath());
        if (err == null) {
            info("Session saved. Ctrl+R opens the report.");
        } else {
            error("The session stopped: " + err + ". What was recorded is saved.");
        }
        refreshPast();
        if (closeAfterEnd) {
            close();
        }
    }

    // ---- background work

    private void listDevices() {
        new SwingWorker<List<List<String>>, Void>() {
            @Override
            protected List<List<String>> doInBackground() {
                return launcher.devices();
            }

            @Override
            protected void done() {
                try {
                    List<List<String>> d = get();
                    setup.devices(d.get(0), d.get(1), d.get(2));
                } catch (ExecutionException e) {
                    error("Could not list the devices: " + Messages.oneLine(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    private void refreshPast() {
        new SwingWorker<List<PastSessions.Entry>, Void>() {
            @Override
            protected List<PastSessions.Entry> doInBackground() throws IOException {
                return PastSessions.list(sessionsRoot);
            }

            @Override
            protected void done() {
                try {
                    List<PastSessions.Entry> l = get();
                    past.clear();
                    l.forEach(past::addElement);
                } catch (ExecutionException e) {
                    error("Could not list the past sessions: " + Messages.oneLine(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    private void openReport(Path folder) {
        if (folder == null || state != State.IDLE) {
            return;
        }
        Path report = folder.resolve(PastSessions.REPORT).toAbsolutePath();
        background.execute(() -> {
            String shown;
            if (!Files.isRegularFile(report)) {
                shown = "This session has no report (it was cut short): " + folder.toAbsolutePath();
            } else if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                try {
                    Desktop.getDesktop().browse(report.toUri());
                    shown = "Opened " + report;
                } catch (IOException | RuntimeException e) {
                    shown = "The report is " + report + " (no browser could open it)";
                }
            } else {
                shown = "The report is " + report;
            }
            String text = shown;
            SwingUtilities.invokeLater(() -> info(text));
        });
    }

    private void chooseProtocol() {
        Path examples = Path.of("examples", "protocols");
        // a file chooser lists the folder as it opens: the app's own small folders only, on the EDT
        JFileChooser fc = new JFileChooser((Files.isDirectory(examples) ? examples : Path.of("")).toAbsolutePath().toFile());
        fc.setDialogTitle("Open a protocol file (YAML or JSON)");
        if (fc.showOpenDialog(frame) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path file = fc.getSelectedFile().toPath();
        loadProtocol(file);
    }

    /**
     * Reads a protocol file off the event dispatch thread and lists its phases, or shows why it
     * cannot be used.
     *
     * @param file the file
     */
    void loadProtocol(Path file) {
        new SwingWorker<Protocol, Void>() {
            @Override
            protected Protocol doInBackground() throws Exception {
                return launcher.protocol(file);
            }

            @Override
            protected void done() {
                try {
                    tempo.protocol(file.toString(), get());
                    info("Protocol " + file.getFileName() + ": " + tempo.phases.size() + " phases.");
                } catch (ExecutionException e) {
                    error(Messages.oneLine(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    private void chooseCalibration() {
        JFileChooser fc = new JFileChooser(sessionsRoot.toAbsolutePath().toFile());
        fc.setDialogTitle("Load a calibration (written by 'entrain calibrate --out')");
        if (fc.showOpenDialog(frame) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path file = fc.getSelectedFile().toPath();
        new SwingWorker<Calibration, Void>() {
            @Override
            protected Calibration doInBackground() throws IOException {
                return readCalibration(file);
            }

            @Override
            protected void done() {
                try {
                    Calibration c = get();
                    setup.calibration(file, describe(c) + "  (" + file.getFileName() + ")");
                    info("Calibration loaded.");
                } catch (ExecutionException e) {
                    error(Messages.oneLine(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    private void runCalibration() {
        String mic = setup.microphone();
        Path file = sessionsRoot.resolve("calibration-" + SessionFolders.name(LocalDateTime.now()) + ".txt");
        info("Calibrating: five marker bursts through the speakers, heard by the microphone\u2026");
        setup.runCalibration.setEnabled(false);
        new SwingWorker<String, Void>() {
            private Calibration result;

            @Override
            protected String doInBackground() throws IOException {
                Files.createDirectories(sessionsRoot);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = EntrainCli.execute(new String[] {"calibrate", "--input", mic == null ? "default" : mic, "--out",
                        file.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
                if (code != 0) {
                    String e = err.toString().strip();
                    return e.isEmpty() ? "calibration failed" : e.lines().findFirst().orElse(e);
                }
                result = readCalibration(file);
                return null;
            }

            @Override
            protected void done() {
                setup.runCalibration.setEnabled(state == State.IDLE);
                try {
                    String failure = get();
                    if (failure != null) {
                        error(failure.replaceFirst("^entrain: (error: )?", "Calibration failed: "));
                    } else {
                        setup.calibration(file, describe(result) + "  (measured now)");
                        info("Calibration measured and saved as " + file);
                    }
                } catch (ExecutionException e) {
                    error("Calibration failed: " + Messages.oneLine(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    static Calibration readCalibration(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                try {
                    return Calibration.parse(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file.getFileName() + " is not a calibration file: " + e.getMessage());
                }
            }
        }
        throw new IllegalArgumentException(file.getFileName() + " is not a calibration file: it has no calibration line");
    }

    private static String describe(Calibration c) {
        return String.format(Locale.ROOT, "latency %.1f ms, spread %.1f ms", c.latencyNanos() / 1e6, c.spreadNanos() / 1e6);
    }

    /** @return the run panel, for tests */
    RunPanel runPanel() {
        return run;
    }

    /** @return the tempo panel, for tests */
    TempoPanel tempoPanel() {
        return tempo;
    }

    /** @return the set-up panel, for tests */
    SetupPanel setupPanel() {
        return setup;
    }
}
