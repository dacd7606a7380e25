/** The embedding example as a named module: on the module path it needs only this. */
module com.example.metronome {
    requires org.entrain.midi;
}
