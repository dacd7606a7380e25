package org.entrain.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.entrain.midi.MidiPortInfo;
import org.entrain.midi.MidiPorts;
import org.entrain.onset.AudioDevices;

/** The app's sessions, over {@code org.entrain.session.Session}. Thread safe. */
final class SessionLauncher implements Launcher {

    @Override
    public LiveSession start(SessionRequest request, LiveListener listener) throws Exception {
        throw new UnsupportedOperationException("the session library is not connected yet");
    }

    @Override
    public List<List<String>> devices() {
        List<String> outs = new ArrayList<>();
        List<String> ins = new ArrayList<>();
        for (MidiPortInfo p : MidiPorts.list()) {
            if (p.output() && !p.name().startsWith("Gervill") && !p.name().startsWith("Real Time Sequencer")) {
                outs.add(p.name());
            }
            if (p.input() && !p.name().startsWith("Real Time Sequencer")) {
                ins.add(p.name());
            }
        }
        return List.of(outs, AudioDevices.inputs(), ins);
    }

    @Override
    public List<String> phases(Path file) throws Exception {
        throw new UnsupportedOperationException("the session library is not connected yet");
    }
}
