package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ramp longer than the session is cut at its end, and {@code play} and {@code session} say so,
 * as {@code plan} and {@code render} do, before they open any device (here a MIDI device that does
 * not exist then stops them, so the check needs no sound card).
 */
class RampWarningTest {

    private static List<String> stderr(String... args) {
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).as("exit code; stderr %s", err).isIn(1, 2);
        return err.toString().lines().toList();
    }

    // 100 -> 120 bpm linear in time over 60 s: beats(t) = (100 t + t^2 / 6) / 60, so 16 beats end at
    // t = (-600 + sqrt(600^2 + 4 * 5760)) / 2 = 9.451 s, where the tempo is 100 + t / 3 = 103.150 bpm

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void playShouldWarnThatTheSessionEndsBeforeTheRamp() {
        List<String> err = stderr("play", "--bpm", "100", "--to", "120", "--over", "60s", "--bars", "4",
                "--out", "entrain-no-such-port", "--no-fallback");
        assertThat(err.get(0)).isEqualTo("entrain: warning: the session ends (--bars 4, 9.451 s) before the ramp (--over 60s)"
                + " does (60.000 s): the tempo stops at 103.150 bpm, not 120 bpm; lengthen the session or shorten the ramp");
        assertThat(err.get(err.size() - 1)).startsWith("entrain: ").contains("entrain-no-such-port");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sessionShouldWarnThatTheSessionEndsBeforeTheRamp(@TempDir Path dir) {
        List<String> err = stderr("session", "--bpm", "100", "--to", "120", "--over", "60s", "--bars", "4",
                "--midi-in", "entrain-no-such-pad", "--no-display", "--dir", dir.resolve("s").toString());
        assertThat(err.get(0)).isEqualTo("entrain: warning: the session ends (--bars 4, 9.451 s) before the ramp (--over 60s)"
                + " does (60.000 s): the tempo stops at 103.150 bpm, not 120 bpm; lengthen the session or shorten the ramp");
        // then the first device that is missing stops it: the sound card (none here) or the pad
        assertThat(err.get(err.size() - 1)).startsWith("entrain: ").doesNotContain("warning");
    }

    @Test
    void sessionShouldNotWarnWhenTheRampFits(@TempDir Path dir) {
        List<String> err = stderr("session", "--bpm", "100", "--to", "120", "--over", "8s", "--bars", "4",
                "--midi-in", "entrain-no-such-pad", "--no-display", "--dir", dir.resolve("s").toString());
        assertThat(err).hasSize(1);
        assertThat(err.get(0)).doesNotContain("warning");
    }
}
