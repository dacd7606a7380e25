package org.entrain.dsp;

/**
 * In-place iterative radix-2 complex FFT on split real/imaginary arrays. Stateless and thread
 * safe. Used off the per-sample path: to fit the room path, to pre-filter each cue's reference,
 * and for the coarse alignment search.
 */
public final class Fft {

    private Fft() {
    }

    /** The smallest power of two at least {@code n}. */
    public static int size(long n) {
        if (n > (1 << 30)) {
            throw new IllegalArgumentException("FFT size " + n + " is too large");
        }
        int s = 1;
        while (s < n) {
            s <<= 1;
        }
        return s;
    }

    /**
     * Transforms in place (forward: {@code exp(-i...)}; inverse unscaled: divide by n yourself).
     *
     * @param re real parts, length a power of two
     * @param im imaginary parts, same length
     * @param inverse true for the inverse transform
     */
    public static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            int half = len >> 1;
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < half; k++) {
                    int a = i + k;
                    int b = a + half;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }

    /**
     * Linear convolution of two real sequences.
     *
     * @param a first
     * @param b second
     * @return {@code a * b}, length {@code a.length + b.length - 1}
     */
    public static float[] convolve(float[] a, float[] b) {
        int out = a.length + b.length - 1;
        int n = size(out);
        double[] ar = new double[n];
        double[] ai = new double[n];
        double[] br = new double[n];
        double[] bi = new double[n];
        for (int i = 0; i < a.length; i++) {
            ar[i] = a[i];
        }
        for (int i = 0; i < b.length; i++) {
            br[i] = b[i];
        }
        transform(ar, ai, false);
        transform(br, bi, false);
        for (int i = 0; i < n; i++) {
            double r = ar[i] * br[i] - ai[i] * bi[i];
            double im = ar[i] * bi[i] + ai[i] * br[i];
            ar[i] = r;
            ai[i] = im;
        }
        transform(ar, ai, true);
        float[] c = new float[out];
        for (int i = 0; i < out; i++) {
            c[i] = (float) (ar[i] / n);
        }
        return c;
    }
}
