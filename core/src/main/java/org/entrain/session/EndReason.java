package org.entrain.session;

/** Why a session ended. */
public enum EndReason {
    /** The protocol or the planned length ran out. */
    COMPLETED,
    /** Stopped by a control ({@link Session#stopAtBarEnd()}, {@link Session#stop()}), a key, Ctrl-C or SIGTERM. */
    STOPPED,
    /** Every output failed, or an input failed. */
    FAILED
}
