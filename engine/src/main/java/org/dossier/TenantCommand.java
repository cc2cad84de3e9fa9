package org.dossier;

import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import org.dossier.audit.Actor;
import org.dossier.db.Database;
import org.dossier.offboarding.DeletedKind;
import org.dossier.offboarding.DeletionCounts;
import org.dossier.offboarding.ServiceDeletion;
import org.dossier.onboarding.CloneRequest;
import org.dossier.onboarding.ClonedService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tenant}: services from the command line, on the configured database. */
@Command(name = "tenant", mixinStandardHelpOptions = true,
        subcommands = {TenantCommand.Clone.class, TenantCommand.Suspend.class, TenantCommand.Resume.class,
                TenantCommand.Delete.class, TenantRetentionCommand.class, TenantMoveCommands.Export.class,
                TenantMoveCommands.Import.class},
        description = "Manage services (tenants).")
final class TenantCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /**
     * {@code tenant clone --from pasq --slug service-c --name "Service C" --admin someone@example.org}:
     * one transaction, printed result and time.
     */
    @Command(name = "clone", mixinStandardHelpOptions = true,
            description = "Create a service by cloning an existing one (form, modules, colour, logo; no case file).")
    static final class Clone implements Callable<Integer> {
        @Option(names = "--from", required = true, description = "Slug of the service to clone.")
        String from;

        @Option(names = "--slug", required = true, description = "Slug of the new service (lower-case, digits, hyphens).")
        String slug;

        @Option(names = "--name", required = true, description = "Name of the new service.")
        String name;

        @Option(names = "--admin", required = true, description = "E-mail of the new service's first admin.")
        String admin;

        @Option(names = "--admin-name", description = "Display name of the first admin (default: the e-mail).")
        String adminName;

        /** Set by tests to run against their database; otherwise the command opens the configured one. */
        Services services;

        @Override
        public Integer call() {
            return onDatabase(services, this::run);
        }

        private int run(Services services) {
            try {
                ClonedService result = services.onboarding().clone(new CloneRequest(from, slug, name, admin, adminName),
                        Actor.system("cli:tenant-clone"));
                System.out.println("Created service " + result.tenant().slug() + " (\"" + result.tenant().name()
                        + "\") from " + result.source().slug());
                System.out.println("  form: version " + result.formVersion() + ", a copy of "
                        + result.source().slug() + "'s published form with its own fields and modules");
                System.out.println("  branding: colour " + result.tenant().primaryColor()
                        + (result.tenant().logoVersion() > 0 ? ", logo copied" : ", no logo"));
                System.out.println("  first admin: " + result.adminEmail()
                        + result.oneTimePassword().map(password -> " (new account, one-time password: " + password + ")")
                        .orElse(" (existing account)"));
                System.out.println("  took " + result.took().toMillis() + " ms from request to working form");
                return 0;
            } catch (DomainException e) {
                System.err.println("Refused, nothing created: " + e.code() + " (" + e.getMessage() + ")");
                return 1;
            }
        }
    }

    /** Runs on the test's services when given, otherwise on the configured database, migrated first. */
    static int onDatabase(Services given, ToIntFunction<Services> command) {
        if (given != null) {
            return command.applyAsInt(given);
        }
        Config config = Config.fromEnvironment();
        try (Database database = Database.open(config.database())) {
            Services wired = Services.wire(database, config);
            wired.encryption().master(); // a wrong master key stops here, before anything is written
            wired.migrations().migrate();
            return command.applyAsInt(wired);
        }
    }

    /**
     * {@code tenant suspend --slug pasq [--reason "..."]}: its members are shut out at once, its data kept.
     * A running server on another process sees it within its few seconds of cached lookups.
     */
    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspend a service: its members can no longer sign in to it nor use its API; its data is kept.")
    static final class Suspend implements Callable<Integer> {
        @Option(names = "--slug", required = true, description = "Slug of the service.")
        String slug;

        @Option(names = "--reason", description = "Why, for the audit log (no personal data).")
        String reason;

        /** Set by tests to run against their database. */
        Services services;

        @Override
        public Integer call() {
            return onDatabase(services, wired -> {
                try {
                    wired.suspension().suspend(slug, reason, Actor.system("cli:tenant-suspend"));
                    System.out.println("Suspended service " + slug + ": its members are shut out, its data is kept.");
                    return 0;
                } catch (DomainException e) {
                    System.err.println("Refused, nothing changed: " + e.code() + " (" + e.getMessage() + ")");
                    return 1;
                }
            });
        }
    }

    /** {@code tenant resume --slug pasq}: its members work in it again, with everything as it was. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a suspended service.")
    static final class Resume implements Callable<Integer> {
        @Option(names = "--slug", required = true, description = "Slug of the service.")
        String slug;

        /** Set by tests to run against their database. */
        Services services;

        @Override
        public Integer call() {
            return onDatabase(services, wired -> {
                try {
                    wired.suspension().resume(slug, Actor.system("cli:tenant-resume"));
                    System.out.println("Resumed service " + slug + ": its members can work in it again.");
                    return 0;
                } catch (DomainException e) {
                    System.err.println("Refused, nothing changed: " + e.code() + " (" + e.getMessage() + ")");
                    return 1;
                }
            });
        }
    }

    /** {@code tenant delete --slug pasq --confirm pasq}: everything of a suspended service, in one transaction. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a suspended service and all its data; only an audit tombstone with counts remains.")
    static final class Delete implements Callable<Integer> {
        @Option(names = "--slug", required = true, description = "Slug of the service.")
        String slug;

        @Option(names = "--confirm", required = true, description = "The slug again, to confirm.")
        String confirm;

        /** Set by tests to run against their database. */
        Services services;

        @Override
        public Integer call() {
            return onDatabase(services, wired -> {
                try {
                    ServiceDeletion.Report report = wired.deletion().delete(slug, confirm, Actor.system("cli:tenant-delete"));
                    DeletionCounts counts = report.counts();
                    System.out.println("Deleted service " + report.slug() + " in " + report.took().toMillis() + " ms");
                    for (DeletedKind kind : DeletedKind.values()) {
                        System.out.println("  " + kind.key() + ": " + counts.of(kind));
                    }
                    System.out.println("  unlinkedClones: " + counts.unlinkedClones());
                    System.out.println("  redactedPlatformEvents: " + counts.redactedPlatformEvents());
                    System.out.println("Kept: the platform audit event tenant.deleted (slug, counts, who, when; no personal data).");
                    return 0;
                } catch (DomainException e) {
                    System.err.println("Refused, nothing deleted: " + e.code() + " (" + e.getMessage() + ")");
                    return 1;
                }
            });
        }
    }
}
