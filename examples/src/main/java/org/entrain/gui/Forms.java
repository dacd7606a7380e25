package org.entrain.gui;

import java.awt.Component;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.border.EmptyBorder;

/** A two-column form (label, control) in a grid bag. Not thread safe: the event dispatch thread only. */
final class Forms {

    private final JPanel panel = new WidthTracking();
    private int row;

    Forms() {
        panel.setBorder(new EmptyBorder(12, 16, 12, 16));
    }

    /**
     * Adds a labelled row; the label names the control for screen readers and takes its mnemonic.
     *
     * @param label the label text
     * @param mnemonic the key that focuses the control with Alt, or 0
     * @param control the control
     * @return this
     */
    Forms row(String label, int mnemonic, JComponent control) {
        JLabel l = new JLabel(label);
        l.setLabelFor(control);
        if (mnemonic != 0) {
            l.setDisplayedMnemonic(mnemonic);
        }
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = row;
        c.anchor = GridBagConstraints.LINE_START;
        c.insets = new Insets(6, 0, 6, 12);
        panel.add(l, c);
        c = new GridBagConstraints();
        c.gridx = 1;
        c.gridy = row++;
        c.weightx = 1;
        // spinners and check boxes keep their own width; lists and combos take the column
        boolean own = control instanceof javax.swing.JSpinner || control instanceof javax.swing.AbstractButton
                || control instanceof JPanel;
        c.fill = own ? GridBagConstraints.NONE : GridBagConstraints.HORIZONTAL;
        c.anchor = GridBagConstraints.LINE_START;
        c.insets = new Insets(6, 0, 6, 0);
        panel.add(control, c);
        return this;
    }

    /**
     * Adds a control across both columns (a heading or a wide widget).
     *
     * @param control the control
     * @return this
     */
    Forms wide(Component control) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = row++;
        c.gridwidth = 2;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.insets = new Insets(10, 0, 4, 0);
        panel.add(control, c);
        return this;
    }

    /**
     * A bold heading across both columns.
     *
     * @param text the heading
     * @return this
     */
    Forms heading(String text) {
        JLabel h = new JLabel(text);
        h.setFont(Theme.font(1.05f, true));
        return wide(h);
    }

    /** A panel that takes the width of its scroll pane (rows wrap instead of scrolling sideways). */
    private static final class WidthTracking extends JPanel implements javax.swing.Scrollable {
        WidthTracking() {
            super(new GridBagLayout());
        }

        @Override
        public java.awt.Dimension getPreferredScrollableViewportSize() {
            return getPreferredSize();
        }

        @Override
        public int getScrollableUnitIncrement(java.awt.Rectangle r, int orientation, int direction) {
            return 24;
        }

        @Override
        public int getScrollableBlockIncrement(java.awt.Rectangle r, int orientation, int direction) {
            return r.height - 24;
        }

        @Override
        public boolean getScrollableTracksViewportWidth() {
            return true;
        }

        @Override
        public boolean getScrollableTracksViewportHeight() {
            return false;
        }
    }

    /** @return the panel, with a filler so the rows sit at the top */
    JPanel done() {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = row++;
        c.weighty = 1;
        panel.add(new JPanel(), c);
        return panel;
    }
}
