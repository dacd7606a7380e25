package org.entrain.cli;

import java.nio.file.Path;
import org.entrain.midi.CueSounds;
import org.entrain.midi.SynthSettings;
import picocli.CommandLine.Option;

/** The cue-sound and software-synth options shared by {@code play}, {@code render}, {@code detect} and {@code analyze} (the cancellation references are rendered from them). */
public final class SoundOptions {

    @Option(names = "--sounds", paramLabel = "SPEC",
            description = "voice sounds, e.g. accent=claves,beat=77,sub=hi-hat,layer=1:115:72 (default: "
                    + "accent high-wood-block, beat low-wood-block, sub hi-hat, layer claves; channel 10)")
    String sounds;

    @Option(names = "--soundbank", paramLabel = "FILE", description = "an SF2/DLS soundbank (default: the generated cue kit)")
    Path soundbank;

    @Option(names = "--control-rate", paramLabel = "HZ", defaultValue = "441",
            description = "synth control rate, 10..2000 (default: ${DEFAULT-VALUE}: 100-sample blocks)")
    double controlRate;

    @Option(names = "--reverb", description = "turn the synth's reverb on (default off)")
    boolean reverb;

    @Option(names = "--agc", description = "turn the synth's limiter on (default off; adds one block of latency)")
    boolean agc;

    /**
     * The voice sounds.
     *
     * @return the sounds
     */
    public CueSounds cueSounds() {
        return CueSounds.defaults().parse(sounds);
    }

    /**
     * The synth settings with a line latency.
     *
     * @param latencyMicros the line latency
     * @return the settings
     */
    public SynthSettings settings(long latencyMicros) {
        return SynthSettings.defaults().withControlRate(controlRate).withReverb(reverb).withAutoGainControl(agc)
                .withSoundbank(soundbank).withLatencyMicros(latencyMicros);
    }
}
