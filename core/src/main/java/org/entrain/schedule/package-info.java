/**
 * Scheduling: the cue planner, the dispatcher ({@link org.entrain.schedule.CueEngine}) with its
 * wait strategies, the {@link org.entrain.schedule.CueSink} outputs implement, live controls, and
 * the cue CSV format.
 */
package org.entrain.schedule;
