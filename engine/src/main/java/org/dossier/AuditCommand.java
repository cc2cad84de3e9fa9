package org.dossier;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.dossier.audit.ChainVerifier;
import org.dossier.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit verify [--tenant slug]}: checks the audit log's hash chains on the configured database. */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = AuditCommand.Verify.class,
        description = "The tamper-evident audit log.")
final class AuditCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the audit chains (every service's and the platform's, or one service's): "
                    + "length and first broken link. Exit code 1 when a chain is broken, 2 for an unknown service.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--tenant", description = "Slug of the one service to verify.")
        String tenant;

        /** Set by tests to run against their database. */
        Services services;
        PrintStream out = System.out;

        @Override
        public Integer call() {
            return TenantCommand.onDatabase(services, wired -> {
                ChainVerifier verifier = new ChainVerifier(wired.jdbi());
                List<ChainVerifier.Report> reports;
                if (tenant == null) {
                    reports = verifier.verifyAll();
                } else {
                    Tenant found = wired.tenants().find(tenant).orElse(null);
                    if (found == null) {
                        System.err.println("No service with slug " + tenant
                                + " (a deleted service's events went with it: there is no chain left to verify).");
                        return 2;
                    }
                    reports = List.of(verifier.verify(found.id().value(), found.slug()));
                }
                out.printf("%-30s %10s %10s  %s%n", "chain", "events", "redacted", "verdict");
                for (ChainVerifier.Report report : reports) {
                    out.printf("%-30s %10d %10d  %s%n", report.platform() ? "(platform)" : report.slug(), report.length(),
                            report.redacted(), verdict(report));
                }
                long broken = reports.stream().filter(report -> !report.intact()).count();
                out.println(broken == 0 ? "Every chain verifies." : broken + " chain(s) broken.");
                return broken == 0 ? 0 : 1;
            });
        }

        static String verdict(ChainVerifier.Report report) {
            return report.firstBreak().map(broken -> "BROKEN at " + (broken.position() > 0 ? "event " + broken.position()
                            : "an event outside the chain") + ": " + broken.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + broken.eventId().map(id -> " (event " + id + ", " + broken.action().orElse("") + " at "
                            + broken.occurredAt().map(Object::toString).orElse("") + ")")
                            .orElse(" (missing at the end of the chain)"))
                    .orElse("intact");
        }
    }
}
