package org.entrain.session;

import org.entrain.schedule.CueEngine;

/**
 * Something that runs beside a session's engine and follows its timeline: a MIDI clock output,
 * the device behind a sink that must be closed at the end. The session calls each method once,
 * from its own threads (not the dispatcher).
 */
public interface SessionCompanion {

    /**
     * The engine has started: begin following it.
     *
     * @param engine the running engine
     */
    default void started(CueEngine engine) {
    }

    /**
     * The session has ended and every cue has sounded: stop and release devices. Must not throw.
     */
    void close();

    /**
     * A description for the log header, e.g. {@code midi clock -> USB MIDI 1}.
     *
     * @return the text
     */
    String describe();
}
