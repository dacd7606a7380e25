package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.entrain.clock.ManualNanoClock;
import org.entrain.clock.NanoClock;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetListener;
import org.entrain.onset.OnsetSource;
import org.entrain.schedule.ChangeAt;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Live tempo changes in virtual time: taps are matched with the cues the output was actually sent
 * after each change (the re-planned times), not with the plan before it, for changes from now and
 * from the next bar.
 */
class LiveTempoMatchTest {

    /** The output and the client in one: records what the output was sent; the client taps each beat heard {@code asyncMs} off. */
    static final class HeardSink implements CueSink {
        final List<Long> beats = new ArrayList<>();

        @Override
        public long advanceNanos() {
            return 150_000_000L;
        }

        @Override
        public void onCue(Cue cue) {
            if (cue.sub() == 0 && cue.layer() == Cue.MAIN_GRID) {
                beats.add(cue.deadlineNanos());
            }
        }
    }

    static final class Client implements TapInput {
        final HeardSink heard;
        final long asyncNanos;
        OnsetListener out;
        int next;

        Client(HeardSink heard, long asyncNanos) {
            this.heard = heard;
            this.asyncNanos = asyncNanos;
        }

        @Override
        public String describe() {
            return "client tapping the output's cues";
        }

        @Override
        public void start(NanoClock clock, OnsetListener onsets, AudioSink audio) {
            out = onsets;
        }

        @Override
        public void advanceTo(long nanos) {
            while (next < heard.beats.size() && heard.beats.get(next) + asyncNanos <= nanos) {
                out.onOnset(new Onset(heard.beats.get(next) + asyncNanos, 0.5, OnsetSource.FILE, 0));
                next++;
            }
        }

        @Override
        public void stop() {
        }
    }

    @ParameterizedTest
    @EnumSource(ChangeAt.class)
    @Timeout(60)
    void shouldMatchTapsWithTheCuesSentAfterALiveChange(ChangeAt at) throws IOException {
        ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
        HeardSink sink = new HeardSink();
        Client client = new Client(sink, -7_000_000L);
        List<SessionTap> taps = new ArrayList<>();
        Session[] self = new Session[1];
        Session s = Session.builder().clock(clock).virtualTime(1_000_000L).tempo(120).countIn(0)
                .end(org.entrain.tempo.Length.bars(10)).output("heard", sink).input(client)
                .listener(new SessionListener() {
                    int changes;

                    @Override
                    public void onCue(SessionCue c) {
                        if (c.bar() >= 2 && c.bar() <= 6 && c.beat() == 1 && c.sub() == 0) {
                            self[0].nudgeTempo(changes++ % 2 == 0 ? +1 : +5, at);
                        }
                    }

                    @Override
                    public void onTap(SessionTap t) {
                        taps.add(t);
                    }
                }).build();
        self[0] = s;
        s.runVirtual();
        // the changes took effect: 120 -> 121 -> 126 -> 127 -> 132 -> 133 bpm, re-planned from a beat or a bar on
        List<Long> beats = sink.beats;
        assertThat(beats.get(1) - beats.get(0)).isEqualTo(500_000_000L);
        assertThat(beats.get(beats.size() - 1) - beats.get(beats.size() - 2)).isCloseTo(Math.round(60e9 / 133),
                org.assertj.core.data.Offset.offset(2L));
        // every beat the output was sent was tapped once and matched with that very cue
        assertThat(taps).hasSize(beats.size());
        assertThat(taps).allSatisfy(t -> {
            assertThat(t.matched()).as("tap at %d matched", t.timeNanos()).isTrue();
            assertThat(t.asynchronyMs()).as("tap at %d", t.timeNanos()).isCloseTo(-7.0, org.assertj.core.data.Offset.offset(1e-3));
        });
    }

    /** Taps 30 ms before each beat, predicted from the first cue and the tempo (as a client anticipates). */
    static final class Anticipating implements TapInput {
        final long ioi;
        OnsetListener out;
        long first = Long.MIN_VALUE;
        long next;
        int count;

        Anticipating(long ioi) {
            this.ioi = ioi;
        }

        @Override
        public String describe() {
            return "client tapping 30 ms ahead";
        }

        @Override
        public void start(NanoClock clock, OnsetListener onsets, AudioSink audio) {
            out = onsets;
        }

        @Override
        public void cue(long soundNanos, org.entrain.pattern.Voice voice, int velocity) {
            if (first == Long.MIN_VALUE) {
                first = soundNanos;
                next = first + ioi - 30_000_000L;
            }
        }

        @Override
        public void advanceTo(long nanos) {
            while (first != Long.MIN_VALUE && count < 15 && next <= nanos) {
                out.onOnset(new Onset(next, 0.5, OnsetSource.MIDI, 0));
                next += ioi;
                count++;
            }
        }

        @Override
        public void stop() {
        }
    }

    @org.junit.jupiter.api.Test
    @Timeout(60)
    void shouldMatchATapThatComesBeforeItsCueIsDecided() throws IOException {
        // an output with no advance (a MIDI port without latency): each cue is decided 2 ms before
        // it sounds, 28 ms after the client's tap for it
        ManualNanoClock clock = new ManualNanoClock(0);
        List<SessionTap> taps = new ArrayList<>();
        Session s = Session.builder().clock(clock).virtualTime(1_000_000L).tempo(120).countIn(0)
                .end(org.entrain.tempo.Length.bars(4)).output("port", (CueSink) cue -> { })
                .input(new Anticipating(500_000_000L))
                .listener(new SessionListener() {
                    @Override
                    public void onTap(SessionTap t) {
                        taps.add(t);
                    }
                }).build();
        s.runVirtual();
        assertThat(taps).hasSize(15);
        for (int i = 0; i < taps.size(); i++) {
            assertThat(taps.get(i).cueIndex()).as("tap %d", i).isEqualTo(i + 1);
            assertThat(taps.get(i).asynchronyMs()).isCloseTo(-30.0, org.assertj.core.data.Offset.offset(1e-3));
        }
    }
}
