package org.entrain.session;

/**
 * A rare event the log recorded: a live change, a device event, the end of the cues. Immutable.
 *
 * @param type {@code change}, {@code device}, {@code finished}, {@code phase} (description: kind, a space, the name),
 *             {@code input} (description: {@code stopped}, {@code resumed} or {@code silent}, a space, the message) or
 *             {@code mute} (a cue that did not sound; description: its index) or {@code shift} (a
 *             perturbed cue; description: its index, beat: the displacement in nanos)
 * @param nanos engine time
 * @param beat the beat position (changes), else NaN
 * @param description what happened
 */
public record LoggedEvent(String type, long nanos, double beat, String description) {

    /**
     * Validates.
     *
     * @param type see the record
     * @param nanos see the record
     * @param beat see the record
     * @param description see the record
     * @throws IllegalArgumentException if a text is null
     */
    public LoggedEvent {
        if (type == null || description == null) {
            throw new IllegalArgumentException("logged event type and description must not be null");
        }
    }
}
