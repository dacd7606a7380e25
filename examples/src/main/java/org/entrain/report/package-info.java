/**
 * Session reports for the clinical record: PNG plots (asynchrony over time, ITI against cue IOI,
 * a circular histogram of phases, per-segment bars) and one self-contained HTML page that says in
 * plain words how the client did, then gives the numbers.
 */
package org.entrain.report;
