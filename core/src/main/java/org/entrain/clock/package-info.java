/**
 * Time sources: the injected {@link org.entrain.clock.NanoClock}, the system clock, a manual clock
 * for tests, and wrap-safe deadline arithmetic.
 */
package org.entrain.clock;
