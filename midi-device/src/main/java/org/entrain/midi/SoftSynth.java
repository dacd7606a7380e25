package org.entrain.midi;

import com.sun.media.sound.AudioSynthesizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Soundbank;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * An open Gervill software synthesizer with a chosen soundbank: live on the default audio line,
 * or as a stream rendered on demand (offline). Thread safe as Gervill is: {@link #receiver()}
 * may be used from one thread while the audio thread renders.
 *
 * <p>Gervill's {@code AudioSynthesizer} (line, latency and format control, offline streams) is not
 * exported by {@code java.desktop}: start the JVM with {@code --add-exports
 * java.desktop/com.sun.media.sound=ALL-UNNAMED} on the class path, or {@code =org.entrain.midi} on
 * the module path (an executable jar can say {@code Add-Exports: java.desktop/com.sun.media.sound}
 * in its manifest). Without it the open methods throw {@link IllegalStateException} naming the option.
 */
public final class SoftSynth implements AutoCloseable {

    private final AudioSynthesizer synth;
    private final Receiver receiver;
    private final SynthSettings settings;
    private final AudioInputStream stream;
    private volatile WatchedOutputLine line;

    private SoftSynth(AudioSynthesizer synth, SynthSettings settings, AudioInputStream stream) throws MidiUnavailableException {
        this(synth, settings, stream, null);
    }

    private SoftSynth(AudioSynthesizer synth, SynthSettings settings, AudioInputStream stream, Soundbank loaded)
            throws MidiUnavailableException {
        this.synth = synth;
        this.settings = settings;
        this.stream = stream;
        Soundbank bank = loaded;
        try {
            if (bank == null) {
                bank = loadBank(settings);
            }
        } catch (IOException e) {
            synth.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            synth.close();
            throw e;
        }
        if (!synth.isSoundbankSupported(bank)) {
            synth.close();
            throw new IllegalArgumentException("soundbank " + settings.soundbank() + " is not supported by the software synth");
        }
        synth.loadAllInstruments(bank);
        this.receiver = synth.getReceiver();
    }

    /**
     * Opens the synth on the default audio output line.
     *
     * @param settings how to open it
     * @return the open synth
     * @throws MidiUnavailableException if there is no audio output (Gervill: "Can not open line")
     * @throws IllegalStateException if the JVM was started without the add-exports the synth needs
     */
    public static SoftSynth openLive(SynthSettings settings) throws MidiUnavailableException {
        requireGervillAccess();
        SourceDataLine out;
        try {
            out = AudioSystem.getSourceDataLine(liveFormat(settings));
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            MidiUnavailableException ex = new MidiUnavailableException("Can not open line");
            ex.initCause(e);
            throw ex;
        }
        return openLive(settings, out);
    }

    /**
     * Opens the synth on a given audio line (a device the application chose, or a line over a
     * file). The line is watched: if it throws, closes or stops taking audio while the synth plays,
     * {@link #fault()} says why and the synth's clock keeps real time. Gervill opens the line (at the
     * settings' rate, 16-bit stereo, its buffer from the settings' latency) unless it is open, and
     * closes it with the synth if it opened it.
     *
     * @param settings how to open it
     * @param out the line, not yet open (or open in {@link #liveFormat(SynthSettings)})
     * @return the open synth
     * @throws MidiUnavailableException if the line cannot be opened (Gervill: "Can not open line")
     * @throws IllegalStateException if the JVM was started without the add-exports the synth needs
     */
    public static SoftSynth openLive(SynthSettings settings, SourceDataLine out) throws MidiUnavailableException {
        if (out == null) {
            throw new IllegalArgumentException("audio line must not be null");
        }
        AudioSynthesizer s = newSynth();
        WatchedOutputLine watched = new WatchedOutputLine(out);
        s.open(watched, settings.info());
        SoftSynth synth = new SoftSynth(s, settings, null);
        synth.line = watched;
        return synth;
    }

    /**
     * The format of a live synth's line: the settings' rate, 16-bit signed little-endian stereo.
     *
     * @param settings the settings
     * @return the format
     */
    public static AudioFormat liveFormat(SynthSettings settings) {
        return new AudioFormat((float) settings.sampleRate(), 16, 2, true, false);
    }

    /**
     * Why a live synth's audio line stopped playing (it threw, closed or stopped taking audio:
     * unplugged, the sound server gone), once it has. Any thread.
     *
     * @return one line, e.g. {@code its audio line closed}, or null while it plays (always null offline)
     */
    public String fault() {
        WatchedOutputLine l = line;
        return l == null ? null : l.fault();
    }

    /**
     * A live synth's output clock rate against {@code System.nanoTime}, measured from the times its
     * audio line takes each write (see {@code WatchedOutputLine}): sound servers and cheap USB
     * devices run hundreds of ppm off (PulseAudio measured 310 ppm fast). Any thread.
     *
     * @return parts per million, positive when the output clock runs fast; NaN until the line's
     *         writes agree on a rate (after about 9 s at the earliest; later after a start-up
     *         transient or on a loaded machine), and always NaN offline
     */
    public double outputDriftPpm() {
        WatchedOutputLine l = line;
        return l == null ? Double.NaN : l.driftPpm();
    }

    /**
     * Opens the synth as a stream that renders only when read: deterministic, no sound card.
     *
     * @param settings how to open it
     * @param channels 1 (mono) or 2 (stereo)
     * @return the open synth; read {@link #stream()}
     * @throws MidiUnavailableException if Gervill refuses
     * @throws IllegalStateException if the JVM was started without the add-exports the synth needs
     */
    public static SoftSynth openStream(SynthSettings settings, int channels) throws MidiUnavailableException {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, was " + channels);
        }
        AudioSynthesizer s = newSynth();
        AudioFormat format = new AudioFormat((float) settings.sampleRate(), 16, channels, true, false);
        AudioInputStream in = s.openStream(format, settings.info());
        return new SoftSynth(s, settings, in);
    }

    /**
     * Opens a stream synth with a soundbank already loaded (renders many one-shots without reading
     * a large SF2 each time).
     */
    static SoftSynth openStream(SynthSettings settings, int channels, Soundbank bank) throws MidiUnavailableException {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, was " + channels);
        }
        AudioSynthesizer s = newSynth();
        AudioFormat format = new AudioFormat((float) settings.sampleRate(), 16, channels, true, false);
        AudioInputStream in = s.openStream(format, settings.info());
        return new SoftSynth(s, settings, in, bank);
    }

    /** The soundbank the settings name: the file, or the generated {@link PercussionBank}. */
    static Soundbank loadBank(SynthSettings settings) throws IOException {
        return settings.soundbank() == null ? PercussionBank.create() : PercussionBank.load(settings.soundbank());
    }

    private static AudioSynthesizer newSynth() throws MidiUnavailableException {
        requireGervillAccess();
        javax.sound.midi.Synthesizer s = MidiSystem.getSynthesizer();
        if (!(s instanceof AudioSynthesizer)) {
            throw new MidiUnavailableException("the default synthesizer " + s.getDeviceInfo().getName()
                    + " is not Gervill (com.sun.media.sound.AudioSynthesizer)");
        }
        return (AudioSynthesizer) s;
    }

    /**
     * Fails with the JVM option to add when java.desktop does not export Gervill's package to this
     * code: without it the first use of {@code AudioSynthesizer} would be an IllegalAccessError.
     *
     * @throws IllegalStateException if {@code com.sun.media.sound} is not exported to this module
     */
    static void requireGervillAccess() {
        Module self = SoftSynth.class.getModule();
        if (!javax.sound.midi.Synthesizer.class.getModule().isExported("com.sun.media.sound", self)) {
            throw new IllegalStateException("the software synth needs the JVM option --add-exports java.desktop/"
                    + "com.sun.media.sound=" + (self.isNamed() ? self.getName() : "ALL-UNNAMED")
                    + " (it uses Gervill's AudioSynthesizer, which java.desktop does not export)");
        }
    }

    /**
     * The receiver; timestamps are microseconds on {@link #microsecondPosition()}'s clock.
     *
     * @return the receiver
     */
    public Receiver receiver() {
        return receiver;
    }

    /**
     * The synth's render clock: microseconds of audio rendered since open.
     *
     * @return microseconds
     */
    public long microsecondPosition() {
        return synth.getMicrosecondPosition();
    }

    /**
     * The latency Gervill reports (its line buffer), microseconds.
     *
     * @return microseconds
     */
    public long latencyMicros() {
        return synth.getLatency();
    }

    /**
     * The settings it was opened with.
     *
     * @return the settings
     */
    public SynthSettings settings() {
        return settings;
    }

    /**
     * The rendered audio of a synth opened with {@link #openStream}; null for a live synth.
     *
     * @return the stream or null
     */
    public AudioInputStream stream() {
        return stream;
    }

    /**
     * The Gervill instance, for callers that need more than this class offers.
     *
     * @return the synthesizer
     */
    public javax.sound.midi.Synthesizer synthesizer() {
        return synth;
    }

    /** Closes the synth and its line. */
    @Override
    public void close() {
        receiver.close();
        synth.close();
    }
}
