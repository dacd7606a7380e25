package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import org.entrain.clock.ManualNanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetSource;
import org.junit.jupiter.api.Test;

class MidiTapInputTest {

    @Test
    void shouldTimestampFilteredNoteOnsOnArrivalInEngineTime() throws Exception {
        ManualNanoClock clock = new ManualNanoClock(Long.MAX_VALUE - 10);
        List<Onset> taps = new ArrayList<>();
        MidiTapInput in = new MidiTapInput(clock, taps::add, 10, 35, 38);

        in.send(new ShortMessage(ShortMessage.NOTE_ON, 9, 36, 127), 123_456);
        clock.advance(500_000_000);
        in.send(new ShortMessage(ShortMessage.NOTE_ON, 9, 60, 100), -1); // note outside 35..38
        in.send(new ShortMessage(ShortMessage.NOTE_ON, 0, 36, 100), -1); // channel 1
        in.send(new ShortMessage(ShortMessage.NOTE_ON, 9, 38, 0), -1); // velocity 0 = note-off
        in.send(new ShortMessage(ShortMessage.NOTE_OFF, 9, 38, 64), -1);
        in.send(new ShortMessage(ShortMessage.CONTROL_CHANGE, 9, 64, 127), -1);
        in.send(new SysexMessage(new byte[] {(byte) 0xF0, 0x7E, (byte) 0xF7}, 3), -1);
        clock.advance(1_234);
        in.send(new ShortMessage(ShortMessage.NOTE_ON, 9, 38, 64), -1);

        assertThat(taps).hasSize(2);
        assertThat(taps.get(0).timeNanos()).isEqualTo(Long.MAX_VALUE - 10);
        assertThat(taps.get(0).strength()).isEqualTo(1.0);
        assertThat(taps.get(0).source()).isEqualTo(OnsetSource.MIDI);
        assertThat(taps.get(1).timeNanos()).isEqualTo(Long.MAX_VALUE - 10 + 500_001_234L);
        assertThat(taps.get(1).strength()).isEqualTo(64 / 127.0);
        assertThat(in.tapCount()).isEqualTo(2);
    }

    @Test
    void shouldAcceptAnyChannelWhenAsked() throws Exception {
        List<Onset> taps = new ArrayList<>();
        MidiTapInput in = new MidiTapInput(() -> 5L, taps::add, MidiTapInput.ANY, 0, 127);
        for (int ch = 0; ch < 16; ch++) {
            in.send(new ShortMessage(ShortMessage.NOTE_ON, ch, 40 + ch, 90), -1);
        }
        assertThat(taps).hasSize(16).allSatisfy(o -> assertThat(o.timeNanos()).isEqualTo(5L));
    }

    @Test
    void shouldRejectBadFilters() {
        assertThatThrownBy(() -> new MidiTapInput(() -> 0L, o -> { }, 17, 0, 127))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("17");
        assertThatThrownBy(() -> new MidiTapInput(() -> 0L, o -> { }, 1, 60, 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("60..40");
    }
}
