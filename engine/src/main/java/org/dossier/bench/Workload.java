package org.dossier.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one operation from N threads for a fixed time after a warm-up, and collects the latency
 * of every right answer. A wrong answer is counted as an error and not timed: a fast 401 or a
 * redirect to the login page must not pass for a fast request. Bounded in time: it stops by itself.
 */
final class Workload {
    /** One unit of work; throws when the answer is wrong, and the message says what came back. */
    interface Operation {
        void run(int thread, long iteration) throws Exception;
    }

    static Latencies run(String name, int threads, double warmupSeconds, double seconds, Operation operation)
            throws InterruptedException {
        List<long[]> samples = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            long[][] holder = new long[1][];
            samples.add(null);
            Thread worker = new Thread(() -> {
                long[] buffer = new long[1 << 16];
                int count = 0;
                long iteration = 0;
                try {
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        String error = null;
                        try {
                            operation.run(thread, iteration++);
                        } catch (Exception e) {
                            error = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                        long after = System.nanoTime();
                        if (before < measureFrom) {
                            continue;
                        }
                        if (error != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, error);
                        } else {
                            if (count == buffer.length) {
                                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                            }
                            buffer[count++] = after - before;
                        }
                    }
                } finally {
                    holder[0] = java.util.Arrays.copyOf(buffer, count);
                    synchronized (samples) {
                        samples.set(thread, holder[0]);
                    }
                    done.countDown();
                }
            }, "bench-" + name + "-" + t);
            workers.add(worker);
            worker.start();
        }
        done.await();
        // Only operations started inside the window are kept, so the window is the time base.
        return Latencies.merge(name, samples, errors.get(), Optional.ofNullable(firstError.get()), seconds);
    }

    private Workload() {}
}
