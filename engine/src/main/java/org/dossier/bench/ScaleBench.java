package org.dossier.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.record.RecordId;
import org.dossier.record.RecordQuery;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.Pacing;
import org.dossier.retention.PassLock;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;

/**
 * The measures of {@code bench --scale} on what {@link ScaleLoad} loaded, with concurrent clients
 * over HTTP as the other scenarios: the list (its first pages, its deepest reachable page, each
 * with the total it shows), the name search (prefixes, accented or not, each way), a case file's
 * page, the dashboard, for the services of the common size and apart for the large one; then
 * the platform statistics computed (not the page's cached copy) and the lifecycle plan, each
 * called directly and timed over a few runs; the submit last, as it writes. Each figure is
 * printed beside its target from issue 22 and written with it.
 */
final class ScaleBench {
    /** Runs of each directly timed computation. */
    static final int RUNS = 3;
    private static final int PAGE_SIZE = 20;
    /** The deepest page the list reaches: its count stops at {@link RecordQuery#LIST_COUNT_BOUND}. */
    static final int DEEP_PAGE = RecordQuery.LIST_COUNT_BOUND / PAGE_SIZE;
    /** Name prefixes: common ones, rare ones, and accented ones written with and without their accent. */
    static final List<String> TERMS = List.of("ma", "du", "le", "be", "hé", "Hél", "hel", "jé", "ngu", "émi", "emi",
            "gaë");

    /** A figure's target: the percentile or time it reads and its bound in milliseconds; none when the issue sets none. */
    record Target(String key, String label, Optional<Double> boundMillis) {
        static Target of(String key, String label, double boundMillis) {
            return new Target(key, label, Optional.of(boundMillis));
        }
    }

    /** Every figure of the scale run, in the order printed; the directly timed ones are read at their worst run. */
    static final List<Target> TARGETS = List.of(
            Target.of("scale-list", "list, first pages, p99", 20),
            Target.of("scale-list-deep", "list, page " + DEEP_PAGE + " (deepest), p99", 20),
            Target.of("scale-search", "name search, p99", 20),
            Target.of("scale-view", "case file page, p99", 10),
            new Target("scale-dashboard", "dashboard, p99", Optional.empty()),
            Target.of("scale-large-list", "large service: list, first pages, p99", 30),
            Target.of("scale-large-list-deep", "large service: list, page " + DEEP_PAGE + ", p99", 30),
            Target.of("scale-large-search", "large service: name search, p99", 20),
            Target.of("scale-large-dashboard", "large service: dashboard, p99", 300),
            Target.of("scale-statistics", "platform statistics computed, worst of " + RUNS, 5_000),
            new Target("scale-lifecycle-plan", "lifecycle plan, worst of " + RUNS, Optional.empty()),
            new Target("scale-submit", "submit (JSON API), p99", Optional.empty()));

    /** Clients and seconds of each HTTP scenario. */
    record Settings(int clients, double warmup, double seconds) {}

    private final Services services;
    private final ScaleLoad.Loaded loaded;
    private final BenchHttp http;
    private final Settings settings;

    ScaleBench(Services services, ScaleLoad.Loaded loaded, int port, Settings settings) {
        this.services = services;
        this.loaded = loaded;
        this.http = new BenchHttp(port);
        this.settings = settings;
    }

    Map<String, Latencies> measure(List<String> submitBodies) throws Exception {
        List<Tenant> common = loaded.services();
        Tenant large = loaded.large();
        List<Credentials> credentials = Credentials.signIn(services, common);
        Credentials largeCredentials = Credentials.signIn(services, List.of(large)).get(0);
        List<List<String>> ids = new ArrayList<>();
        for (Tenant tenant : common) {
            ids.add(sampleIds(tenant));
        }
        // What the scheduler's statistics-fold task does every ten minutes, done once after the load:
        // the deltas the triggers wrote for every case file loaded, added into the counts.
        long foldStart = System.nanoTime();
        long folded = services.statistics().foldAll();
        System.out.printf("Statistics: %,d deltas folded into the counts in %.1f s (the scheduler's task, once after the load)%n",
                folded, (System.nanoTime() - foldStart) / 1e9);
        Map<String, Latencies> results = new LinkedHashMap<>();
        results.put("scale-list", pages("list, first pages", common, credentials, i -> "/records?page=" + (1 + i % 5)));
        results.put("scale-list-deep", pages("list, deepest page", common, credentials, i -> "/records?page=" + DEEP_PAGE));
        results.put("scale-search", pages("name search", common, credentials, i -> "/records?q=" + term(i)));
        results.put("scale-view", Workload.run("case file page", settings.clients(), settings.warmup(), settings.seconds(),
                (thread, i) -> {
                    int t = (int) ((thread + i) % common.size());
                    List<String> tenantIds = ids.get(t);
                    http.page("/t/" + common.get(t).slug() + "/records/"
                            + tenantIds.get((int) ((i * 7919 + thread) % tenantIds.size())), credentials.get(t));
                }));
        results.put("scale-dashboard", pages("dashboard", common, credentials, i -> "/dashboard"));
        List<Tenant> largeOnly = List.of(large);
        List<Credentials> largeOnlyCredentials = List.of(largeCredentials);
        results.put("scale-large-list", pages("large: list, first pages", largeOnly, largeOnlyCredentials,
                i -> "/records?page=" + (1 + i % 5)));
        results.put("scale-large-list-deep", pages("large: list, deepest page", largeOnly, largeOnlyCredentials,
                i -> "/records?page=" + (DEEP_PAGE - i % 3)));
        results.put("scale-large-search", pages("large: name search", largeOnly, largeOnlyCredentials,
                i -> "/records?q=" + term(i)));
        results.put("scale-large-dashboard", pages("large: dashboard", largeOnly, largeOnlyCredentials, i -> "/dashboard"));
        List<Tenant> all = loaded.all();
        results.put("scale-statistics", timed("platform statistics", () ->
                services.statistics().compute(all, LocalDate.now(Retention.ZONE))));
        LifecyclePass pass = new LifecyclePass(services.jdbi(), () -> all, services.mapper(), Clock.systemUTC(),
                new PassLock(services.jdbi()), LifecyclePass.BATCH, new Pacing(Pacing.DEFAULT_REST));
        results.put("scale-lifecycle-plan", timed("lifecycle plan", pass::plan));
        // Last: it writes, and the read figures above are of exactly the loaded case files.
        List<Credentials> allCredentials = new ArrayList<>(credentials);
        allCredentials.add(largeCredentials);
        results.put("scale-submit", Workload.run("submit (JSON API)", settings.clients(), settings.warmup(),
                settings.seconds(), (thread, i) -> {
                    int t = (int) ((thread + i) % all.size());
                    http.postJson("/api/v1/tenants/" + all.get(t).slug() + "/records",
                            submitBodies.get((int) ((thread * 31 + i) % submitBodies.size())), allCredentials.get(t), 201);
                }));
        return results;
    }

    private static String term(long iteration) {
        return URLEncoder.encode(TERMS.get((int) (iteration % TERMS.size())), StandardCharsets.UTF_8);
    }

    private interface PathOf {
        String path(long iteration);
    }

    /** A page of each service in turn, from concurrent clients, each signed in to its service. */
    private Latencies pages(String name, List<Tenant> tenants, List<Credentials> credentials, PathOf path)
            throws InterruptedException {
        return Workload.run(name, settings.clients(), settings.warmup(), settings.seconds(), (thread, i) -> {
            int t = (int) ((thread + i) % tenants.size());
            http.page("/t/" + tenants.get(t).slug() + path.path(i), credentials.get(t));
        });
    }

    private interface Computation {
        Object compute() throws Exception;
    }

    /** {@link #RUNS} runs of a computation called directly, one after the other, each timed. */
    private static Latencies timed(String name, Computation computation) throws Exception {
        long[] nanos = new long[RUNS];
        long total = 0;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            computation.compute();
            nanos[run] = System.nanoTime() - start;
            total += nanos[run];
        }
        return Latencies.merge(name, List.of(nanos), 0, Optional.empty(), total / 1e9);
    }

    /** Case files of the service picked at random from the list's index (ids only, no row read). */
    private List<String> sampleIds(Tenant tenant) {
        return services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT id FROM records FORCE INDEX (records_list)
                         WHERE tenant_id = :tenantId ORDER BY RAND() LIMIT 500
                        """)
                .bind("tenantId", tenant.id())
                .map((rs, ctx) -> RecordId.fromBytes(rs.getBytes(1)).toString())
                .list());
    }

    /** Prints each figure with its target, met or not; @return the same, as written to the JSON output */
    static Map<String, Object> report(Map<String, Latencies> results) {
        Map<String, Object> figures = new LinkedHashMap<>();
        System.out.println();
        System.out.println("Scale figures against their targets (issue 22):");
        for (Target target : TARGETS) {
            Latencies latencies = results.get(target.key());
            if (latencies == null) {
                continue;
            }
            if (latencies.nanos().length == 0) {
                // Every request took longer than the window (requests started in the warm-up are not kept).
                System.out.printf("  %-46s no request finished within the %.0f s measured: NOT MET%n", target.label(),
                        latencies.seconds());
                Map<String, Object> figure = new LinkedHashMap<>();
                figure.put("label", target.label());
                figure.put("p99Ms", null);
                target.boundMillis().ifPresent(bound -> figure.put("targetMs", bound));
                figure.put("met", false);
                figures.put(target.key(), figure);
                continue;
            }
            boolean direct = target.key().equals("scale-statistics") || target.key().equals("scale-lifecycle-plan");
            double value = direct ? latencies.percentileMillis(100) : latencies.percentileMillis(99);
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("label", target.label());
            figure.put(direct ? "worstMs" : "p99Ms", Math.round(value * 100.0) / 100.0);
            String verdict;
            if (target.boundMillis().isPresent()) {
                double bound = target.boundMillis().get();
                boolean met = value <= bound;
                figure.put("targetMs", bound);
                figure.put("met", met);
                verdict = String.format("(target <= %.0f ms) %s", bound, met ? "met" : "NOT MET");
            } else {
                verdict = "(no target)";
            }
            System.out.printf("  %-46s %10.1f ms %s%n", target.label(), value, verdict);
            figures.put(target.key(), figure);
        }
        return figures;
    }
}
