package org.entrain.bench;

/**
 * A CPU hog for another process: one thread that burns a core on arithmetic until its standard
 * input closes (so it dies with the benchmark JVM that started it). Run by {@link SessionLoad}.
 */
public final class CpuHog {

    private static volatile long sink;

    private CpuHog() {
    }

    /**
     * Burns one core until stdin reaches end of file.
     *
     * @param args ignored
     * @throws Exception never in practice
     */
    public static void main(String[] args) throws Exception {
        Thread burn = new Thread(() -> {
            long x = 0x9E3779B97F4A7C15L;
            while (true) {
                for (int i = 0; i < 1_000_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                    x ^= x >>> 29;
                }
                sink = x;
            }
        }, "cpu-hog");
        burn.setDaemon(true);
        burn.start();
        while (System.in.read() >= 0) {
            // wait for the parent to close the pipe (or die)
        }
        System.exit(0);
    }
}
