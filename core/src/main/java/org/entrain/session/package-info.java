/**
 * Sessions: the crash-safe session event log (JSON Lines, written as the session runs on its own
 * writer thread) and its reader, which turns a log back into cues and taps for analysis.
 */
package org.entrain.session;
