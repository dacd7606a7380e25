/**
 * The Entrain engine: clock, tempo maps, patterns, cue scheduling (and, in later packages, onset
 * detection, timing analysis and sessions). No javax.sound.midi here.
 */
module org.entrain.core {
    requires transitive HdrHistogram;
    requires org.slf4j;
    requires transitive java.desktop;
    requires TarsosDSP;

    exports org.entrain.clock;
    exports org.entrain.tempo;
    exports org.entrain.pattern;
    exports org.entrain.schedule;
    exports org.entrain.onset;
}
