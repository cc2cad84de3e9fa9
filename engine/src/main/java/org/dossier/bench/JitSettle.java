package org.dossier.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Waits out a scenario's warm-up: at least the seconds asked, then until the JIT compiler has
 * settled, that is spent less than {@value #SETTLED_SHARE_PERCENT} % of one core over the last
 * {@value #WINDOW_MILLIS} ms, and at most {@value #MAX_EXTRA_SECONDS} s more. A JVM without a
 * compiler that reports its time counts as settled at once.
 */
final class JitSettle {
    static final long WINDOW_MILLIS = 2_000;
    static final int SETTLED_SHARE_PERCENT = 2;
    static final int MAX_EXTRA_SECONDS = 60;

    /** How a warm-up ended: its length, whether the compiler had settled, and its time then. */
    record Warmed(double seconds, boolean settled, long compileMillis) {}

    private JitSettle() {}

    /**
     * Blocks for the warm-up; the workers run meanwhile. A minimum of 0 is no warm-up at all: the
     * window opens at once, on a cold JVM.
     */
    static Warmed await(double minimumSeconds) throws InterruptedException {
        if (minimumSeconds <= 0) {
            return new Warmed(0, false, compileMillis());
        }
        return await(minimumSeconds, JitSettle::compileMillis, WINDOW_MILLIS, MAX_EXTRA_SECONDS * 1_000L);
    }

    /** {@link #await(double)} with the compiler's clock, the window and the bound given. */
    static Warmed await(double minimumSeconds, LongSupplier compiler, long windowMillis, long maxExtraMillis)
            throws InterruptedException {
        long start = System.nanoTime();
        sleepUntil(start + (long) (minimumSeconds * 1e9));
        long bound = System.nanoTime() + maxExtraMillis * 1_000_000L;
        boolean settled = false;
        while (!settled && System.nanoTime() < bound) {
            long before = compiler.getAsLong();
            Thread.sleep(windowMillis);
            settled = settled(compiler.getAsLong() - before, windowMillis);
        }
        return new Warmed((System.nanoTime() - start) / 1e9, settled, compiler.getAsLong());
    }

    /** Whether {@code compiledMillis} of compiler time over {@code windowMillis} is the settled share. */
    static boolean settled(long compiledMillis, long windowMillis) {
        return compiledMillis * 100 < windowMillis * SETTLED_SHARE_PERCENT;
    }

    /** The compiler's time so far, in milliseconds (0 when the JVM does not report it). */
    static long compileMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
