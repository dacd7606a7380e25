package org.entrain.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.entrain.analysis.AnalysisResult;
import org.entrain.analysis.PhaseCorrection;
import org.entrain.analysis.Summary;
import org.entrain.clock.ManualNanoClock;
import org.entrain.midi.CueSounds;
import org.entrain.midi.RenderedCueReferences;
import org.entrain.midi.SynthSettings;
import org.entrain.onset.DetectorSettings;
import org.entrain.pattern.Pattern;
import org.entrain.report.SessionArtifacts;
import org.entrain.session.Phase;
import org.entrain.session.PhaseKind;
import org.entrain.session.Protocol;
import org.entrain.session.ProtocolFile;
import org.entrain.session.Session;
import org.entrain.session.SessionListener;
import org.entrain.session.SessionResult;

/**
 * {@code entrain demo}: a whole session offline in virtual time. The very same {@link Session}
 * (engine, decider, protocol, live statistics, log, recording, analysis, report) runs on a manual
 * clock; the output is a simulated loudspeaker playing the software synth's rendered cue sounds
 * into a simulated room, the input a simulated microphone hearing the cue's bleed and a simulated
 * client ({@link ClientParameters}) tapping real recorded drum hits, through cue cancellation and
 * the onset detector. Adds {@code client.json} with the true parameters, shown in the report
 * beside the estimates. Not thread safe: run one at a time per folder.
 */
public final class Demo {

    /** The recording rate. */
    public static final float SAMPLE_RATE = 44_100f;

    private static volatile SimulatedRoom lastRoom;

    private Demo() {
    }

    /**
     * The demo's built-in protocol.
     *
     * @return the protocol
     */
    public static Protocol builtInProtocol() {
        try (InputStream in = Demo.class.getResourceAsStream("demo-protocol.yaml")) {
            return ProtocolFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo-protocol.yaml");
        } catch (IOException e) {
            throw new IllegalStateException("the demo protocol is missing from the jar", e);
        }
    }

    /**
     * Runs the demo.
     *
     * @param folder the session folder
     * @param client the simulated client
     * @param protocol the protocol
     * @param listener a display, or null
     * @param version the software version for the log
     * @return the result
     * @throws IOException if the folder cannot be written
     */
    public static SessionResult run(Path folder, ClientParameters client, Protocol protocol, SessionListener listener,
                                    String version) throws IOException {
        Session s = build(folder, client, protocol, listener, version, false);
        SessionResult r = s.runVirtual();
        writeClient(folder.resolve("client.json"), client, r.analysis());
        return r;
    }

    /**
     * Builds the demo's session; live: in real time on the system clock, the room's sound on the
     * default output (start it with {@link Session#start()}, then call {@link #finishLive}).
     *
     * @param folder the session folder
     * @param client the simulated client
     * @param protocol the protocol
     * @param listener a display, or null
     * @param version the software version
     * @param live real time through the default audio output
     * @return the session, not started
     * @throws IOException if the folder cannot be written
     */
    public static Session build(Path folder, ClientParameters client, Protocol protocol, SessionListener listener,
                                String version, boolean live) throws IOException {
        lastRoom = null;
        CueSounds sounds = CueSounds.defaults();
        SynthSettings synth = SynthSettings.defaults();
        RenderedCueReferences refs = RenderedCueReferences.render(sounds, synth, SAMPLE_RATE);
        Pattern pattern = Pattern.defaults();
        int countInBeats = 0;
        for (Phase p : protocol.phases()) {
            if (p.kind() == PhaseKind.COUNT_IN) {
                countInBeats += (int) Math.round(p.length().amount()) * pattern.beatsPerBar();
            }
        }
        SimulatedClient c = new SimulatedClient(client, countInBeats);
        SimulatedRoom room = new SimulatedRoom(SAMPLE_RATE, refs, c, client.seed(), DetectorSettings.taps());
        if (live) {
            room.live();
        }
        lastRoom = room;
        Files.createDirectories(folder);
        writeClient(folder.resolve("client.json"), client, null);
        Session.Builder b = Session.builder();
        if (!live) {
            b.clock(new ManualNanoClock(0)).virtualTime(1_000_000L);
        }
        b.folder(folder)
                .protocol(protocol).pattern(pattern).softwareVersion(version)
                .output("simulated loudspeaker (software synth's cue sounds)", room.speaker()).input(room)
                .setting("demo", "simulated client, see client.json")
                .device("sound bank", synth.soundbank() == null ? "JDK default (emergency bank)" : synth.soundbank().toString())
                .device("cue sounds", org.entrain.midi.SessionOutputs.spec(sounds))
                .artifact(SessionArtifacts.report(a -> truthBesideEstimates(client, a)))
                .artifact(SessionArtifacts.midi(sounds, pattern.meter()));
        if (listener != null) {
            b.listener(listener);
        }
        return b.build();
    }

    /**
     * After a live demo: completes {@code client.json} with the estimates.
     *
     * @param folder the folder
     * @param client the client
     * @param r the result
     * @throws IOException if writing fails
     */
    public static void finishLive(Path folder, ClientParameters client, SessionResult r) throws IOException {
        writeClient(folder.resolve("client.json"), client, r.analysis());
    }

    /**
     * The report's facts: each true parameter beside its estimate.
     *
     * @param p the true parameters
     * @param a the analysis
     * @return the facts, in order
     */
    public static Map<String, String> truthBesideEstimates(ClientParameters p, AnalysisResult a) {
        Map<String, String> m = new LinkedHashMap<>();
        Summary s = a.overall();
        PhaseCorrection pc = s.phaseCorrection();
        m.put("simulated client", "true value / estimated from the detected taps");
        m.put("client alpha (phase correction)", String.format(Locale.ROOT, "%.3f / %.3f", p.alpha(), pc.alpha()));
        m.put("client mean asynchrony ms", String.format(Locale.ROOT, "%.1f / %.1f", p.meanAsynchronyMs(), s.meanAsynchronyMs()));
        m.put("client sigma_T ms (timekeeper)", String.format(Locale.ROOT, "%.1f / %.1f", p.sigmaTMs(), pc.sigmaTMs()));
        m.put("client sigma_M ms (motor)", String.format(Locale.ROOT, "%.1f / %.1f", p.sigmaMMs(), pc.sigmaMMs()));
        m.put("client asynchrony SD ms (model: stationary)", String.format(Locale.ROOT, "%.1f / %.1f",
                stationarySd(p), s.sdAsynchronyMs()));
        m.put("client missed taps", String.format(Locale.ROOT, "%.0f%% / %d of %d cues missed", 100 * p.missProbability(),
                s.nMissed(), s.nCues()));
        return m;
    }

    /**
     * The stationary SD of the asynchrony under the model. With b = 1 - alpha and
     * e_{k+1} = b e_k + x_k + M_{k+1} - M_k (x ~ N(0, sigma_T^2)), cov(e_k, M_k) = sigma_M^2, so
     * var e = (sigma_T^2 + 2 sigma_M^2 (1 - b)) / (1 - b^2).
     */
    static double stationarySd(ClientParameters p) {
        double b = 1 - p.alpha();
        double sT = p.sigmaTMs();
        double sM = p.sigmaMMs();
        double denom = 1 - b * b;
        return denom <= 0 ? Double.NaN : Math.sqrt((sT * sT + 2 * sM * sM * (1 - b)) / denom);
    }

    /**
     * Reads the true parameters back from a demo folder's {@code client.json}.
     *
     * @param file the file
     * @return the parameters
     * @throws IOException if it cannot be read
     */
    public static ClientParameters readClient(Path file) throws IOException {
        var n = new ObjectMapper().readTree(file.toFile());
        return new ClientParameters(n.get("alpha").asDouble(), n.get("sigma_t_ms").asDouble(), n.get("sigma_m_ms").asDouble(),
                n.get("preferred_bpm").asDouble(), n.get("mean_asynchrony_ms").asDouble(), n.get("miss_probability").asDouble(),
                n.get("seed").asLong());
    }

    private static void writeClient(Path file, ClientParameters p, AnalysisResult a) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("model", "linear phase correction (Vorberg and Wing 1996): A[k+1] = (1-alpha) A[k] + T[k] - C[k] + M[k+1] - M[k]");
        o.put("alpha", p.alpha());
        o.put("sigma_t_ms", p.sigmaTMs());
        o.put("sigma_m_ms", p.sigmaMMs());
        o.put("preferred_bpm", p.preferredBpm());
        o.put("mean_asynchrony_ms", p.meanAsynchronyMs());
        o.put("miss_probability", p.missProbability());
        o.put("seed", p.seed());
        o.put("true_tap_times_note", "true_tap_times_s: where each audible hit starts, seconds from the first cue (as taps.csv)");
        o.put("taps", "real drum hits (see the jar's org/entrain/demo/hits/README.md), 30 cm from the microphone");
        o.put("room", "cue bleed gain 0.3 from 1 m (3 ms) with two wall echoes (7 ms at 0.1, 19 ms at 0.04 of it), white noise SD 0.004");
        SimulatedRoom room = lastRoom;
        if (a != null && room != null) {
            long origin = org.entrain.session.SessionLogReader.read(file.resolveSibling("session.jsonl")).originNanos();
            var arr = o.putArray("true_tap_times_s");
            for (long t : room.trueTaps()) {
                arr.add(Math.round((t - origin) / 1e3) / 1e6);
            }
        }
        if (a != null) {
            ObjectNode e = o.putObject("estimated");
            e.put("alpha", a.overall().phaseCorrection().alpha());
            e.put("sigma_t_ms", a.overall().phaseCorrection().sigmaTMs());
            e.put("sigma_m_ms", a.overall().phaseCorrection().sigmaMMs());
            e.put("mean_asynchrony_ms", a.overall().meanAsynchronyMs());
            e.put("sd_asynchrony_ms", a.overall().sdAsynchronyMs());
        }
        m.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), o);
    }
}
