package org.entrain.dsp;

/**
 * A second-order IIR section (RBJ Audio EQ Cookbook, Butterworth Q = 1/sqrt 2), transposed direct
 * form II. Not thread safe.
 */
public final class Biquad {

    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double z1;
    private double z2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    /**
     * A Butterworth low-pass section.
     *
     * @param cutoffHz the -3 dB corner, Hz
     * @param sampleRateHz the sample rate, Hz
     * @return a new filter, at rest
     */
    public static Biquad lowPass(double cutoffHz, double sampleRateHz) {
        double w = 2 * Math.PI * cutoffHz / sampleRateHz;
        double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
        double c = Math.cos(w);
        return new Biquad((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + alpha, -2 * c, 1 - alpha);
    }

    /**
     * A Butterworth high-pass section.
     *
     * @param cutoffHz the -3 dB corner, Hz
     * @param sampleRateHz the sample rate, Hz
     * @return a new filter, at rest
     */
    public static Biquad highPass(double cutoffHz, double sampleRateHz) {
        double w = 2 * Math.PI * cutoffHz / sampleRateHz;
        double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
        double c = Math.cos(w);
        return new Biquad((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha);
    }

    /**
     * Filters one sample.
     *
     * @param x the input sample
     * @return the output sample
     */
    public double step(double x) {
        double y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        return y;
    }

    /** Puts the filter back at rest (as made). */
    public void reset() {
        z1 = 0;
        z2 = 0;
    }
}
