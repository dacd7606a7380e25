/**
 * Scheduling: the cue planner, the dispatcher ({@link org.entrain.schedule.CueEngine}) with its
 * wait strategies, the {@link org.entrain.schedule.CueSink} outputs implement and the read-only
 * {@link org.entrain.schedule.Cue} they receive, live controls, the timed-thread runner
 * ({@link org.entrain.schedule.AgentRunner}, {@link org.entrain.schedule.Agent}), sink composition
 * ({@link org.entrain.schedule.Failover}), and the cue CSV format.
 */
package org.entrain.schedule;
