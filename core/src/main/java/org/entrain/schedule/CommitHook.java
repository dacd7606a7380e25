package org.entrain.schedule;

/**
 * Sees each cue once, when the engine commits it, before any sink is sent it: the place to decide
 * something about the cue that every sink, on the dispatcher or the sender thread, then reads
 * without waiting (a session's phase and fading decision). Called by the dispatcher thread only
 * (or the thread driving {@link CueEngine#doWork(long)}); what it writes before it returns is
 * visible to the timestamped sinks on the sender thread, since the engine publishes the committed
 * cue to that thread after the call (a release store the sender reads with acquire). Must not
 * block or allocate; must not throw.
 */
@FunctionalInterface
public interface CommitHook {

    /**
     * A cue was committed (its deadline is set). The view is valid only during the call.
     *
     * @param cue the cue
     */
    void onCommit(Cue cue);
}
