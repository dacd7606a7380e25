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
        assertThat(out.toString()).contains("playing on the software synth").contains("session completed: 16 cues")
                .containsPattern("send lateness p99 [0-9.]+ us");
    }
}
