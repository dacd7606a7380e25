package org.entrain.analysis;

/** Plain descriptive statistics over double arrays. Stateless and thread safe. */
final class Stats {

    private Stats() {
    }

    static double mean(double[] x, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s / n;
    }

    /** Sample standard deviation (n - 1); NaN below two values. */
    static double sd(double[] x, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean(x, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - m;
            s += d * d;
        }
        return Math.sqrt(s / (n - 1));
    }

    static double meanAbs(double[] x, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(x[i]);
        }
        return s / n;
    }
}
