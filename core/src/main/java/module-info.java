/**
 * The Entrain engine: clock, tempo maps, patterns, cue scheduling, onset detection, timing
 * analysis and session records. No javax.sound.midi here; javax.sound.sampled only for audio
 * input and the calibration markers.
 */
module org.entrain.core {
    requires transitive HdrHistogram;
    requires transitive java.desktop;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires TarsosDSP;

    exports org.entrain.clock;
    exports org.entrain.tempo;
    exports org.entrain.pattern;
    exports org.entrain.schedule;
    exports org.entrain.onset;
    exports org.entrain.analysis;
    exports org.entrain.session;
}
