package org.entrain.gui;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.Assumptions;

/** Shared set-up of the desktop app's tests. Not thread safe: one test at a time. */
final class GuiTests {

    /** AssertJ Swing takes the old modifier masks (InputEvent.SHIFT_MASK and kin), not the *_DOWN_MASK ones. */
    static final int SHIFT = 1;
    /** Control, as AssertJ Swing takes it. */
    static final int CTRL = 2;
    /** Alt, as AssertJ Swing takes it. */
    static final int ALT = 8;

    private GuiTests() {
    }

    /**
     * Skips the test without a display, unless {@code entrain.gui.required} is true (the
     * real-audio profile that CI runs under Xvfb): then a missing display fails it.
     */
    static void requireDisplay() {
        boolean headless = !hasDisplay();
        if (headless && Boolean.getBoolean("entrain.gui.required")) {
            fail("the desktop app's tests need a display (DISPLAY=" + System.getenv("DISPLAY")
                    + ", java.awt.headless=" + System.getProperty("java.awt.headless") + ")");
        }
        Assumptions.assumeFalse(headless, "no display: the desktop app's tests are skipped");
    }

    private static boolean hasDisplay() {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        try {
            return GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length > 0;
        } catch (java.awt.AWTError | java.awt.HeadlessException e) {
            return false; // headless=false but no X server (DISPLAY unset or unreachable)
        }
    }

    /**
     * Saves what the window shows as a PNG.
     *
     * @param w the window
     * @param file the PNG
     * @throws Exception if the screen cannot be read or the file written
     */
    static void screenshot(MainWindow w, Path file) throws Exception {
        Rectangle r = GuiActionRunner.execute(() -> w.frame().getBounds());
        BufferedImage img = new Robot().createScreenCapture(r);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot write " + file, e);
        }
    }
}
