package org.entrain.session;

import org.entrain.schedule.CueEngine;

/**
 * Something that runs beside a session's engine and follows its timeline: a MIDI clock output,
 * the device behind a sink that must be closed at the end. The session calls each method once,
 * from its own threads (not the dispatcher), in the order {@link #beforeStart}, {@link #started},
 * {@link #close()}.
 */
public interface SessionCompanion {

    /**
     * The engine is built and not yet started: the moment to add an agent to its dispatcher thread
     * ({@link CueEngine#runOnDispatcher(org.entrain.schedule.Agent)}, e.g. a MIDI clock out), so the
     * session has one timed thread, not one per output. Only for a session started with
     * {@link Session#start()}: a virtual-time session drives no agents and does not call this.
     *
     * @param engine the engine, not started
     */
    default void beforeStart(CueEngine engine) {
    }

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
