package org.entrain.bench.midi;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequencer;
import org.entrain.clock.SystemNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.MidiFiles;
import org.entrain.midi.PortCueSink;
import org.entrain.midi.RecordingReceiver;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CueEngine;
import org.entrain.schedule.CueEvent;
import org.entrain.schedule.CuePlanner;
import org.entrain.schedule.WaitStrategies;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;

/**
 * Hardware-path lateness: the same plan (a ramp 100 -> 140 bpm with sixteenth-note subdivisions)
 * sent to a {@link RecordingReceiver} that stands in for a MIDI port, first by the cue engine
 * through {@link PortCueSink} (each wait strategy), then by the JDK's real-time sequencer playing
 * the plan's MIDI file, in one run. Lateness = arrival of each note-on minus its planned time;
 * for the sequencer the planned times start when {@code start()} returns, and its figures are also
 * given with the median removed (its constant start offset). Not thread safe (a main method).
 *
 * <pre>{@code
 * java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED \
 *      -cp benchmarks/target/benchmarks.jar org.entrain.bench.midi.HardwarePathLateness [seconds]
 * }</pre>
 */
public final class HardwarePathLateness {

    private HardwarePathLateness() {
    }

    /**
     * Runs the measurement.
     *
     * @param args optional: seconds per run (default 45)
     * @throws Exception if the sequencer is unavailable
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 45;
        TempoMap map = TempoMap.builder(100).then(TempoChange.rampTo(RampShape.LINEAR, 140, Length.seconds(seconds))).build();
        Pattern pattern = Pattern.builder().accents(1).subdivide(4).build();
        List<CueEvent> plan = CuePlanner.plan(map, pattern, Length.seconds(seconds));
        System.out.printf(Locale.ROOT, "%d cues over %.0f s; JDK %s; %d CPUs%n", plan.size(), seconds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (String wait : new String[] {"park-then-spin", "park"}) {
            RecordingReceiver r = new RecordingReceiver(SystemNanoClock.INSTANCE, 4 * plan.size() + 16);
            CueEngine engine = CueEngine.builder().tempoMap(map).pattern(pattern).end(Length.seconds(seconds))
                    .sink(PortCueSink.open("recorder", r, CueSounds.defaults(), 0))
                    .waitStrategy(WaitStrategies.named(wait)).leadInNanos(200_000_000).build();
            engine.start();
            engine.awaitFinished((long) seconds + 10, TimeUnit.SECONDS);
            report("engine, " + wait, lateness(r, plan, engine.originNanos()), false);
        }

        report("JDK Sequencer", sequencer(map, pattern, plan), true);
        // The same with one tempo: the sequencer's drift through a ramp comes from its tempo events.
        TempoMap constant = TempoMap.constant(120);
        List<CueEvent> flat = CuePlanner.plan(constant, pattern, Length.seconds(seconds));
        report("JDK Sequencer, constant tempo", sequencer(constant, pattern, flat), true);
    }

    private static long[] sequencer(TempoMap map, Pattern pattern, List<CueEvent> plan) throws Exception {
        RecordingReceiver r = new RecordingReceiver(SystemNanoClock.INSTANCE, 4 * plan.size() + 16);
        Sequencer seq = MidiSystem.getSequencer(false);
        seq.open();
        seq.getTransmitter().setReceiver(r);
        seq.setSequence(MidiFiles.toSequence(map, pattern.meter(), plan, CueSounds.defaults(), null));
        seq.start();
        long t0 = System.nanoTime();
        while (seq.isRunning()) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        seq.close();
        return lateness(r, plan, t0);
    }

    private static long[] lateness(RecordingReceiver r, List<CueEvent> plan, long origin) {
        long[] late = new long[plan.size()];
        int k = 0;
        for (int i = 0; i < r.count() && k < late.length; i++) {
            if ((r.status(i) & 0xF0) == 0x90 && r.data2(i) > 0) {
                late[k] = r.nanos(i) - (origin + plan.get(k).timeNanos());
                k++;
            }
        }
        if (k != late.length) {
            System.out.println("WARNING: " + k + " note-ons for " + late.length + " cues");
        }
        return Arrays.copyOf(late, k);
    }

    private static void report(String name, long[] late, boolean alsoCentered) {
        long[] s = late.clone();
        Arrays.sort(s);
        int tenth = Math.max(1, late.length / 10);
        double first = 0;
        double last = 0;
        for (int i = 0; i < tenth; i++) {
            first += late[i];
            last += late[late.length - 1 - i];
        }
        double driftMs = (last - first) / tenth / 1e6;
        System.out.printf(Locale.ROOT, "%-30s n=%d  lateness us: min %.1f  p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f"
                        + "  (drift first->last tenth %.2f ms)%n",
                name, s.length, s[0] / 1e3, pct(s, 50) / 1e3, pct(s, 99) / 1e3, pct(s, 99.9) / 1e3, s[s.length - 1] / 1e3,
                driftMs);
        if (alsoCentered) {
            long med = pct(s, 50);
            long[] abs = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                abs[i] = Math.abs(s[i] - med);
            }
            Arrays.sort(abs);
            System.out.printf(Locale.ROOT, "%-30s |lateness - median| us: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                    name + " (centered)", pct(abs, 50) / 1e3, pct(abs, 99) / 1e3, pct(abs, 99.9) / 1e3,
                    abs[abs.length - 1] / 1e3);
        }
    }

    private static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
