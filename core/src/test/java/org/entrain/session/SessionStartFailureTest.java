package org.entrain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.entrain.clock.NanoClock;
import org.entrain.onset.OnsetListener;
import org.entrain.schedule.Cue;
import org.entrain.schedule.CueSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session whose input cannot open releases what it was given (a front end may try again at once). */
class SessionStartFailureTest {

    @TempDir
    Path dir;

    @Test
    void shouldCloseTheCompanionsAndTheLogWhenTheInputCannotStart() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        Session s = Session.builder().folder(dir.resolve("s")).tempo(100)
                .output("nowhere", new CueSink() {
                    @Override
                    public void onCue(Cue cue) {
                    }
                })
                .companion(new SessionCompanion() {
                    @Override
                    public void close() {
                        closed.incrementAndGet();
                    }

                    @Override
                    public String describe() {
                        return "test device";
                    }
                })
                .input(new TapInput() {
                    @Override
                    public String describe() {
                        return "a microphone that is not there";
                    }

                    @Override
                    public void start(NanoClock clock, OnsetListener onsets, AudioSink audio) throws IOException {
                        throw new IOException("no audio input named 'gone'");
                    }

                    @Override
                    public void stop() {
                    }
                })
                .build();
        Throwable t = catchThrowable(s::start);
        assertThat(t).isInstanceOf(IOException.class).hasMessage("no audio input named 'gone'");
        assertThat(closed.get()).isEqualTo(1);
        assertThat(SessionLogReader.read(dir.resolve("s").resolve(SessionFiles.LOG)).header().devices())
                .containsEntry("input", "a microphone that is not there");
    }
}
