package org.entrain.bench.midi;

import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import org.entrain.midi.CueSounds;
import org.entrain.midi.PortCueSink;
import org.entrain.clock.ManualNanoClock;
import org.entrain.midi.OfflineCueSink;
import org.entrain.midi.SynthCueSink;
import org.entrain.pattern.Voice;
import org.entrain.schedule.Cue;
import org.entrain.schedule.MutableCue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost and allocation of one cue in the MIDI sinks (message fill + send to a receiver that only
 * consumes the bytes). Run with the GC profiler to see {@code gc.alloc.rate.norm} (~0 B/op):
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar MidiSinkAllocation -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MidiSinkAllocation {

    private PortCueSink port;
    private SynthCueSink synth;
    private OfflineCueSink offline;
    private final ManualNanoClock clock = new ManualNanoClock(0);
    private final MutableCue cue = new MutableCue();
    private long t;

    /** Creates the state (JMH). */
    public MidiSinkAllocation() {
    }

    /**
     * Builds the sinks on a consuming receiver.
     *
     * @param bh the blackhole the receiver feeds
     */
    @Setup
    public void setUp(Blackhole bh) {
        Receiver r = new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                bh.consume(message.getStatus());
                bh.consume(timeStamp);
            }

            @Override
            public void close() {
            }
        };
        port = PortCueSink.open("bench", r, CueSounds.defaults(), 0);
        // The live sink on a manual clock, its device clock following the engine clock (drift 0):
        // the per-cue path with drift tracking.
        synth = SynthCueSink.timed(r, CueSounds.defaults(), clock, () -> clock.nanoTime() / 1000, 0, 10_000_000);
        offline = OfflineCueSink.of(r, CueSounds.defaults(), 0);
    }

    /**
     * Baseline: filling the cue slot only.
     *
     * @return the slot
     */
    @Benchmark
    public Cue baseline() {
        t += 250_000_000;
        return cue.set(1, 0, 1, 0, -1, 1, t, t, 120, Voice.BEAT, 90);
    }

    /** One cue through the hardware-port sink. */
    @Benchmark
    public void portSink() {
        t += 250_000_000;
        port.onCue(cue.set(1, 0, 1, 0, -1, 1, t, t, 120, Voice.BEAT, 90));
    }

    /** One cue through the live timestamped synth sink (drift tracking included). */
    @Benchmark
    public void synthSink() {
        t += 250_000_000;
        clock.set(t - 20_000_000);
        synth.onCue(cue.set(1, 0, 1, 0, -1, 1, t, t, 120, Voice.BEAT, 90));
    }

    /** One cue through the offline sink. */
    @Benchmark
    public void offlineSink() {
        t += 250_000_000;
        offline.onCue(cue.set(1, 0, 1, 0, -1, 1, t, t, 120, Voice.BEAT, 90));
    }
}
