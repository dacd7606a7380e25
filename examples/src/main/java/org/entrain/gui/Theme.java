package org.entrain.gui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Color;
import java.awt.Font;
import javax.swing.UIManager;
import javax.swing.plaf.FontUIResource;

/**
 * The look: FlatLaf light or dark, large fonts readable from a few metres, and high-contrast
 * colours for the beat. Only the event dispatch thread may call {@link #apply}; the colour
 * getters read a volatile flag and are safe from any thread.
 */
final class Theme {

    /** Base font size in points: twice the usual desktop size, for reading across a room. */
    static final float BASE_POINTS = 18f;

    private static volatile boolean dark;

    private Theme() {
    }

    /**
     * Installs the light or dark look and the large default font, and refreshes open windows.
     *
     * @param darkMode true for dark
     */
    static void apply(boolean darkMode) {
        dark = darkMode;
        UIManager.put("defaultFont", new FontUIResource(Font.SANS_SERIF, Font.PLAIN, Math.round(BASE_POINTS)));
        // high contrast: strong focus rings and text, no faded labels
        UIManager.put("Component.focusWidth", 2);
        UIManager.put("Component.innerFocusWidth", 1);
        UIManager.put("Button.arc", 12);
        UIManager.put("ScrollBar.width", 18);
        UIManager.put("TabbedPane.tabHeight", 44);
        UIManager.put("TabbedPane.showTabSeparators", true);
        if (darkMode) {
            FlatDarkLaf.setup();
            UIManager.put("Label.foreground", new Color(0xF2F2F2));
        } else {
            FlatLightLaf.setup();
            UIManager.put("Label.foreground", new Color(0x111111));
        }
        FlatLaf.updateUI();
    }

    /** @return whether the dark look is on */
    static boolean dark() {
        return dark;
    }

    /** @return the colour of an accented beat while it flashes */
    static Color accent() {
        return dark ? new Color(0xFF6E40) : new Color(0xC62828);
    }

    /** @return the colour of a plain beat while it flashes */
    static Color beat() {
        return dark ? new Color(0x40C4FF) : new Color(0x0D47A1);
    }

    /** @return the colour of a beat that is not sounding */
    static Color idle() {
        return dark ? new Color(0x4A4F55) : new Color(0xC9CED6);
    }

    /** @return the strong text colour */
    static Color text() {
        return dark ? new Color(0xF2F2F2) : new Color(0x111111);
    }

    /** @return the colour of an error message */
    static Color error() {
        return dark ? new Color(0xFF8A80) : new Color(0xB00020);
    }

    /** @return the colour of a good state (running) */
    static Color go() {
        return dark ? new Color(0x69F0AE) : new Color(0x1B5E20);
    }

    /**
     * A font of the default family scaled from the base size.
     *
     * @param scale factor of {@link #BASE_POINTS}
     * @param bold bold or plain
     * @return the font
     */
    static Font font(float scale, boolean bold) {
        Font f = UIManager.getFont("defaultFont");
        if (f == null) {
            f = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(BASE_POINTS));
        }
        return f.deriveFont(bold ? Font.BOLD : Font.PLAIN, BASE_POINTS * scale);
    }
}
