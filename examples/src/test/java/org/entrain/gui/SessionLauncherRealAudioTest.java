package org.entrain.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.entrain.midi.CueSounds;
import org.entrain.pattern.Pattern;
import org.entrain.session.Fade;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The app's session start when a device is missing: one clear line for the window. */
@Tag("real-audio")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionLauncherRealAudioTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameTheMissingMicrophoneInOneLine() {
        SessionRequest r = new SessionRequest(dir.resolve("s"), null, null, 100, null, null, Fade.NONE, Pattern.defaults(), 1,
                null, 0, "entrain-no-such-microphone", null, "taps", true, null, CueSounds.defaults());
        Throwable t = catchThrowable(() -> new SessionLauncher().start(r, new OnEdt(new MainWindowTestListener())));
        assertThat(t).isNotNull();
        String line = Messages.oneLine(t);
        assertThat(line).contains("entrain-no-such-microphone").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void shouldNameTheMissingMidiOutputInOneLine() {
        SessionRequest r = new SessionRequest(dir.resolve("s"), null, null, 100, null, null, Fade.NONE, Pattern.defaults(), 1,
                "entrain-no-such-port", 0, null, null, "taps", true, null, CueSounds.defaults());
        Throwable t = catchThrowable(() -> new SessionLauncher().start(r, new OnEdt(new MainWindowTestListener())));
        assertThat(t).isNotNull();
        assertThat(Messages.oneLine(t)).contains("entrain-no-such-port").doesNotContain("\n").doesNotContain("Exception");
    }

    /** Ignores every event (the session never starts here). */
    private static final class MainWindowTestListener implements LiveListener {
        @Override
        public void cue(long bar, int beat, int sub, int beatsPerBar, boolean accent, double bpm) {
        }

        @Override
        public void tap(double asynchronyMs) {
        }

        @Override
        public void stats(LiveStats stats) {
        }

        @Override
        public void progress(String phase, int phaseIndex, int phases, double elapsedSeconds, double progress) {
        }

        @Override
        public void warning(String message) {
        }

        @Override
        public void ended(Path folder, String error) {
        }
    }
}
