package org.dossier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.dossier.crypto.KeyRotation;
import org.dossier.crypto.MasterKey;
import org.dossier.crypto.MasterKeys;
import org.dossier.crypto.WrongMasterKeyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keys rotate --new-key-file F}: re-wraps every service's data key with a new master key,
 * read from {@code F}, on the configured database (whose current key is configured as for
 * {@code serve}). Case files are not rewritten.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, subcommands = {KeysCommand.Rotate.class},
        description = "The master key of confidential data.")
final class KeysCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Re-wrap every service's data key with the master key in --new-key-file (32 bytes, base64).")
    static final class Rotate implements Callable<Integer> {
        @Option(names = "--new-key-file", required = true,
                description = "File holding the new master key in base64 (e.g. openssl rand -base64 32 > new.key).")
        Path newKeyFile;

        /** Set by tests to run against their database. */
        Services services;
        Config config;
        PrintStream out = System.out;

        @Override
        public Integer call() {
            Config chosen = config != null ? config : Config.fromEnvironment();
            MasterKey next;
            try {
                next = MasterKeys.read(newKeyFile);
            } catch (WrongMasterKeyException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            try {
                return TenantCommand.onDatabase(services, wired -> {
                    MasterKey current = wired.encryption().master();
                    int rewrapped = KeyRotation.rotate(wired.jdbi(), current, next);
                    out.printf("Re-wrapped %d service data key(s) with the master key from %s; no case file was rewritten.%n",
                            rewrapped, newKeyFile);
                    boolean defaultFile = chosen.masterKey().base64().isEmpty() && chosen.masterKey().file().isEmpty();
                    if (defaultFile) {
                        Path file = MasterKeys.defaultFile(chosen.dataDir());
                        replace(file, next);
                        out.printf("%s now holds the new key. Destroy every copy of the old one.%n", file);
                    } else {
                        out.println("Now point DOSSIER_MASTER_KEY_FILE (or DOSSIER_MASTER_KEY) at the new key on every node,"
                                + " start them, and destroy every copy of the old key.");
                    }
                    return 0;
                });
            } catch (WrongMasterKeyException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }

        /** Replaces the default key file in one rename, owner-only like the file it replaces. */
        private static void replace(Path file, MasterKey next) {
            try {
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".master", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, next.base64() + "\n", StandardCharsets.US_ASCII);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new IllegalStateException("The data keys are wrapped with the new key, but " + file
                        + " could not be replaced: copy " + "the new key file there by hand", e);
            }
        }
    }
}
