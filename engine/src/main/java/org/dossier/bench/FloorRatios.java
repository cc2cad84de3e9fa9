package org.dossier.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each engine figure as a fraction of its floor's throughput, measured in the same run: the
 * machine's load then weighs on both sides alike, which absolute figures cannot say.
 */
final class FloorRatios {
    /** {@code engine}'s throughput over {@code floor}'s, named {@code key} in the JSON, with its target. */
    record Ratio(String key, String engine, String floor, double target) {}

    static final List<Ratio> RATIOS = List.of(
            new Ratio("submitToFloorRatio", "submit", "floor", 0.75),
            new Ratio("renderToRenderFloorRatio", "render", "render-floor", 0.5),
            new Ratio("viewToReadFloorRatio", "view", "read-floor", 0.6),
            new Ratio("apiReadToReadFloorRatio", "api-read", "read-floor", 0.6));

    private FloorRatios() {}

    /** Prints the ratios whose two scenarios ran. @return them by JSON key, rounded to two decimals */
    static Map<String, Double> report(Map<String, Latencies> results) {
        Map<String, Double> measured = new LinkedHashMap<>();
        for (Ratio ratio : RATIOS) {
            Latencies engine = results.get(ratio.engine());
            Latencies floor = results.get(ratio.floor());
            if (engine == null || floor == null || floor.throughput() == 0) {
                continue;
            }
            double value = engine.throughput() / floor.throughput();
            System.out.printf("%s / %s throughput ratio: %.2f (target >= %.2f: %s)%n", ratio.engine(), ratio.floor(),
                    value, ratio.target(), value >= ratio.target() ? "met" : "not met");
            measured.put(ratio.key(), Math.round(value * 100.0) / 100.0);
        }
        return measured;
    }
}
