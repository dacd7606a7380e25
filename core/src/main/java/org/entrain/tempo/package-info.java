/**
 * Tempo maps: tempo as a function of time, in segments (constant, linear in time, linear in beats,
 * exponential, steps), with exact closed-form beat &lt;-&gt; time conversion and live changes that keep
 * the beat phase continuous.
 */
package org.entrain.tempo;
