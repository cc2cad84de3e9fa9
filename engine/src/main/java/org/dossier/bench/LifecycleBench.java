package org.dossier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dossier.Services;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.Pacing;
import org.dossier.retention.PassLock;
import org.dossier.tenant.Tenant;

/**
 * The {@code lifecycle} scenario: last activities spread over eight years, then a plan and a full
 * pass, timed step by step (plan; the archive count; the deletions), with the list page's
 * latencies measured alone and again for the whole length of the pass, and what the database and
 * the machine did meanwhile (row-lock waits, pages read from disk, busy CPU), to tell why the
 * pages slow down when they do. Runs last: the pass deletes case files.
 */
final class LifecycleBench {
    private static final List<String> STATUS = List.of("Innodb_row_lock_waits", "Innodb_row_lock_time",
            "Innodb_buffer_pool_reads", "Innodb_buffer_pool_read_requests", "Innodb_buffer_pool_pages_flushed");

    private LifecycleBench() {}

    interface ListLoad {
        Latencies run(String name) throws InterruptedException;
    }

    /** The pass as measured: batch size and rest between batches. */
    record Settings(int batch, double rest) {}

    static void run(Services services, List<Tenant> loaded, ListLoad list, Map<String, Latencies> results,
                    Settings settings) throws InterruptedException {
        for (Tenant tenant : loaded) {
            // A deterministic spread over 8 years (2,922 days) back from now.
            services.jdbi().useHandle(handle -> handle.createUpdate("""
                            UPDATE records SET last_activity_at = NOW(6) - INTERVAL (CRC32(id) % 2922) DAY
                             WHERE tenant_id = :t
                            """).bind("t", tenant.id().value()).execute());
        }
        // That update rewrote every index holding last_activity_at: until InnoDB has purged the old
        // entries, index scans (the list's) wade through them. Measure on a settled database.
        awaitPurge(services);
        long total = services.jdbi().withHandle(handle -> handle.createQuery("SELECT /* all tenants */ COUNT(*) FROM records")
                .mapTo(Long.class).one());
        Steps steps = new Steps();
        LifecyclePass pass = new LifecyclePass(services.jdbi(), () -> loaded, services.mapper(), Clock.systemUTC(),
                new PassLock(services.jdbi()), settings.batch(), new Pacing(settings.rest()));

        long planStart = System.nanoTime();
        List<LifecyclePass.ServiceCounts> plan = pass.plan();
        double planSeconds = (System.nanoTime() - planStart) / 1e9;
        long archived = plan.stream().mapToLong(LifecyclePass.ServiceCounts::archived).sum();
        long due = plan.stream().mapToLong(LifecyclePass.ServiceCounts::deleted).sum();

        Window quiet = Window.open(services);
        results.put("list-before-pass", list.run("list page, no pass running"));
        Window.Delta quietDelta = quiet.close(services);

        Window busy = Window.open(services);
        long passStart = System.nanoTime();
        steps.start(passStart);
        CompletableFuture<LifecyclePass.Run> running = CompletableFuture.supplyAsync(
                () -> pass.run("bench", steps).orElseThrow());
        // The list is measured in windows for as long as the pass runs, so its figures cover all of it.
        List<Latencies> windows = new ArrayList<>();
        while (!running.isDone()) {
            windows.add(list.run("list page, pass running beside"));
        }
        LifecyclePass.Run run = running.join();
        double passSeconds = (System.nanoTime() - passStart) / 1e9;
        Window.Delta busyDelta = busy.close(services);
        Latencies during = Latencies.merge("list page, pass running beside", windows.stream().map(Latencies::nanos).toList(),
                windows.stream().mapToLong(Latencies::errors).sum(),
                windows.stream().map(Latencies::firstError).flatMap(Optional::stream).findFirst(),
                windows.stream().mapToDouble(Latencies::seconds).sum());
        results.put("list-during-pass", during);

        System.out.printf("%nLifecycle: %d case files over 8 years in %d services (batch %d, rest %.2f x work)%n",
                total, loaded.size(), settings.batch(), settings.rest());
        System.out.printf("  plan: %.2f s (%.0f case files/min examined): %d archived, %d due for deletion%n",
                planSeconds, total * 60 / planSeconds, archived, due);
        System.out.printf("  archive (counted per service, no write): %.2f s (%.0f case files/min examined)%n",
                steps.countSeconds(), total * 60 / steps.countSeconds());
        System.out.printf("  delete: %.1f s, %d deleted (%.0f deleted/min)%n", steps.deleteSeconds(), run.deleted(),
                run.deleted() * 60 / steps.deleteSeconds());
        System.out.printf("  pass in all: %.1f s (%.0f deleted/min, %.0f case files/min examined), %s%n",
                passSeconds, run.deleted() * 60 / passSeconds, total * 60 / passSeconds, run.outcome());
        Latencies before = results.get("list-before-pass");
        System.out.printf("  list page p99: %.1f ms alone, %.1f ms during the pass (x%.2f; target <= x2); p50 %.1f -> %.1f ms%n",
                before.percentileMillis(99), during.percentileMillis(99),
                during.percentileMillis(99) / before.percentileMillis(99), before.percentileMillis(50),
                during.percentileMillis(50));
        System.out.printf("  alone:  %s%n  during: %s%n", quietDelta, busyDelta);
    }

    /** Waits (10 minutes at most) until InnoDB's history list of undo to purge is short again. */
    private static void awaitPurge(Services services) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        long started = System.nanoTime();
        long length = Long.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            length = services.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT FROM information_schema.innodb_metrics WHERE name = 'trx_rseg_history_len'")
                    .mapTo(Long.class).findOne().orElse(0L));
            if (length < 1_000) {
                break;
            }
            Thread.sleep(2_000);
        }
        System.out.printf("Purge settled in %.0f s (history list length %d)%n", (System.nanoTime() - started) / 1e9, length);
    }

    /** The pass's steps, timed from its progress: a service's counts end at its first report. */
    private static final class Steps implements LifecyclePass.Progress {
        private long last;
        private long countNanos;
        private long deleteNanos;

        void start(long nanos) {
            last = nanos;
        }

        @Override
        public synchronized void deleted(String slug, long done, long total) {
            long now = System.nanoTime();
            if (done == 0) {
                countNanos += now - last;
            } else {
                deleteNanos += now - last;
            }
            last = now;
        }

        synchronized double countSeconds() {
            return Math.max(countNanos / 1e9, 1e-3);
        }

        synchronized double deleteSeconds() {
            return Math.max(deleteNanos / 1e9, 1e-3);
        }
    }

    /** What the database and the machine did over a measure: status counters and busy CPU from /proc/stat. */
    private record Window(Map<String, Long> status, long[] cpu, long started) {
        static Window open(Services services) {
            return new Window(status(services), readCpu(), System.nanoTime());
        }

        Delta close(Services services) {
            Map<String, Long> after = status(services);
            Map<String, Long> delta = new LinkedHashMap<>();
            after.forEach((name, value) -> delta.put(name, value - status.getOrDefault(name, 0L)));
            long[] now = readCpu();
            double busy = now[1] - cpu[1] == 0 ? Double.NaN : (double) (now[0] - cpu[0]) / (now[1] - cpu[1]);
            return new Delta(delta, busy, (System.nanoTime() - started) / 1e9);
        }

        private static Map<String, Long> status(Services services) {
            Map<String, Long> values = new LinkedHashMap<>();
            services.jdbi().useHandle(handle -> handle.createQuery("SHOW GLOBAL STATUS WHERE Variable_name IN (<names>)")
                    .bindList("names", STATUS)
                    .map((rs, ctx) -> values.put(rs.getString(1), rs.getLong(2))).list());
            return values;
        }

        /** Busy and total jiffies of the whole machine (every process, other work included). */
        private static long[] readCpu() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long totalJiffies = 0;
                for (int i = 1; i < fields.length; i++) {
                    totalJiffies += Long.parseLong(fields[i]);
                }
                long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                return new long[] {totalJiffies - idle, totalJiffies};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }

        record Delta(Map<String, Long> status, double busyCpu, double seconds) {
            @Override
            public String toString() {
                return String.format("%.0f s, machine CPU busy %.0f%%, row-lock waits %d (%d ms), pages read from disk %d"
                                + " of %d reads, pages flushed %d",
                        seconds, busyCpu * 100, status.getOrDefault("Innodb_row_lock_waits", 0L),
                        status.getOrDefault("Innodb_row_lock_time", 0L),
                        status.getOrDefault("Innodb_buffer_pool_reads", 0L),
                        status.getOrDefault("Innodb_buffer_pool_read_requests", 0L),
                        status.getOrDefault("Innodb_buffer_pool_pages_flushed", 0L));
            }
        }
    }
}
