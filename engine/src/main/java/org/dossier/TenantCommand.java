package org.dossier;

import java.util.concurrent.Callable;
import org.dossier.audit.Actor;
import org.dossier.db.Database;
import org.dossier.onboarding.ServiceCloner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tenant}: services from the command line, on the configured database. */
@Command(name = "tenant", mixinStandardHelpOptions = true, subcommands = TenantCommand.Clone.class,
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
            if (services != null) {
                return run(services);
            }
            Config config = Config.fromEnvironment();
            try (Database database = Database.open(config)) {
                Services wired = Services.wire(database, config);
                wired.migrations().migrate();
                return run(wired);
            }
        }

        private int run(Services services) {
            try {
                ServiceCloner.Result result = new ServiceCloner(services).cloneService(
                        new ServiceCloner.Request(from, slug, name, admin, adminName), Actor.system("cli:tenant-clone"));
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
}
