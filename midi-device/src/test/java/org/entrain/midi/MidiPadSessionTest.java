package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.Sequencer;
import org.entrain.onset.OnsetSource;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.schedule.CueSink;
import org.entrain.schedule.MutableCue;
import org.entrain.session.EndReason;
import org.entrain.session.Session;
import org.entrain.session.SessionCue;
import org.entrain.session.SessionListener;
import org.entrain.session.SessionLogReader;
import org.entrain.session.SessionRecord;
import org.entrain.session.SessionTap;
import org.entrain.tempo.Length;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MIDI pad path with real MIDI messages: the JDK's real-time {@link Sequencer} (a MIDI device
 * with a transmitter) plays a Standard MIDI File written by the project's own writer
 * ({@link MidiFiles}: the session's cues on the percussion channel, a tap track on channel 16)
 * into a live session's {@link MidiPadInput}, which takes only the tap track's note-ons.
 */
class MidiPadSessionTest {

    @Test
    @Timeout(60)
    void shouldMatchTheTapsASequencerPlaysIntoThePadInput(@TempDir Path dir) throws Exception {
        TempoMap map = TempoMap.constant(120);
        Pattern pattern = Pattern.defaults();
        List<CueEvent> cues = new ArrayList<>();
        CuePlanner planner = new CuePlanner(map, pattern, Length.bars(4));
        MutableCue c = new MutableCue();
        while (planner.next(c)) {
            cues.add(c.toEvent());
        }
        // a tap 20 ms before each beat from beat 2 to 15
        double[] taps = new double[14];
        for (int i = 0; i < taps.length; i++) {
            taps[i] = (i + 2) * 0.5 - 0.020;
        }
        Path smf = dir.resolve("taps.mid");
        MidiFiles.write(map, pattern.meter(), cues, CueSounds.defaults(), taps, smf);
        Sequence sequence = MidiSystem.getSequence(smf.toFile());

        Sequencer sequencer = MidiSystem.getSequencer(false);
        sequencer.open();
        sequencer.setSequence(sequence);
        List<SessionTap> heard = new ArrayList<>();
        Session s = Session.builder().tempo(120).countIn(0).end(Length.bars(4)).pattern(pattern).folder(dir.resolve("s"))
                .tailNanos(300_000_000L).output("no sound", (CueSink) cue -> { })
                .input(new MidiPadInput(sequencer, MidiFiles.TAP_CHANNEL, MidiFiles.TAP_NOTE, MidiFiles.TAP_NOTE))
                .listener(new SessionListener() {
                    @Override
                    public void onCue(SessionCue cue) {
                        if (cue.index() == 0) {
                            sequencer.start(); // the file's beat 0 on the session's first cue
                        }
                    }

                    @Override
                    public void onTap(SessionTap t) {
                        heard.add(t);
                    }
                }).build();
        s.start();
        assertThat(s.awaitEnd(30, TimeUnit.SECONDS)).isTrue();
        assertThat(s.result().reason()).isEqualTo(EndReason.COMPLETED);
        assertThat(sequencer.isOpen()).as("the session closed the pad's device").isFalse();

        // only the tap track's 14 note-ons (not the 16 cue notes on channel 10), each matched with its beat
        assertThat(heard).hasSize(14);
        for (int i = 0; i < heard.size(); i++) {
            SessionTap t = heard.get(i);
            assertThat(t.source()).isEqualTo(OnsetSource.MIDI);
            assertThat(t.cueIndex()).as("tap %d", i).isEqualTo(i + 2);
            assertThat(t.asynchronyMs()).isFinite();
        }
        // in engine time, as the log has them
        SessionRecord rec = SessionLogReader.read(dir.resolve("s").resolve("session.jsonl"));
        assertThat(rec.onsets()).extracting(o -> o.timeNanos()).containsExactlyElementsOf(heard.stream().map(SessionTap::timeNanos).toList());
        assertThat(rec.header().devices()).containsEntry("input device", "MIDI " + sequencer.getDeviceInfo().getName());
    }
}
