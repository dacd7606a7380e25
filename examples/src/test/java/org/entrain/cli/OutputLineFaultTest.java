package org.entrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.SoftSynth;
import org.entrain.midi.SynthCueSink;
import org.entrain.midi.SynthSettings;
import org.entrain.onset.Calibration;
import org.entrain.onset.DetectorSettings;
import org.entrain.audio.FileCaptureLine;
import org.entrain.audio.InputSpec;
import org.entrain.session.EndReason;
import org.entrain.session.MicrophoneInput;
import org.entrain.session.Session;
import org.entrain.session.SessionCompanion;
import org.entrain.session.SessionFiles;
import org.entrain.session.SessionLogReader;
import org.entrain.session.SessionRecord;
import org.entrain.session.SessionResult;
import org.entrain.tempo.Length;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The software synth's audio line fails mid-session (the real Gervill synth playing into a line
 * over a real file, {@link FileOutputLine}, that throws, closes itself or stops taking audio after
 * 1.5 s; a real microphone input over a real recording, {@link FileCaptureLine}): with no other
 * output nothing sounds any more, so the session stops cleanly, says why in one line, and the log
 * (every cue sent before the fault, the device line) and the recording are complete and open.
 */
class OutputLineFaultTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FileOutputLine.Fault.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStopCleanlyAndSayWhyWhenTheSynthsOnlyLineFails(FileOutputLine.Fault fault) throws Exception {
        SynthSettings settings = SynthSettings.defaults();
        long faultFrame = Math.round(1.5 * settings.sampleRate());
        FileOutputLine line = new FileOutputLine(dir.resolve("line.pcm"), fault, faultFrame);
        SessionResult r = run(settings, line, folder());
        System.out.println("synth line " + fault + ": " + r.reason() + ", " + r.cuesSent() + " cues, warnings " + r.warnings());

        String why = switch (fault) {
            case THROW -> "its audio line failed: device unplugged";
            case CLOSE -> "its audio line closed";
            case REFUSE -> "its audio line stopped taking audio";
        };
        assertThat(r.reason()).isEqualTo(EndReason.FAILED);
        assertThat(r.warnings()).contains("output 'software synth' failed (" + why + "); no output is left: the session stops");
        assertThat(line.frames()).as("frames the line took before the fault").isBetween(faultFrame, faultFrame + 44_100);
        // the synth played cues into the line before it failed
        byte[] pcm = Files.readAllBytes(dir.resolve("line.pcm"));
        assertThat(pcm).hasSize((int) (line.frames() * 4));
        ByteBuffer bb = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        int peak = 0;
        while (bb.remaining() >= 2) {
            peak = Math.max(peak, Math.abs(bb.getShort()));
        }
        assertThat(peak).as("peak of the audio played before the fault").isGreaterThan(3000);

        Path folder = folder();
        SessionRecord rec = SessionLogReader.read(folder.resolve(SessionFiles.LOG));
        assertThat(rec.closedCleanly()).isTrue();
        assertThat(rec.events()).anyMatch(e -> e.type().equals("device") && e.description().contains(why));
        List<?> cues = rec.analysisCues();
        assertThat(cues).as("cues before the fault (at 1.5 s of a 4 s session)").isNotEmpty().hasSizeLessThan(16);
        try (AudioInputStream a = AudioSystem.getAudioInputStream(folder.resolve(SessionFiles.RECORDING).toFile())) {
            assertThat(a.getFrameLength()).as("the microphone's recording, whole").isPositive();
            assertThat(a.readAllBytes()).hasSize((int) (2 * a.getFrameLength()));
        }
    }

    private Path folder() {
        return dir.resolve("s");
    }

    /** A 4 s session at 240 bpm on the real synth over a given line, with a microphone over a real recording. */
    private static SessionResult run(SynthSettings settings, javax.sound.sampled.SourceDataLine line, Path folder) throws Exception {
        SoftSynth synth = SoftSynth.openLive(settings, line);
        SynthCueSink sink = SynthCueSink.live(synth, CueSounds.defaults(), SystemNanoClock.INSTANCE,
                SynthCueSink.estimatedOutputLatencyNanos(synth), SynthCueSink.recommendedMarginNanos(synth));
        FileCaptureLine micLine = new FileCaptureLine("/org/entrain/onset/hits/colombo-snare-shot2.wav", 11_025,
                SystemNanoClock.INSTANCE, FileCaptureLine.Fault.NONE, 0);
        Session s = Session.builder().folder(folder).tempo(240).end(Length.bars(4)).countIn(0)
                .output("software synth", sink)
                .companion(new SessionCompanion() {
                    @Override
                    public void close() {
                        synth.close();
                    }

                    @Override
                    public String describe() {
                        return "software synth";
                    }
                })
                .input(new MicrophoneInput(InputSpec.defaultInput().withSampleRate(44_100), DetectorSettings.taps(), null,
                        Calibration.NONE, micLine))
                .build();
        s.start();
        assertThat(s.awaitEnd(40, TimeUnit.SECONDS)).isTrue();
        return s.result();
    }

    /**
     * The same with a real PulseAudio line that the system takes away mid-session (closed from
     * another thread 1.5 s in): the synth's watch finds it, and the session stops as above.
     */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Tag("real-audio")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStopCleanlyWhenARealAudioLineIsTakenAway() throws Exception {
        SynthSettings settings = SynthSettings.defaults();
        javax.sound.sampled.SourceDataLine real = AudioSystem.getSourceDataLine(SoftSynth.liveFormat(settings));
        Thread taker = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            real.close();
        }, "takes-the-line-away");
        taker.setDaemon(true);
        taker.start();
        SessionResult r = run(settings, real, folder());
        System.out.println("real line taken away: " + r.reason() + ", " + r.cuesSent() + " cues, warnings " + r.warnings());
        assertThat(r.reason()).isEqualTo(EndReason.FAILED);
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.warnings().get(0)).matches("output 'software synth' failed \\(its audio line (closed|stopped taking audio)\\); "
                + "no output is left: the session stops");
        SessionRecord rec = SessionLogReader.read(folder().resolve(SessionFiles.LOG));
        assertThat(rec.closedCleanly()).isTrue();
        assertThat(rec.analysisCues()).isNotEmpty().hasSizeLessThan(16);
    }
}
