package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import org.entrain.clock.SystemNanoClock;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueSink;
import org.entrain.session.EndReason;
import org.entrain.session.Session;
import org.entrain.tempo.Length;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session's MIDI clock ({@code --clock-out}) runs on the engine's dispatcher thread, not a thread of its own. */
class SessionClockOutTest {

    @Test
    @Timeout(30)
    void shouldSendTheSessionsClockFromTheDispatcherThread() throws Exception {
        RecordingReceiver port = new RecordingReceiver(SystemNanoClock.INSTANCE, 10_000);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicBoolean released = new AtomicBoolean();
        Receiver watched = new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                threads.add(Thread.currentThread().getName());
                port.send(message, timeStamp);
            }

            @Override
            public void close() {
                port.close();
            }
        };
        Session.Builder b = Session.builder().tempo(600).countIn(0).end(Length.bars(2)).folder(null)
                .tailNanos(50_000_000L).output("no sound", (CueSink) cue -> { });
        SessionOutputs.ClockCompanion c = SessionOutputs.addClock(b, watched, "test port", () -> released.set(true),
                Pattern.defaults(), 0, SystemNanoClock.INSTANCE);
        Session s = b.build();
        s.start();
        assertThat(s.awaitEnd(20, TimeUnit.SECONDS)).isTrue();

        assertThat(s.result().reason()).isEqualTo(EndReason.COMPLETED);
        assertThat(threads).as("every clock message from the dispatcher").containsExactly("entrain-dispatcher");
        assertThat(port.status(0)).as("Start first").isEqualTo(0xFA);
        assertThat(port.status(port.count() - 1)).as("Stop at the end").isEqualTo(0xFC);
        // 2 bars of 4 beats: the pulses up to the last cue (beat 7) went out, 24 a beat
        assertThat(c.clockOut().pulsesSent()).isGreaterThanOrEqualTo(7 * 24 + 1);
        for (int i = 1; i < port.count() - 1; i++) {
            assertThat(port.status(i)).isEqualTo(0xF8);
        }
        assertThat(released).isTrue();
    }
}
