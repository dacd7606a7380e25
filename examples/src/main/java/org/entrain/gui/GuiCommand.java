package org.entrain.gui;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.swing.SwingUtilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code entrain gui}: the desktop app for therapists. Returns when its window closes. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the desktop app: set up the output and input, the tempo and pattern or a protocol file, "
                + "start and stop the session with the space bar, watch the beat and the client's timing live, "
                + "then open the report. Sessions are written as by 'entrain session'."})
public final class GuiCommand implements Callable<Integer> {

    @Option(names = "--sessions", paramLabel = "DIR", defaultValue = "sessions",
            description = "where session folders go, one per session named by date and time (default: ${DEFAULT-VALUE})")
    Path sessions;

    @Option(names = "--dark", description = "start in the dark look")
    boolean dark;

    /** Creates the command (picocli fills the options). */
    public GuiCommand() {
    }

    @Override
    public Integer call() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("no display: the desktop app needs a screen (DISPLAY is "
                    + (System.getenv("DISPLAY") == null ? "not set" : System.getenv("DISPLAY")) + ")");
        }
        MainWindow w = open(new SessionLauncher(), sessions, dark);
        w.awaitClosed();
        return 0;
    }

    /**
     * Opens the window on the event dispatch thread and returns it.
     *
     * @param launcher how sessions start
     * @param sessionsRoot where session folders go
     * @param darkMode start dark
     * @return the window, shown
     * @throws Exception if the window cannot be built
     */
    static MainWindow open(Launcher launcher, Path sessionsRoot, boolean darkMode) throws Exception {
        MainWindow[] w = new MainWindow[1];
        try {
            SwingUtilities.invokeAndWait(() -> {
                Theme.apply(darkMode);
                w[0] = new MainWindow(launcher, sessionsRoot);
                w[0].show();
            });
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        return w[0];
    }
}
