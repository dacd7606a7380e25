package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.entrain.session.SessionLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security: no network listener anywhere (no server socket in the sources; none open in the JVM
 * after a whole session has run); a session writes only into the folder it is given; names taken
 * from a protocol file (protocol and phase names) reach the log, the terminal and the HTML report
 * only sanitized, and a protocol file names no file at all (its keys are a closed set).
 */
class SecurityTest {

    @TempDir
    Path tmp;

    static final List<String> LISTENERS = List.of("ServerSocket", "DatagramSocket", "HttpServer", "MulticastSocket",
            "java.rmi", "ServerSocketChannel", "DatagramChannel", "javax.management.remote");

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void shouldHaveNoServerSocketInAnyMainSource() throws IOException {
        Path root = root();
        assertThat(root).as("project root").isNotNull();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")
                    && !f.toString().contains("/target/")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (String l : LISTENERS) {
                    if (text.contains(l)) {
                        found.add(root.relativize(f) + ": " + l);
                    }
                }
            }
        }
        assertThat(found).as("network listeners in main sources").isEmpty();
    }

    /** Inodes of the sockets this process has open. */
    private static Set<String> ownSocketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return inodes;
    }

    /** Listening TCP and bound UDP sockets of this process (from /proc/net), as lines. */
    private static List<String> ownListeners() throws IOException {
        Set<String> own = ownSocketInodes();
        List<String> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path p = Path.of("/proc/net", table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.trim().split("\\s+");
                boolean listening = table.startsWith("udp") || f[3].equals("0A");
                if (listening && f.length > 9 && own.contains(f[9])) {
                    out.add(table + " " + line.trim());
                }
            }
        }
        return out;
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldWriteOnlyIntoTheSessionFolderSanitizeNamesAndListenOnNoPort() throws Exception {
        Path protocol = tmp.resolve("evil.yaml");
        Files.writeString(protocol, String.join("\n",
                "name: \"<script>alert(1)</script> ../../../etc/x\"",
                "bpm: 100",
                "count_in: 1",
                "phases:",
                "  - kind: match",
                "    name: \"<img src=x onerror=alert(2)> /../../evil\"",
                "    length: 8bars",
                "  - kind: continuation",
                "    name: \"..\\\\..\\\\win\"",
                "    length: 4bars",
                ""), StandardCharsets.UTF_8);
        Path work = tmp.resolve("work");
        Files.createDirectories(work);
        Path folder = work.resolve("session");
        Set<Path> before = snapshot(tmp);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(new String[] {"demo", "--protocol", protocol.toString(), "--dir", folder.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("demo exit code; stderr %s", err).isZero();

        Set<Path> created = snapshot(tmp);
        created.removeAll(before);
        for (Path p : created) {
            assertThat(p.startsWith(folder)).as("file written outside the session folder: %s", p).isTrue();
        }
        assertThat(ownListeners()).as("sockets this JVM listens on after a whole session").isEmpty();

        String printed = out.toString() + err;
        assertThat(printed).as("escape characters printed to the terminal").doesNotContain("\u001b").doesNotContain("\u0007");
        for (Path p : created) {
            if (p.toString().endsWith(".html")) {
                String html = Files.readString(p, StandardCharsets.UTF_8);
                assertThat(html).as(p.toString()).doesNotContain("<script>alert").doesNotContain("<img src=x");
            }
        }
        assertThat(SessionLogReader.read(folder.resolve("session.jsonl")).notes()).isEmpty();
    }

    private static Set<Path> snapshot(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new HashSet<>(s.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void shouldRefuseANameWithTerminalEscapes() throws Exception {
        Path protocol = tmp.resolve("escape.yaml");
        Files.writeString(protocol, "name: \"\\e[2J\\e]0;pwned\\a\"\nbpm: 100\nphases:\n  - kind: match\n    length: 4bars\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(new String[] {"demo", "--protocol", protocol.toString(), "--dir", tmp.resolve("e").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("entrain: ").contains("field 'name'").contains("U+001B");
        assertThat(out.toString() + err).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void shouldRefuseAProtocolThatNamesAFile() throws Exception {
        Path protocol = tmp.resolve("files.yaml");
        Files.writeString(protocol, "name: x\nbpm: 100\noutput: /etc/passwd\nphases:\n  - kind: match\n    length: 4bars\n");
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(new String[] {"demo", "--protocol", protocol.toString(), "--dir", tmp.resolve("d").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("entrain: ").contains("output");
        assertThat(Files.exists(tmp.resolve("d"))).isFalse();
    }
}
