package org.entrain.gui;

import java.nio.file.Path;
import java.util.List;
import org.entrain.session.Protocol;

/**
 * How the app reaches the session library: start a session, list the devices, read a protocol's
 * phases. Implementations are thread safe; every method may block and is never called on the
 * event dispatch thread.
 */
interface Launcher {

    /**
     * Opens the devices and starts a session.
     *
     * @param request what to run
     * @param listener where the session reports
     * @return the live controls
     * @throws IllegalArgumentException bad settings, with one line naming the value and what is allowed
     * @throws Exception a device that cannot be opened, with a clear message
     */
    LiveSession start(SessionRequest request, LiveListener listener) throws Exception;

    /**
     * The devices a session can use.
     *
     * @return three lists: MIDI outputs, audio inputs (microphones), MIDI inputs (pads)
     */
    List<List<String>> devices();

    /**
     * Reads a protocol file.
     *
     * @param file the protocol (YAML or JSON)
     * @return the protocol
     * @throws IllegalArgumentException a bad file, with the line, the field and what is allowed
     * @throws Exception the file cannot be read
     */
    Protocol protocol(Path file) throws Exception;
}
