package org.dossier;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.Pacing;
import org.dossier.retention.PassLock;
import org.dossier.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lifecycle run} and {@code lifecycle plan}: the case-file lifecycle pass on demand, on the
 * configured database. {@code run} takes the same database lock as the nightly pass of every node.
 */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
        subcommands = {LifecycleCommand.Run.class, LifecycleCommand.Plan.class},
        description = "The case-file data lifecycle: archive what left the active years, delete what is due.")
final class LifecycleCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static LifecyclePass pass(Services services) {
        return new LifecyclePass(services.jdbi(), services.tenants(), services.mapper(), Clock.systemUTC(),
                services.attachments()::afterCommit);
    }

    /** A pass on the command's options: batch size, lease, rest between batches, one service or all. */
    static LifecyclePass pass(Services services, int batch, int leaseSeconds, double rest, String service) {
        Supplier<List<Tenant>> tenants = service == null ? services.tenants()::listAll
                : () -> services.tenants().listAll().stream().filter(tenant -> tenant.slug().equals(service)).toList();
        return new LifecyclePass(services.jdbi(), tenants, services.mapper(), Clock.systemUTC(),
                new PassLock(services.jdbi(), Duration.ofSeconds(leaseSeconds)), batch, new Pacing(rest),
                services.attachments()::afterCommit);
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Dry run: per service, how many case files a pass would archive, delete, and leaves held. Changes nothing.")
    static final class Plan implements Callable<Integer> {
        /** Set by tests to run against their database and pass. */
        Services services;
        LifecyclePass pass;
        PrintStream out = System.out;

        @Override
        public Integer call() {
            return TenantCommand.onDatabase(services, wired -> {
                LifecyclePass chosen = pass != null ? pass : pass(wired);
                out.printf("%-30s %10s %10s %10s%n", "service", "archived", "to delete", "held");
                long archived = 0;
                long deleted = 0;
                long held = 0;
                for (LifecyclePass.ServiceCounts service : chosen.plan()) {
                    out.printf("%-30s %10d %10d %10d%n", service.slug(), service.archived(), service.deleted(), service.held());
                    archived += service.archived();
                    deleted += service.deleted();
                    held += service.held();
                }
                out.printf("%-30s %10d %10d %10d%n", "total", archived, deleted, held);
                out.println("Nothing was changed (dry run).");
                return 0;
            });
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a pass now: delete the case files due for deletion, service by service, and record the run.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--batch", defaultValue = "" + LifecyclePass.BATCH,
                description = "Case files deleted per transaction (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--lease-seconds", defaultValue = "300",
                description = "How long the pass's lock outlives a pass that stopped extending it, killed (default: ${DEFAULT-VALUE}).")
        int leaseSeconds;

        @Option(names = "--rest", defaultValue = "" + Pacing.DEFAULT_REST,
                description = "Rest after each batch, in multiples of the time it took, to leave the machine to the pages (default: ${DEFAULT-VALUE}; 0: none).")
        double rest;

        @Option(names = "--service", description = "Only this service (its slug); every service by default.")
        String service;

        Services services;
        LifecyclePass pass;
        PrintStream out = System.out;

        @Override
        public Integer call() {
            return TenantCommand.onDatabase(services, wired -> {
                LifecyclePass chosen = pass != null ? pass : pass(wired, batch, leaseSeconds, rest, service);
                long started = System.nanoTime();
                LifecyclePass.Progress progress = (slug, done, total) -> {
                    double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
                    out.printf("%s: %d/%d deleted (%.0f case files/min)%n", slug, done, total, done * 60 / seconds);
                };
                Optional<LifecyclePass.Run> run = chosen.run("cli:lifecycle-run", progress);
                if (run.isEmpty()) {
                    System.err.println("Another lifecycle pass is running (a node's nightly pass or another command); nothing done.");
                    return 2;
                }
                LifecyclePass.Run done = run.get();
                out.printf("Run %s %s in %d ms: %d case file(s) deleted%n", done.id(), done.outcome(),
                        done.finishedAt().toEpochMilli() - done.startedAt().toEpochMilli(), done.deleted());
                for (LifecyclePass.ServiceCounts service : done.services()) {
                    out.printf("  %-30s archived %d, deleted %d (with %d attachment(s)), held %d%n", service.slug(),
                            service.archived(), service.deleted(), service.attachments(), service.held());
                }
                done.errors().forEach(error -> System.err.println("  error: " + error));
                return done.errors().isEmpty() ? 0 : 1;
            });
        }
    }
}
