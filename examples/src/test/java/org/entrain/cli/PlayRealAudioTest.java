package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code entrain play} on the real default audio device (CI: a PulseAudio null sink). */
@Tag("real-audio")
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PlayRealAudioTest {

    @Test
    void shouldPlayOnTheSoftwareSynthAndPrintTheLatenessSummary() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(new String[] {"play", "--bpm", "240", "--beats", "8", "--subdivide", "2"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("playing on the software synth");
        // 8 beats with 2 subdivisions: 16 cues; the lateness percentiles are ordered and not negative.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "sent (\\d+) cues; send lateness p50 ([0-9.]+) us, p99 ([0-9.]+) us, max ([0-9.]+) us").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(16);
        double p50 = Double.parseDouble(m.group(2));
        double p99 = Double.parseDouble(m.group(3));
        double max = Double.parseDouble(m.group(4));
        assertThat(p50).isNotNegative().isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
    }
}
