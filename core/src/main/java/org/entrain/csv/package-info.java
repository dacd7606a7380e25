/**
 * The project's CSV files in one place: the cue schedule ({@link org.entrain.csv.CueCsv},
 * header {@code index,bar,beat,sub,time_s,bpm,voice,velocity}) and onsets
 * ({@link org.entrain.csv.OnsetCsv}, header {@code index,time_s,strength}), read and written.
 */
package org.entrain.csv;
