package org.dossier.bench;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dossier.Services;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.PassLock;
import org.dossier.tenant.Tenant;

/**
 * The {@code lifecycle} scenario: last activities spread over eight years, then a plan and a full
 * pass, timed, with the list page's latencies measured alone and again while the pass runs.
 * Runs last: the pass deletes case files.
 */
final class LifecycleBench {
    private LifecycleBench() {}

    interface ListLoad {
        Latencies run(String name) throws InterruptedException;
    }

    static void run(Services services, List<Tenant> loaded, ListLoad list, Map<String, Latencies> results)
            throws InterruptedException {
        for (Tenant tenant : loaded) {
            // A deterministic spread over 8 years (2,922 days) back from now.
            services.jdbi().useHandle(handle -> handle.createUpdate("""
                            UPDATE records SET last_activity_at = NOW(6) - INTERVAL (CRC32(id) % 2922) DAY
                             WHERE tenant_id = :t
                            """).bind("t", tenant.id().value()).execute());
        }
        long total = services.jdbi().withHandle(handle -> handle.createQuery("SELECT /* all tenants */ COUNT(*) FROM records")
                .mapTo(Long.class).one());
        LifecyclePass pass = new LifecyclePass(services.jdbi(), () -> loaded, services.mapper(), Clock.systemUTC(),
                new PassLock(services.jdbi()), LifecyclePass.BATCH);

        long planStart = System.nanoTime();
        List<LifecyclePass.ServiceCounts> plan = pass.plan();
        double planSeconds = (System.nanoTime() - planStart) / 1e9;
        long archived = plan.stream().mapToLong(LifecyclePass.ServiceCounts::archived).sum();
        long due = plan.stream().mapToLong(LifecyclePass.ServiceCounts::deleted).sum();

        results.put("list-before-pass", list.run("list page, no pass running"));
        long passStart = System.nanoTime();
        CompletableFuture<LifecyclePass.Run> running = CompletableFuture.supplyAsync(
                () -> pass.run("bench", LifecyclePass.Progress.NONE).orElseThrow());
        results.put("list-during-pass", list.run("list page, pass running beside"));
        LifecyclePass.Run run = running.join();
        double passSeconds = (System.nanoTime() - passStart) / 1e9;

        System.out.printf("%nLifecycle: %d case files over 8 years in %d services%n", total, loaded.size());
        System.out.printf("  plan: %.2f s (%.0f case files/min examined): %d archived, %d due for deletion%n",
                planSeconds, total * 60 / planSeconds, archived, due);
        System.out.printf("  pass (archive count + delete): %.1f s, %d deleted (%.0f deleted/min, %.0f case files/min examined), %s%n",
                passSeconds, run.deleted(), run.deleted() * 60 / passSeconds, total * 60 / passSeconds, run.outcome());
        Latencies before = results.get("list-before-pass");
        Latencies during = results.get("list-during-pass");
        System.out.printf("  list page p99: %.1f ms alone, %.1f ms during the pass (x%.2f; target <= x2)%s%n",
                before.percentileMillis(99), during.percentileMillis(99),
                during.percentileMillis(99) / before.percentileMillis(99),
                passSeconds < during.seconds() ? " — the pass ended before the measure: raise --seconds to cover it" : "");
    }
}
