package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * The disk fills mid-session (a real 64 KiB tmpfs; needs root, as CI runs): the real command in
     * its own JVM, with the shipped logging configuration, says so once per file, in its own words,
     * and prints no stack trace.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldSayOnceAndWithoutAStackTraceThatTheDiskFilled(@TempDir Path dir) throws Exception {
        Path disk = dir.resolve("disk");
        Files.createDirectories(disk);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "needs root to mount a small tmpfs (CI runs as root)");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "--add-exports", "java.desktop/com.sun.media.sound=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), EntrainCli.class.getName(),
                    "demo", "--dir", disk.resolve("s").toString()).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(100, TimeUnit.SECONDS)).isTrue();
            System.out.println("demo on a full disk: exit " + p.exitValue() + "\nstderr:\n" + err + "stdout (end):\n"
                    + out.substring(Math.max(0, out.indexOf("\nsession ") + 1)));
            assertThat(p.exitValue()).as("a session whose files could not be written: a run-time failure").isEqualTo(1);
            String all = out + err;
            assertThat(all).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
            List<String> told = all.lines().filter(l -> l.contains("No space left on device")).toList();
            assertThat(told).as("what the user is told").isNotEmpty();
            assertThat(told).allMatch(l -> l.startsWith("warning: ") || l.startsWith("entrain: "));
            // told when it happens (the live display), then once more in the end summary, like every warning
            List<String> lines = out.lines().toList();
            int summary = lines.indexOf(lines.stream().filter(l -> l.startsWith("session ")).findFirst().orElseThrow());
            for (String file : List.of("the session log could not be written at", "the recording could not be written at")) {
                assertThat(lines.subList(0, summary).stream().filter(l -> l.contains(file))).as("live: " + file).hasSize(1);
                assertThat(lines.subList(summary, lines.size()).stream().filter(l -> l.contains(file))).as("summary: " + file)
                        .hasSize(1);
            }
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldNameAnOutputFileInAFolderThatDoesNotExist() {
        assertThat(fail("plan", "--bpm", "100", "--bars", "1", "--csv", "/nonexistent-entrain/x.csv").get(0))
                .isEqualTo("entrain: error: cannot create '/nonexistent-entrain/x.csv': the folder '/nonexistent-entrain' does not exist");
    }
}
