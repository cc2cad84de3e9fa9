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
record Latencies(String name, long[] nanos, long errors, Optional<String> firstError, double seconds) {

    static Latencies merge(String name, List<long[]> perThread, long errors, Optional<String> firstError, double seconds) {
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Latencies(name, all, errors, firstError, seconds);
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
        return map;
    }

    String line() {
        return String.format("%-28s %9d %7d %12.1f %9.2f %9.2f %9.2f", name, nanos.length, errors, throughput(),
                percentileMillis(50), percentileMillis(95), percentileMillis(99));
    }

    static String header() {
        return String.format("%-28s %9s %7s %12s %9s %9s %9s", "scenario", "requests", "errors", "per second",
                "p50 ms", "p95 ms", "p99 ms");
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
