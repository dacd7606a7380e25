package org.entrain.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import org.entrain.pattern.Pattern;
import org.entrain.schedule.CuePlanner;
import org.entrain.tempo.Length;
import org.entrain.tempo.RampShape;
import org.entrain.tempo.TempoChange;
import org.entrain.tempo.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Fuzzes the reading of Standard MIDI Files as the project reads them ({@link MidiSystem#getSequence}
 * then {@link SmfTiming}): the project's own SMF (a tempo ramp, cues and taps) mutated at the byte
 * level (wrong headers, huge or zero chunk lengths, divisions, tempo values, truncation). The
 * JDK parser may refuse with {@link InvalidMidiDataException} or {@link IOException}; whatever it
 * accepts, {@link SmfTiming} times without throwing. 10 000 cases ({@code -Dentrain.fuzz.examples}).
 */
class SmfFuzzTest {

    static final int EXAMPLES = Integer.getInteger("entrain.fuzz.examples", 10_000);

    static byte[] smf() throws IOException {
        TempoMap map = TempoMap.builder(90).then(TempoChange.rampTo(RampShape.LINEAR, 120, Length.beats(8))).build();
        Pattern pattern = Pattern.builder().build();
        Sequence s = MidiFiles.toSequence(map, pattern.meter(), CuePlanner.plan(map, pattern, Length.bars(3)), CueSounds.defaults(),
                new double[] {0.01, 0.65, 1.3});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MidiSystem.write(s, 1, out);
        return out.toByteArray();
    }

    static byte[] mutate(byte[] base, List<int[]> ops, int cut) {
        byte[] b = base.clone();
        int[] extremes = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF, 0x7FFF, 0x8000};
        for (int[] o : ops) {
            int p = Math.min(o[1], b.length - 1);
            if (o[0] == 0) {
                b[p] = (byte) o[2];
            } else {
                int v = extremes[o[2] % extremes.length];
                int n = o[0] == 1 ? 4 : 2;
                for (int i = 0; i < n && p + i < b.length; i++) {
                    b[p + i] = (byte) (v >>> (8 * (n - 1 - i)));
                }
            }
        }
        return cut < 0 || cut >= b.length ? b : java.util.Arrays.copyOf(b, cut);
    }

    static String check(byte[] bytes) {
        Sequence s;
        try {
            s = MidiSystem.getSequence(new ByteArrayInputStream(bytes));
        } catch (InvalidMidiDataException | IOException e) {
            return "refused by the JDK";
        }
        SmfTiming t = SmfTiming.of(s);
        assertThat(t.tempoEventCount()).isPositive();
        double us = t.micros(Math.max(0, s.getTickLength()));
        assertThat(Double.isNaN(us) && s.getDivisionType() == Sequence.PPQ).as("NaN time in a PPQ file").isFalse();
        return "read";
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldTimeWhateverTheJdkReadsOfAMutatedFile() throws IOException {
        byte[] base = smf();
        Gen<Integer> pos = Generate.frequency(Pair.of(3, Generate.range(0, 40)), Pair.of(1, Generate.range(0, base.length - 1)));
        Gen<int[]> op = integers().between(0, 2).zip(pos, integers().between(0, 255), (k, p, v) -> new int[] {k, p, v});
        Gen<Integer> cut = Generate.frequency(Pair.of(3, Generate.constant(-1)), Pair.of(1, Generate.range(0, base.length)));
        Gen<byte[]> files = lists().of(op).ofSizeBetween(0, 5).zip(cut, (o, c) -> mutate(base, o, c));
        Map<String, Integer> outcomes = new TreeMap<>();
        AtomicInteger n = new AtomicInteger();
        for (int round = 0; round < 5 && n.get() < EXAMPLES; round++) {
            QuickTheory.qt().withFixedSeed(0x5EED_0013L + 7919L * round).withExamples(EXAMPLES - n.get()).forAll(files)
                    .checkAssert(b -> {
                        outcomes.merge(check(b), 1, Integer::sum);
                        n.incrementAndGet();
                    });
        }
        System.out.println("FUZZ SMF files, mutated: " + n.get() + " cases: " + outcomes);
        assertThat(n.get()).isGreaterThanOrEqualTo(EXAMPLES);
    }
}
