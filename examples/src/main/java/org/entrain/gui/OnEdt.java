package org.entrain.gui;

import java.nio.file.Path;
import javax.swing.SwingUtilities;

/**
 * A listener that moves every call onto the event dispatch thread, in order. Thread safe: any
 * thread may call it.
 */
final class OnEdt implements LiveListener {

    private final LiveListener target;

    OnEdt(LiveListener target) {
        this.target = target;
    }

    @Override
    public void cue(long bar, int beat, int sub, int beatsPerBar, boolean accent, double bpm) {
        SwingUtilities.invokeLater(() -> target.cue(bar, beat, sub, beatsPerBar, accent, bpm));
    }

    @Override
    public void tap(double asynchronyMs) {
        SwingUtilities.invokeLater(() -> target.tap(asynchronyMs));
    }

    @Override
    public void stats(LiveStats stats) {
        SwingUtilities.invokeLater(() -> target.stats(stats));
    }

    @Override
    public void progress(String phase, int phaseIndex, int phases, double elapsedSeconds, double progress) {
        SwingUtilities.invokeLater(() -> target.progress(phase, phaseIndex, phases, elapsedSeconds, progress));
    }

    @Override
    public void warning(String message) {
        SwingUtilities.invokeLater(() -> target.warning(message));
    }

    @Override
    public void ended(Path folder, String error) {
        SwingUtilities.invokeLater(() -> target.ended(folder, error));
    }
}
