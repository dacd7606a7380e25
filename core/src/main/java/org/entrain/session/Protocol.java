package org.entrain.session;

import java.util.List;

/**
 * A session protocol: phases played one after another, each starting on a bar line. Immutable.
 * Read one from a file with {@link ProtocolFile}.
 *
 * @param name a name for the report
 * @param startBpm the tempo of the first cued phase when it gives none (and of a count-in), 1..1000
 * @param phases the phases, at least one
 */
public record Protocol(String name, double startBpm, List<Phase> phases) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Protocol {
        if (name == null || name.isBlank()) {
            name = "session";
        }
        if (!(startBpm >= 1 && startBpm <= 1000)) {
            throw new IllegalArgumentException("protocol bpm must be between 1 and 1000, was " + startBpm);
        }
        if (phases == null || phases.isEmpty()) {
            throw new IllegalArgumentException("a protocol needs at least one phase");
        }
        phases = List.copyOf(phases);
    }

    /**
     * The same protocol with this count-in first, replacing any count-in it had (none if
     * {@code bars} is 0).
     *
     * @param bars count-in bars, 0 or more
     * @return the protocol
     */
    public Protocol withCountIn(int bars) {
        List<Phase> p = new java.util.ArrayList<>();
        if (bars > 0) {
            p.add(Phase.countIn(bars));
        }
        for (Phase ph : phases) {
            if (ph.kind() != PhaseKind.COUNT_IN) {
                p.add(ph);
            }
        }
        return new Protocol(name, startBpm, p);
    }
}
