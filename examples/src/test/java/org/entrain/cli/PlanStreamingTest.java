package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code plan} streams: a plan of 1.44 million cues (3 h of 8ths at 1000 bpm, about 86 MB of CSV,
 * some 140 MB as a list of cue values) runs to the end in a child JVM with a 24 MB heap, and its
 * first row arrives before the child has written the rest.
 */
class PlanStreamingTest {

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldStreamAPlanFarLargerThanTheHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"), EntrainCli.class.getName(),
                "plan", "--bpm", "1000", "--subdivide", "8", "--duration", "3h").redirectError(ProcessBuilder.Redirect.PIPE).start();
        long rows = 0;
        boolean aliveAtFirstRow = false;
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII), 1 << 16)) {
            String header = out.readLine();
            assertThat(header).isEqualTo("index,bar,beat,sub,time_s,bpm,voice,velocity");
            String line;
            while ((line = out.readLine()) != null) {
                if (rows == 0) {
                    aliveAtFirstRow = p.isAlive();
                }
                rows++;
                last = line;
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code; stderr %s", err).isZero();
        assertThat(err).isEmpty();
        assertThat(rows).isEqualTo(3L * 3600 * 1000 * 8 / 60);
        assertThat(last).startsWith((rows - 1) + ",");
        assertThat(aliveAtFirstRow).as("the first row arrived while the plan was still being written").isTrue();
    }
}
