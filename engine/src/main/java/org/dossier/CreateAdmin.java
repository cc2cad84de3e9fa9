package org.dossier;

import java.io.Console;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code create-admin}: creates a super-admin (or makes an existing account one) on the configured
 * database. The password is asked twice on the terminal, without echo; without a terminal it is
 * read from {@code DOSSIER_ADMIN_PASSWORD}. It never appears on the command line.
 */
@Command(name = "create-admin", mixinStandardHelpOptions = true,
        description = "Create a super-admin account (password asked on the terminal, or from DOSSIER_ADMIN_PASSWORD).")
final class CreateAdmin implements Callable<Integer> {
    @Option(names = "--email", required = true, description = "The super-admin's e-mail, used to sign in.")
    String email;

    @Option(names = "--name", description = "Display name (default: the e-mail).")
    String name;

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment();
        Optional<String> password = password(config);
        if (password.isEmpty()) {
            return 2;
        }
        try (Database database = Database.open(config.database())) {
            Services services = Services.wire(database, config);
            services.encryption().master(); // a wrong master key stops here, before anything is written
            services.migrations().migrate();
            User user = services.accounts().ensureSuperAdmin(email, name == null ? email : name, password.get(),
                    Actor.system("create-admin"));
            System.out.println("Super-admin ready: " + user.email());
            return 0;
        } catch (DomainException e) {
            System.err.println("Refused: " + e.code() + " (" + e.getMessage() + ")");
            return 1;
        }
    }

    private static Optional<String> password(Config config) {
        Console console = System.console();
        if (console == null) {
            if (config.accounts().adminPassword().isEmpty()) {
                System.err.println("No terminal: set DOSSIER_ADMIN_PASSWORD to give the password.");
            }
            return config.accounts().adminPassword();
        }
        char[] first = console.readPassword("Password (at least 12 characters): ");
        char[] second = console.readPassword("Same password again: ");
        try {
            if (first == null || !Arrays.equals(first, second)) {
                System.err.println("The two passwords differ.");
                return Optional.empty();
            }
            return Optional.of(new String(first));
        } finally {
            if (first != null) {
                Arrays.fill(first, ' ');
            }
            if (second != null) {
                Arrays.fill(second, ' ');
            }
        }
    }
}
