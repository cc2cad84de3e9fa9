package org.dossier;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dossier.audit.Actor;
import org.dossier.tenantmove.ServiceExport;
import org.dossier.tenantmove.ServiceImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tenant export} and {@code tenant import}: a service moved whole, as one archive, between
 * installations or under a new slug. Progress is printed a line per table with counts and seconds.
 */
final class TenantMoveCommands {
    private TenantMoveCommands() {}

    /** {@code tenant export --slug s --output FILE --passphrase-file P}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write one archive (ZIP) of everything of a service: rows, members, attachments, audit log.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--slug", required = true, description = "Slug of the service.")
        String slug;

        @Option(names = "--output", required = true, description = "The archive to write (must not exist).")
        Path output;

        @Option(names = "--passphrase-file", required = true, description = "A file whose first line is the passphrase"
                + " (at least 12 characters) that wraps the service's data key in the archive.")
        Path passphraseFile;

        /** Set by tests to run against their database. */
        Services services;
        PrintStream out = System.out;

        @Override
        public Integer call() {
            return TenantCommand.onDatabase(services, wired -> {
                try {
                    ServiceExport.Exported exported = new ServiceExport(wired.jdbi(), wired.attachmentStore(),
                            wired.encryption(), wired.mapper(), wired.audit(), Clock.systemUTC())
                            .export(slug, passphrase(passphraseFile), output, Actor.system("cli:tenant-export"), out::println);
                    out.println("Exported service " + slug + " to " + exported.file() + " (" + exported.bytes() + " bytes, "
                            + exported.tables().values().stream().mapToLong(Long::longValue).sum() + " rows, "
                            + exported.members() + " member account(s), " + exported.attachments() + " attachment(s), schema version "
                            + exported.schemaVersion() + ").");
                    out.println("Keep the passphrase apart from the archive: without it the confidential values do not open.");
                    return 0;
                } catch (DomainException e) {
                    System.err.println("Refused: " + e.code() + " (" + e.getMessage() + ")");
                    return 2;
                } catch (UncheckedIOException e) {
                    System.err.println("Export failed, no archive written: " + e.getMessage());
                    return 1;
                }
            });
        }
    }

    /** {@code tenant import --input FILE --passphrase-file P [--slug new-slug]}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Load a service archive into this installation, under its slug or a new one, all or nothing.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "The archive written by 'tenant export'.")
        Path input;

        @Option(names = "--slug", description = "Slug of the service here (default: the archive's).")
        String slug;

        @Option(names = "--passphrase-file", description = "A file whose first line is the export's passphrase"
                + " (required when the service has confidential values).")
        Path passphraseFile;

        @Option(names = "--one-time-passwords", description = "Give each account created here (a member unknown to this"
                + " installation) a one-time password, printed once, to change at first sign-in; without it they have none.")
        boolean oneTimePasswords;

        /** Set by tests to run against their database. */
        Services services;
        PrintStream out = System.out;

        @Override
        public Integer call() {
            return TenantCommand.onDatabase(services, wired -> {
                try {
                    ServiceImport.Imported imported = new ServiceImport(wired.jdbi(), wired.attachmentStore(),
                            wired.encryption(), wired.mapper(), wired.audit(), wired.tenants(), Clock.systemUTC())
                            .load(input, passphraseFile == null ? null : passphrase(passphraseFile),
                                    new ServiceImport.Options(Optional.ofNullable(slug), oneTimePasswords),
                                    Actor.system("cli:tenant-import"), out::println);
                    out.println("Imported service " + imported.slug() + " (id " + imported.tenantId()
                            + (imported.sameIds() ? ", the source's ids" : ", new ids where the source's were taken")
                            + ") in " + imported.took().toMillis() + " ms: "
                            + imported.tables().values().stream().mapToLong(Long::longValue).sum() + " rows, "
                            + imported.accountsMatched() + " account(s) matched by e-mail, " + imported.accountsCreated()
                            + " created " + (oneTimePasswords ? "with a one-time password." : "without a usable password."));
                    imported.oneTimePasswords().forEach(account -> out.println("  " + account.email()
                            + ": one-time password " + account.password() + " (to change at first sign-in)"));
                    return 0;
                } catch (DomainException e) {
                    System.err.println("Refused: " + e.code() + " (" + e.getMessage() + ")");
                    return 2;
                } catch (UncheckedIOException e) {
                    System.err.println("Import failed, nothing imported: " + e.getMessage());
                    return 1;
                }
            });
        }
    }

    /** The first line of the file, never from the command line (where other users of the machine read it). */
    static String passphrase(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the passphrase file " + file + " could not be read: " + e.getMessage(), e);
        }
    }
}
