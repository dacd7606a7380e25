package org.entrain.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Background load for the jitter benchmarks: one thread that burns a core on arithmetic and one
 * that allocates continuously into a churning live set, so the collector runs often (GC pressure
 * plus safepoints). With the benchmark's own thread(s) this oversubscribes a 2-core machine.
 * Not thread safe: start and stop from one thread.
 */
final class LoadGenerator {

    /** Slots of the allocator's live set: about 4096 x 4 KiB = 16 MiB retained on average. */
    private static final int LIVE_SLOTS = 4096;

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    /** Published so the JIT cannot drop the work. */
    private volatile long sink;
    private volatile long allocatedBytes;

    /** Starts the hog and the allocator. */
    void start() {
        running = true;
        threads.add(new Thread(this::burn, "bench-load-cpu"));
        threads.add(new Thread(this::allocate, "bench-load-alloc"));
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Stops and joins the threads.
     *
     * @throws InterruptedException if interrupted while joining
     */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
        threads.clear();
    }

    /**
     * Bytes allocated by the allocator thread so far (approximate).
     *
     * @return bytes
     */
    long allocatedBytes() {
        return allocatedBytes;
    }

    private void burn() {
        long x = 0x9E3779B97F4A7C15L;
        while (running) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                x ^= x >>> 29;
            }
            sink = x;
        }
    }

    private void allocate() {
        SplittableRandom random = new SplittableRandom(42);
        Object[] live = new Object[LIVE_SLOTS];
        long bytes = 0;
        while (running) {
            for (int i = 0; i < 10_000; i++) {
                int size = 16 + random.nextInt(8192);
                live[random.nextInt(LIVE_SLOTS)] = new byte[size];
                bytes += size;
            }
            allocatedBytes = bytes;
        }
        sink = live.length;
    }
}
