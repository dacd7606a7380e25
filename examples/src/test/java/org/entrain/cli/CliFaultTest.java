package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Folders and files that cannot be written: one line naming the path and why, exit 1, nothing else. */
class CliFaultTest {

    static List<String> fail(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("exit code; stderr %s", err).isEqualTo(1);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("entrain: error: ").doesNotContain("Exception");
        return lines;
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNameASessionFolderThatCannotBeCreated() {
        assertThat(fail("demo", "--dir", "/proc/entrain-cannot-write").get(0)).contains("'/proc/entrain-cannot-write'")
                .contains("cannot be opened or created");
        assertThat(fail("demo", "--dir", "/etc/hostname/x").get(0)).contains("'/etc/hostname/x'").contains("Not a directory");
    }

    @Test
    void shouldNameAnOutputFileInAFolderThatDoesNotExist() {
        assertThat(fail("plan", "--bpm", "100", "--bars", "1", "--csv", "/nonexistent-entrain/x.csv").get(0))
                .isEqualTo("entrain: error: cannot create '/nonexistent-entrain/x.csv': the folder '/nonexistent-entrain' does not exist");
    }
}
