package org.entrain.gui;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import javax.swing.JComponent;
import javax.swing.Timer;

/**
 * The current beat, large: its number and one circle per beat of the bar, the sounding one filled
 * and fading out after the cue (accents in another colour). Only the event dispatch thread may
 * call its methods.
 */
final class BeatView extends JComponent {

    /** How long a flash takes to fade, in nanoseconds: 300 ms, a little under a beat at 180 bpm. */
    private static final long FLASH_NANOS = 300_000_000L;

    private int beatsPerBar = 4;
    /** The beat of the bar now sounding, from 0; -1 before the first cue. */
    private int beat = -1;
    private boolean accent;
    private long flashStartNanos;
    private final Timer fade = new Timer(20, e -> tick());

    BeatView() {
        setOpaque(false);
        setFocusable(false);
        setPreferredSize(new Dimension(520, 230));
    }

    /**
     * Shows a beat cue and starts its flash.
     *
     * @param beatInBar the beat of the bar, from 0
     * @param beats beats per bar
     * @param isAccent whether it is accented
     */
    void beat(int beatInBar, int beats, boolean isAccent) {
        beatsPerBar = Math.max(1, beats);
        beat = beatInBar;
        accent = isAccent;
        flashStartNanos = System.nanoTime();
        if (!fade.isRunning()) {
            fade.start();
        }
        repaint();
    }

    /** Clears the display (no session). */
    void clear() {
        beat = -1;
        fade.stop();
        repaint();
    }

    /** @return the beat of the bar shown, from 1, or 0 if none */
    int shownBeat() {
        return beat + 1;
    }

    /** @return whether the beat shown is accented */
    boolean shownAccent() {
        return accent;
    }

    private void tick() {
        if (System.nanoTime() - flashStartNanos > FLASH_NANOS) {
            fade.stop();
        }
        repaint();
    }

    /** Flash strength 1 at the cue falling to 0.25 (the beat stays marked until the next). */
    private float strength() {
        double t = (System.nanoTime() - flashStartNanos) / (double) FLASH_NANOS;
        return (float) Math.max(0.25, 1 - 0.75 * Math.min(1, t));
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int w = getWidth();
            int h = getHeight();
            Color on = accent ? Theme.accent() : Theme.beat();
            float s = strength();
            // the number
            int numberWidth = Math.min(w / 3, h);
            g.setFont(Theme.font(h / Theme.BASE_POINTS * 0.8f, true));
            String text = beat < 0 ? "" : Integer.toString(beat + 1);
            FontMetrics fm = g.getFontMetrics();
            g.setColor(beat < 0 ? Theme.idle() : mix(Theme.text(), on, s));
            g.drawString(text, (numberWidth - fm.stringWidth(text)) / 2, (h + fm.getAscent() - fm.getDescent()) / 2);
            // the circles
            int n = beatsPerBar;
            int left = numberWidth + 10;
            int avail = w - left - 10;
            double d = Math.min(h * 0.7, avail / (n * 1.25));
            double gapX = n > 1 ? (avail - n * d) / (n - 1) : 0;
            double y = (h - d) / 2;
            for (int i = 0; i < n; i++) {
                double x = left + i * (d + gapX);
                Ellipse2D circle = new Ellipse2D.Double(x, y, d, d);
                if (i == beat) {
                    g.setColor(mix(Theme.idle(), on, s));
                    g.fill(circle);
                } else {
                    g.setColor(Theme.idle());
                    g.fill(new Ellipse2D.Double(x + d * 0.2, y + d * 0.2, d * 0.6, d * 0.6));
                }
            }
        } finally {
            g.dispose();
        }
    }

    private static Color mix(Color a, Color b, float t) {
        return new Color(Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
