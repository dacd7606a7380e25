package org.entrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sound.sampled.LineUnavailableException;
import org.entrain.audio.InputSpec;
import org.entrain.calibration.LatencyCalibrator;
import org.entrain.calibration.LineMarkerPlayer;
import org.entrain.calibration.MarkerAnalysis;
import org.entrain.clock.SystemNanoClock;
import org.entrain.onset.Calibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entrain calibrate}: output-to-input latency with marker bursts. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measure the output-to-input latency with marker bursts; print the latency, its spread and the clock drift.",
                "Plays marker bursts (three 15 ms bursts, 200-340 Hz, 280 and 230 ms apart) through an output and captures "
                        + "them on an input.",
                "Hold the microphone where the taps will be, speakers at session volume."})
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "NAME", defaultValue = "default", description = "input device (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--output", paramLabel = "NAME", defaultValue = "default", description = "output device (default: ${DEFAULT-VALUE})")
    String output;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "44100", description = "sample rate, 44100 or 48000 (default: ${DEFAULT-VALUE})")
    float rate;

    @Option(names = "--channel", paramLabel = "N", defaultValue = "1", description = "input channel, from 1 (default: ${DEFAULT-VALUE})")
    int channel;

    @Option(names = "--channels", paramLabel = "N", defaultValue = "1", description = "input channels to open (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--markers", paramLabel = "N", defaultValue = "5", description = "markers, 1 s apart, 1..100 (default: ${DEFAULT-VALUE})")
    int markers;

    @Option(names = "--max-latency", paramLabel = "MS", defaultValue = "1000", description = "largest latency searched, 1..2000 ms (default: ${DEFAULT-VALUE})")
    double maxLatency;

    @Option(names = "--out", paramLabel = "FILE", description = "write the calibration here (for 'entrain detect --calibration' and sessions)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, LineUnavailableException {
        if (rate != 44_100f && rate != 48_000f) {
            throw new IllegalArgumentException("--rate must be 44100 or 48000, was " + rate);
        }
        if (channel < 1) {
            throw new IllegalArgumentException("--channel must be 1 or more, was " + channel);
        }
        if (!(maxLatency >= 1 && maxLatency <= 2000)) {
            throw new IllegalArgumentException("--max-latency must be between 1 and 2000 ms, was " + maxLatency);
        }
        if (markers < 1 || markers > 100) {
            throw new IllegalArgumentException("--markers must be between 1 and 100, was " + markers);
        }
        InputSpec in = new InputSpec(input, channels, channel - 1, rate, 256);
        MarkerAnalysis.Result r = LatencyCalibrator.measure(in, new LineMarkerPlayer(output, SystemNanoClock.INSTANCE),
                markers, SystemNanoClock.INSTANCE, maxLatency);
        Calibration c = r.calibration();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "latency %.3f ms, spread %.3f ms over %d markers, drift %.1f ppm%n",
                c.latencyNanos() / 1e6, c.spreadNanos() / 1e6, c.markers(), c.driftPpm());
        long[] l = r.latenciesNanos();
        for (int i = 0; i < l.length; i++) {
            o.printf(Locale.ROOT, "  marker %d: %.3f ms (correlation %.3f)%n", i + 1, l[i] / 1e6, r.scores()[i]);
        }
        o.println("measured from the output line's reported play position to the input's mapped time;"
                + " PulseAudio null sinks measure PulseAudio, not a sound card");
        if (out != null) {
            Files.write(out, List.of("# entrain calibrate, output " + output + ", input " + input, c.format()), StandardCharsets.UTF_8);
            o.println("written to " + out);
        }
        o.flush();
        return 0;
    }
}
