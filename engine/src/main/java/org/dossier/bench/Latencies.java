package org.dossier.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Latency samples of the right answers of one scenario and the figures derived from them; wrong
 * answers are only counted, with the first one kept to say what came back.
 */
record Latencies(String name, long[] nanos, long errors, Optional<String> firstError, double seconds, Warmup warmup) {

    /**
     * How the scenario was warmed up: for how long, whether the JIT compiler had settled by then
     * (false: the warm-up stopped at its bound), and the compiler's time during the measured window.
     */
    record Warmup(double seconds, boolean settled, long jitMillisInWindow) {
        static final Warmup NONE = new Warmup(0, true, 0);
    }

    static Latencies merge(String name, List<long[]> perThread, long errors, Optional<String> firstError, double seconds) {
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Latencies(name, all, errors, firstError, seconds, Warmup.NONE);
    }

    /** The same figures, with how their warm-up went. */
    Latencies warmedUp(double warmupSeconds, boolean settled, long jitMillisInWindow) {
        return new Latencies(name, nanos, errors, firstError, seconds, new Warmup(warmupSeconds, settled, jitMillisInWindow));
    }

    double throughput() {
        return nanos.length / seconds;
    }

    double percentileMillis(double percentile) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * nanos.length) - 1;
        return nanos[Math.max(0, Math.min(index, nanos.length - 1))] / 1_000_000.0;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("requests", nanos.length);
        map.put("errors", errors);
        map.put("seconds", round(seconds));
        map.put("throughputPerSecond", round(throughput()));
        map.put("p50Ms", round(percentileMillis(50)));
        map.put("p95Ms", round(percentileMillis(95)));
        map.put("p99Ms", round(percentileMillis(99)));
        map.put("warmupSeconds", round(warmup.seconds()));
        map.put("jitSettled", warmup.settled());
        map.put("jitMillisInWindow", warmup.jitMillisInWindow());
        return map;
    }

    String line() {
        return String.format("%-28s %9d %7d %12.1f %9.2f %9.2f %9.2f %9s %7d", name, nanos.length, errors, throughput(),
                percentileMillis(50), percentileMillis(95), percentileMillis(99),
                String.format("%.0f%s", warmup.seconds(), warmup.settled() ? "" : "*"), warmup.jitMillisInWindow());
    }

    static String header() {
        return String.format("%-28s %9s %7s %12s %9s %9s %9s %9s %7s", "scenario", "requests", "errors", "per second",
                "p50 ms", "p95 ms", "p99 ms", "warm-up s", "JIT ms");
    }

    /** Under the table: what its last two columns mean. */
    static String legend() {
        return "warm-up s: until the JIT compiler settled (* = not settled: stopped at its bound, or no warm-up asked); "
                + "JIT ms: compiler time during the measured window";
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
