package org.dossier;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.dossier.audit.Actor;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.RetentionPolicy;
import org.dossier.retention.RetentionSettings;
import org.dossier.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tenant retention <slug> [--active N --kept M [--yes]]}: a service's retention from the
 * command line, as on its page: the current setting; with new values, what the next lifecycle pass
 * would do under both (nothing changed); with {@code --yes}, the change, audited.
 */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Show or set how long a service keeps its case files (active years, kept years).")
final class TenantRetentionCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Slug of the service.")
    String slug;

    @Option(names = "--active", description = "Active years, the year of the last activity included ("
            + RetentionPolicy.MIN_ACTIVE + " to " + RetentionPolicy.MAX_ACTIVE + ").")
    Integer active;

    @Option(names = "--kept", description = "Years kept after the year of the last activity, archive included "
            + "(from the active years to " + RetentionPolicy.MAX_KEPT + ").")
    Integer kept;

    @Option(names = "--yes", description = "Apply the change (without it, only show what it would do).")
    boolean yes;

    /** Set by tests to run against their database. */
    Services services;

    @Override
    public Integer call() {
        return TenantCommand.onDatabase(services, this::run);
    }

    private int run(Services wired) {
        try {
            Tenant tenant = wired.tenants().require(slug);
            System.out.println(slug + ": " + describe(tenant.retention()));
            if (active == null && kept == null) {
                return 0;
            }
            if (active == null || kept == null) {
                System.err.println("Give both --active and --kept.");
                return 2;
            }
            RetentionSettings settings = new RetentionSettings(wired.jdbi(), wired.tenants(), wired.audit(),
                    wired.mapper(), Clock.systemUTC());
            RetentionSettings.Impact impact = settings.preview(tenant, new RetentionPolicy(active, kept));
            System.out.println("new: " + describe(impact.proposed()));
            System.out.println("next pass, current -> new: " + counts(impact.now()) + " -> " + counts(impact.then()));
            if (!impact.changes()) {
                System.out.println("Nothing to change.");
                return 0;
            }
            if (!yes) {
                System.out.println("Nothing changed; add --yes to apply.");
                return 0;
            }
            settings.change(slug, impact.current(), impact.proposed(), Actor.system("cli:tenant-retention"));
            System.out.println("Changed; audited tenant.retention.changed.");
            return 0;
        } catch (DomainException e) {
            System.err.println("Refused, nothing changed: " + e.code() + " (" + e.getMessage() + ")");
            return 1;
        }
    }

    private static String describe(RetentionPolicy policy) {
        return policy.activeYears() + " active year(s), kept " + policy.keptYears() + " year(s)"
                + (policy.isDefault() ? " (the platform's default)" : "");
    }

    private static String counts(LifecyclePass.ServiceCounts counts) {
        return "archived " + counts.archived() + ", deleted " + counts.deleted() + ", held " + counts.held();
    }
}
