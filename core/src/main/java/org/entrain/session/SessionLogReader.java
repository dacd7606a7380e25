package org.entrain.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.entrain.onset.Onset;
import org.entrain.onset.OnsetSource;
import org.entrain.pattern.Voice;
import org.entrain.schedule.CueEvent;

/**
 * Reads a session log written by {@link SessionLogWriter}, also one cut short by a crash: every
 * complete line is read; a torn last line (no line end, or not valid JSON) is ignored with a
 * note. Stateless and thread safe.
 */
public final class SessionLogReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SessionLogReader() {
    }

    /**
     * Reads a log file.
     *
     * @param file the log
     * @return what it holds
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is empty or does not start with a session-log header
     */
    public static SessionRecord read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return read(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Reads log text.
     *
     * @param text the log text
     * @param source a name for messages
     * @return what it holds
     * @throws IllegalArgumentException if it is empty or does not start with a session-log header
     */
    public static SessionRecord read(String text, String source) {
        List<String> notes = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        // the element after the last '\n' is "" for a complete file, else a torn line
        int complete = lines.length - 1;
        if (!lines[lines.length - 1].isEmpty()) {
            notes.add("the last line (" + (lines.length) + ") was cut short, probably by a crash, and was ignored");
        }
        if (complete < 1) {
            throw new IllegalArgumentException(source + ": not a session log (no complete header line)");
        }
        JsonNode h = parse(lines[0]);
        if (h == null || !"header".equals(h.path("type").asText()) || !SessionLogWriter.FORMAT.equals(h.path("format").asText())) {
            throw new IllegalArgumentException(source + ": not a session log (the first line must be a "
                    + SessionLogWriter.FORMAT + " header)");
        }
        SessionHeader header = new SessionHeader(h.path("software_version").asText("unknown"), map(h.path("settings")),
                map(h.path("devices")), map(h.path("sample_rates")), map(h.path("calibration")));
        List<LoggedCue> cues = new ArrayList<>();
        List<Onset> onsets = new ArrayList<>();
        List<LoggedEvent> events = new ArrayList<>();
        long eventLines = 0;
        boolean end = false;
        for (int i = 1; i < complete; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = parse(line);
            if (o == null) {
                notes.add("line " + (i + 1) + " is not valid JSON and was skipped");
                continue;
            }
            String type = o.path("type").asText();
            try {
                switch (type) {
                    case "cue" -> cues.add(new LoggedCue(new CueEvent(o.get("index").asLong(), o.get("bar").asLong(),
                            o.get("beat").asInt(), o.get("sub").asInt(), o.path("layer").asInt(-1),
                            o.path("beat_position").asDouble(Double.NaN), o.get("time_ns").asLong(), o.get("bpm").asDouble(),
                            Voice.ofId(o.get("voice").asText()), o.get("velocity").asInt()),
                            o.get("deadline_ns").asLong(), o.get("sink").asInt(), o.get("planned_send_ns").asLong(),
                            o.get("sent_ns").asLong()));
                    case "onset" -> onsets.add(new Onset(o.get("t_ns").asLong(), o.get("strength").asDouble(),
                            OnsetSource.valueOf(o.get("source").asText()), o.path("flags").asInt()));
                    case "change", "device", "finished" -> events.add(new LoggedEvent(type, o.get("t_ns").asLong(),
                            o.path("beat").asDouble(Double.NaN), o.path("description").asText("")));
                    case "phase" -> events.add(new LoggedEvent("phase", o.get("t_ns").asLong(),
                            o.path("beat").asDouble(Double.NaN), o.get("kind").asText() + " " + o.path("name").asText("")));
                    case "input" -> events.add(new LoggedEvent("input", o.get("t_ns").asLong(), Double.NaN,
                            o.get("state").asText() + " " + o.path("description").asText("")));
                    case "cue_hearing" -> events.add(new LoggedEvent("cue_hearing", o.get("t_ns").asLong(), Double.NaN,
                            o.get("state").asText() + (o.has("latency_ns") ? " latency_ns=" + o.get("latency_ns").asLong() : "")
                                    + (o.has("depth_db") ? " depth_db=" + o.get("depth_db").asDouble() : "")));
                    case "mute" -> events.add(new LoggedEvent("mute", o.get("t_ns").asLong(), Double.NaN,
                            Long.toString(o.get("index").asLong())));
                    case "shift" -> events.add(new LoggedEvent("shift", o.get("t_ns").asLong(), o.get("shift_ns").asLong(),
                            Long.toString(o.get("index").asLong())));
                    case "end" -> end = true;
                    default -> notes.add("line " + (i + 1) + " has unknown type '" + type + "' and was skipped");
                }
                if (!"end".equals(type)) {
                    eventLines++;
                }
            } catch (RuntimeException e) {
                notes.add("line " + (i + 1) + " (" + type + ") is malformed and was skipped: " + e.getMessage());
            }
        }
        if (!end) {
            notes.add("the log has no end line: the session did not close cleanly (crash or still running)");
        }
        return new SessionRecord(header, cues, onsets, events, eventLines, end, notes);
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> map(JsonNode o) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }
}
