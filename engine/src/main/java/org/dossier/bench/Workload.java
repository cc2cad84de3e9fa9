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
 *
 * <p>The warm-up lasts at least the seconds asked, then until the JIT compiler has settled (see
 * {@link JitSettle}): on two cores the compiler threads of a cold engine took most of a core for
 * the first scenarios' windows, so that a scenario's figure depended on which scenarios ran before
 * it (the API read 1,819/s first, 3,489/s after a 30 s warm-up, its floor 10,500/s both times).
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
        // The window is set once the warm-up ends; until then every operation is warm-up.
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong end = new AtomicLong(Long.MAX_VALUE);
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
                        if (before >= end.get()) {
                            break;
                        }
                        String error = null;
                        try {
                            operation.run(thread, iteration++);
                        } catch (Exception e) {
                            error = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                        long after = System.nanoTime();
                        if (before < measureFrom.get()) {
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
        JitSettle.Warmed warmed = JitSettle.await(warmupSeconds);
        long from = System.nanoTime();
        end.set(from + (long) (seconds * 1e9));
        measureFrom.set(from);
        done.await();
        // Only operations started inside the window are kept, so the window is the time base.
        return Latencies.merge(name, samples, errors.get(), Optional.ofNullable(firstError.get()), seconds)
                .warmedUp(warmed.seconds(), warmed.settled(), JitSettle.compileMillis() - warmed.compileMillis());
    }

    private Workload() {}
}
