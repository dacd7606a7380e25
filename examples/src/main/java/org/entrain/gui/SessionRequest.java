package org.entrain.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the forms ask for, as the options of {@code entrain session} (so the app and the command
 * line build a session the same way and write the same folder). Immutable.
 *
 * @param args the {@code entrain session} options, without {@code --dir} and {@code --no-display}
 * @param folder the session folder to write
 */
record SessionRequest(List<String> args, Path folder) {

    SessionRequest {
        args = List.copyOf(Objects.requireNonNull(args, "args"));
        Objects.requireNonNull(folder, "folder");
    }

    /** @return the same session as a command line, for the record and for researchers */
    String commandLine() {
        StringBuilder sb = new StringBuilder("entrain session");
        for (String a : args) {
            sb.append(' ').append(a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a);
        }
        return sb.append(" --dir ").append(folder).toString();
    }
}
