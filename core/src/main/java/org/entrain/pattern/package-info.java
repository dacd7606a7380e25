/**
 * Patterns: meter, accents, subdivisions, polyrhythm layers, gap bars and cue fading.
 */
package org.entrain.pattern;
