package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.entrain.pattern.Meter;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiFilesTest {

    @TempDir
    Path dir;

    private static List<long[]> noteOns(Track track) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < track.size(); i++) {
            MidiEvent e = track.get(i);
            if (e.getMessage() instanceof ShortMessage) {
                ShortMessage m = (ShortMessage) e.getMessage();
                if (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) {
                    out.add(new long[] {e.getTick(), m.getData1(), m.getData2(), m.getChannel()});
                }
            }
        }
        return out;
    }

    private Sequence roundTrip(TempoMap map, Meter meter, List<CueEvent> cues, double[] taps) throws Exception {
        Path f = dir.resolve("p.mid");
        MidiFiles.write(map, meter, cues, CueSounds.defaults(), taps, f);
        return MidiSystem.getSequence(f.toFile());
    }

    private static void assertCueTimes(Sequence s, List<CueEvent> cues, double toleranceMicros) {
        SmfTiming timing = SmfTiming.of(s);
        List<long[]> ons = noteOns(s.getTracks()[1]);
        assertThat(ons).hasSameSizeAs(cues);
        for (int i = 0; i < cues.size(); i++) {
            CueEvent c = cues.get(i);
            assertThat(timing.micros(ons.get(i)[0])).as("cue %d", i).isCloseTo(c.timeNanos() / 1e3,
                    org.assertj.core.data.Offset.offset(toleranceMicros));
            assertThat(ons.get(i)[1]).isEqualTo(CueSounds.defaults().of(c.voice()).note());
            assertThat(ons.get(i)[2]).isEqualTo(c.velocity());
            assertThat(ons.get(i)[3]).isEqualTo(9);
        }
    }

    @Test
    void shouldReadBackEveryCueOfARampWithinAMicrosecond() throws Exception {
        for (RampShape shape : RampShape.values()) {
            TempoMap map = TempoMap.builder(72).then(TempoChange.rampTo(shape, 131, Length.bars(12))).build();
            Pattern p = Pattern.builder().subdivide(3).accents(1, 3).build();
            List<CueEvent> cues = CuePlanner.plan(map, p, Length.bars(16));
            Sequence s = roundTrip(map, Meter.COMMON, cues, null);
            assertThat(s.getResolution()).isEqualTo(MidiFiles.PPQ);
            assertCueTimes(s, cues, 1.0);
            // the JDK's own tick -> time (tempo events of track 0) agrees while under 2^31 us
            assertThat((double) s.getMicrosecondLength()).isCloseTo(SmfTiming.of(s).micros(s.getTickLength()),
                    org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void shouldPutATempoEventAtTickZeroAndOneMorePerBeatInARamp() throws Exception {
        TempoMap map = TempoMap.builder(60).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.bars(4))).build();
        List<CueEvent> cues = CuePlanner.plan(map, Pattern.defaults(), Length.bars(8));
        Sequence s = roundTrip(map, Meter.COMMON, cues, null);
        List<Long> tempoTicks = new ArrayList<>();
        Track t0 = s.getTracks()[0];
        for (int i = 0; i < t0.size(); i++) {
            if (t0.get(i).getMessage() instanceof MetaMessage && ((MetaMessage) t0.get(i).getMessage()).getType() == 0x51) {
                tempoTicks.add(t0.get(i).getTick());
            }
        }
        assertThat(tempoTicks.get(0)).isZero();
        for (int beat = 0; beat < 16; beat++) {
            assertThat(tempoTicks).contains((long) beat * MidiFiles.PPQ);
        }
        assertThat(s.getTracks()[1].size()).isGreaterThan(2 * cues.size());
        // constant 120 bpm afterwards: no more tempo events after the ramp's last beat (beat 16)
        assertThat(tempoTicks.get(tempoTicks.size() - 1)).isLessThanOrEqualTo(16L * MidiFiles.PPQ);
    }

    @Test
    void shouldReadBackAFortyMinuteRampWithinOneMillisecond() throws Exception {
        TempoMap map = TempoMap.builder(60).then(TempoChange.rampTo(RampShape.LINEAR, 100, Length.seconds(2400))).build();
        List<CueEvent> cues = CuePlanner.plan(map, Pattern.builder().subdivide(2).build(), Length.seconds(2460));
        assertThat(cues.get(cues.size() - 1).timeSeconds()).isGreaterThan(40 * 60);
        Sequence s = roundTrip(map, Meter.COMMON, cues, null);
        assertCueTimes(s, cues, 1.0);
        // the JDK's own reading overflows past 2^31 us; ours does not
        assertThat(SmfTiming.of(s).micros(s.getTickLength())).isGreaterThan(2400e6);
    }

    @Test
    void shouldWriteEighthNoteBeatsWithTheirQuarterNoteTempo() throws Exception {
        TempoMap map = TempoMap.builder(180).beatsPerBar(6).then(TempoChange.rampTo(RampShape.EXPONENTIAL, 150, Length.bars(3))).build();
        Pattern p = Pattern.builder().meter(Meter.of(6, 8)).accents(1, 4).build();
        List<CueEvent> cues = CuePlanner.plan(map, p, Length.bars(5));
        Sequence s = roundTrip(map, Meter.of(6, 8), cues, null);
        assertCueTimes(s, cues, 1.0);
        List<long[]> ons = noteOns(s.getTracks()[1]);
        assertThat(ons.get(1)[0]).as("an eighth-note beat is half a quarter").isEqualTo(MidiFiles.PPQ / 2);
    }

    @Test
    void shouldPutTapsOnTheirOwnTrack() throws Exception {
        TempoMap map = TempoMap.builder(90).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.seconds(30))).build();
        List<CueEvent> cues = CuePlanner.plan(map, Pattern.defaults(), Length.seconds(40));
        double[] taps = new double[cues.size()];
        for (int i = 0; i < taps.length; i++) {
            taps[i] = cues.get(i).timeSeconds() - 0.0234 + 0.001 * (i % 7);
        }
        taps[0] = 0.0;
        Sequence s = roundTrip(map, Meter.COMMON, cues, taps);
        assertThat(s.getTracks()).hasSize(3);
        SmfTiming timing = SmfTiming.of(s);
        List<long[]> tapOns = noteOns(s.getTracks()[2]);
        assertThat(tapOns).hasSize(taps.length);
        for (int i = 0; i < taps.length; i++) {
            assertThat(timing.micros(tapOns.get(i)[0]) / 1e6).isCloseTo(taps[i], org.assertj.core.data.Offset.offset(0.001));
            assertThat(tapOns.get(i)[1]).isEqualTo(MidiFiles.TAP_NOTE);
            assertThat(tapOns.get(i)[3]).isEqualTo(MidiFiles.TAP_CHANNEL - 1);
        }
    }

    @Test
    void shouldRejectATempoTooSlowForATempoEvent() {
        TempoMap map = TempoMap.constant(2);
        List<CueEvent> cues = CuePlanner.plan(map, Pattern.defaults(), Length.beats(3));
        assertThatThrownBy(() -> MidiFiles.toSequence(map, Meter.COMMON, cues, CueSounds.defaults(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16777215");
    }
}
