package org.entrain.midi;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.entrain.pattern.Voice;

/**
 * Which sound each voice plays. Immutable and thread safe.
 *
 * <p>Defaults (GM percussion, channel 10): accent = 76 high wood block, beat = 77 low wood block,
 * sub = 42 closed hi-hat, layer = 75 claves.
 */
public final class CueSounds {

    /** GM percussion key: side stick. */
    public static final int SIDE_STICK = 37;
    /** GM percussion key: closed hi-hat. */
    public static final int CLOSED_HI_HAT = 42;
    /** GM percussion key: cowbell. */
    public static final int COWBELL = 56;
    /** GM percussion key: claves. */
    public static final int CLAVES = 75;
    /** GM percussion key: high wood block. */
    public static final int HIGH_WOOD_BLOCK = 76;
    /** GM percussion key: low wood block. */
    public static final int LOW_WOOD_BLOCK = 77;
    /** GM2 percussion key: metronome click. */
    public static final int METRONOME_CLICK = 33;
    /** GM2 percussion key: metronome bell. */
    public static final int METRONOME_BELL = 34;

    private static final Map<String, Integer> NAMES = Map.of(
            "side-stick", SIDE_STICK, "hi-hat", CLOSED_HI_HAT, "cowbell", COWBELL, "claves", CLAVES,
            "high-wood-block", HIGH_WOOD_BLOCK, "low-wood-block", LOW_WOOD_BLOCK,
            "click", METRONOME_CLICK, "bell", METRONOME_BELL);

    private static final CueSounds DEFAULTS = new CueSounds(CueSound.percussion(HIGH_WOOD_BLOCK),
            CueSound.percussion(LOW_WOOD_BLOCK), CueSound.percussion(CLOSED_HI_HAT), CueSound.percussion(CLAVES));

    private final CueSound[] byVoice = new CueSound[Voice.values().length];

    private CueSounds(CueSound accent, CueSound beat, CueSound sub, CueSound layer) {
        byVoice[Voice.ACCENT.ordinal()] = accent;
        byVoice[Voice.BEAT.ordinal()] = beat;
        byVoice[Voice.SUB.ordinal()] = sub;
        byVoice[Voice.LAYER.ordinal()] = layer;
    }

    /**
     * The default sounds.
     *
     * @return the defaults
     */
    public static CueSounds defaults() {
        return DEFAULTS;
    }

    /**
     * The sound of a voice. Allocation free.
     *
     * @param voice the voice
     * @return its sound
     */
    public CueSound of(Voice voice) {
        return byVoice[voice.ordinal()];
    }

    /**
     * A copy with one voice changed.
     *
     * @param voice the voice
     * @param sound its new sound
     * @return the new set
     */
    public CueSounds with(Voice voice, CueSound sound) {
        if (voice == null || sound == null) {
            throw new IllegalArgumentException("voice and sound must not be null");
        }
        CueSound[] s = byVoice.clone();
        s[voice.ordinal()] = sound;
        return new CueSounds(s[0], s[1], s[2], s[3]);
    }

    /**
     * Every voice with its sound.
     *
     * @return a new map in voice order
     */
    public Map<Voice, CueSound> asMap() {
        Map<Voice, CueSound> m = new EnumMap<>(Voice.class);
        for (Voice v : Voice.values()) {
            m.put(v, of(v));
        }
        return m;
    }

    /**
     * Parses a command-line sound list and applies it to these sounds: comma-separated
     * {@code VOICE=SOUND}, where VOICE is accent, beat, sub or layer and SOUND is a percussion key
     * number (0..127), a name (side-stick, hi-hat, cowbell, claves, high-wood-block,
     * low-wood-block, click, bell), or {@code CH:PROGRAM:NOTE} for a melodic sound. Example:
     * {@code accent=claves,beat=37,sub=1:115:72}.
     *
     * @param spec the list
     * @return the new set
     * @throws IllegalArgumentException naming the bad entry and the allowed forms
     */
    public CueSounds parse(String spec) {
        CueSounds out = this;
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("sound '" + e + "' is not VOICE=SOUND (e.g. accent=claves, beat=77, sub=1:115:72)");
            }
            Voice voice = Voice.ofId(e.substring(0, eq).trim().toLowerCase(Locale.ROOT));
            out = out.with(voice, parseSound(e.substring(eq + 1).trim()));
        }
        return out;
    }

    private static CueSound parseSound(String s) {
        Integer named = NAMES.get(s.toLowerCase(Locale.ROOT));
        if (named != null) {
            return CueSound.percussion(named);
        }
        try {
            String[] parts = s.split(":");
            if (parts.length == 1) {
                return CueSound.percussion(Integer.parseInt(parts[0]));
            }
            if (parts.length == 3) {
                return CueSound.melodic(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("sound '" + s + "' is not a percussion key 0..127, one of "
                + new java.util.TreeSet<>(NAMES.keySet()) + ", or CH:PROGRAM:NOTE");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CueSounds && java.util.Arrays.equals(byVoice, ((CueSounds) o).byVoice);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(byVoice);
    }

    @Override
    public String toString() {
        return "CueSounds" + asMap();
    }
}
