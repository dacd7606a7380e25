/**
 * The Entrain engine: clock, tempo maps, patterns, cue scheduling, onset detection, timing
 * analysis and session records. No javax.sound.midi here.
 *
 * <p>{@code java.desktop} is optional ({@code requires static}): only the audio package (input
 * lines, audio files) and calibration ({@code javax.sound.sampled}) need it at run time. A module
 * that uses them requires {@code java.desktop} itself (or {@code org.entrain.midi}, which requires
 * it); the scheduler alone runs without it. {@code static transitive} keeps it readable to
 * modules compiled against the audio API.
 *
 * <p>{@code org.entrain.dsp} (filters, FFT) is not exported: it is shared by the onset detector
 * and the cue cancellation inside this module only.
 */
module org.entrain.core {
    requires transitive HdrHistogram;
    requires static transitive java.desktop;
    requires org.slf4j;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires TarsosDSP;

    exports org.entrain.clock;
    exports org.entrain.tempo;
    exports org.entrain.pattern;
    exports org.entrain.schedule;
    exports org.entrain.audio;
    exports org.entrain.onset;
    exports org.entrain.cancel;
    exports org.entrain.calibration;
    exports org.entrain.analysis;
    exports org.entrain.session;
    exports org.entrain.csv;
}
