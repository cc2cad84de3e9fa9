package org.dossier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dossier.audit.Actor;
import org.dossier.backup.BackupFailedException;
import org.dossier.backup.BackupRestore;
import org.dossier.backup.BackupWriter;
import org.dossier.backup.Backups;
import org.dossier.backup.RestoreRefusedException;
import org.dossier.db.Database;
import org.dossier.json.StrictJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backup run} writes an archive of the whole installation now; {@code backup restore FILE}
 * loads one into an empty data directory. Progress is printed a line per step.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        subcommands = {BackupCommand.Run.class, BackupCommand.Restore.class},
        description = "Backups of the whole installation: the database and the attachments' files.")
final class BackupCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Write a backup now: one compressed archive named by date and time, then remove those past the retention.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--output", description = "Directory of the archives (default: DOSSIER_BACKUP_DIR, else <data dir>/backups).")
        Path output;

        PrintStream out = System.out;

        @Override
        public Integer call() {
            Config config = Config.fromEnvironment();
            if (config.dbUrl().isEmpty()) {
                if (!Files.isDirectory(config.dataDir().resolve("mariadb"))) {
                    System.err.println("No installation in " + config.dataDir() + " (no embedded database there):"
                            + " set DOSSIER_DATA_DIR to the server's data directory. Nothing done.");
                    return 2;
                }
                Optional<String> running = runningServer(config.dataDir());
                if (running.isPresent()) {
                    System.err.println("A server runs on " + config.dataDir() + " (" + running.get() + "): its nightly"
                            + " backup (DOSSIER_BACKUP_AT) writes the archives while it runs; stop it to back up from"
                            + " the command line. Nothing done.");
                    return 2;
                }
            }
            long started = System.nanoTime();
            // No migration here: a backup taken before an upgrade must hold the schema as it was.
            try (Database database = Database.open(config.database())) {
                out.println("database opened in " + String.format(java.util.Locale.ROOT, "%.1f s",
                        (System.nanoTime() - started) / 1e9));
                Services services = Services.wire(database, config);
                Backups backups = Backups.of(database, services, config);
                if (output != null) {
                    backups = backups.withDirectory(output);
                }
                if (backups.unavailable().isPresent()) {
                    System.err.println("No backup written. " + backups.unavailable().get());
                    return 2;
                }
                BackupWriter.Written written = backups.run(Actor.system("cli:backup-run"), out::println);
                out.println("Backup written: " + written.file() + " (" + written.bytes() + " bytes, "
                        + written.manifest().rows() + " rows, " + written.manifest().attachmentFiles()
                        + " attachment file(s), schema version " + written.manifest().schemaVersion() + ")");
                return 0;
            } catch (BackupFailedException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }

    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restore a backup into an empty data directory (the database, the attachments); then 'serve' starts on it.")
    static final class Restore implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The archive written by 'backup run'.")
        Path file;

        @Option(names = "--data-dir", description = "The empty data directory to restore into (default: DOSSIER_DATA_DIR, else ./data).")
        Path dataDir;

        @Option(names = "--master-key", description = "The installation's master key file, copied into the data directory"
                + " (the backup never holds it); or set DOSSIER_MASTER_KEY / DOSSIER_MASTER_KEY_FILE for 'serve'.")
        Path masterKey;

        PrintStream out = System.out;

        @Override
        public Integer call() {
            Config config = Config.fromEnvironment();
            if (config.dbUrl().isPresent()) {
                System.err.println("DOSSIER_DB_URL is set: a restore loads the embedded database of a data directory."
                        + " An external database is restored by its managed service (point-in-time recovery). Nothing done.");
                return 2;
            }
            Path target = dataDir != null ? dataDir : config.dataDir();
            try {
                BackupRestore.Restored restored = new BackupRestore(StrictJson.mapper()).restore(file, target,
                        Optional.ofNullable(masterKey), out::println);
                if (masterKey == null) {
                    out.println("The backup holds no master key: give 'serve' the installation's key (DOSSIER_MASTER_KEY_FILE,"
                            + " or copy master.key into " + restored.dataDir() + "); a key that is not the database's is refused.");
                }
                out.println("Restored. Start the server on it: DOSSIER_DATA_DIR=" + restored.dataDir()
                        + " java -jar dossier.jar serve");
                return 0;
            } catch (RestoreRefusedException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (BackupFailedException | IOException e) {
                System.err.println("Restore failed: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    /** The embedded MariaDB of a data directory runs when its pid file names a live process. */
    static Optional<String> runningServer(Path dataDir) {
        Path mariadb = dataDir.resolve("mariadb");
        if (!Files.isDirectory(mariadb)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(mariadb)) {
            for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                String pid = Files.readString(pidFile).strip();
                if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                    return Optional.of("mariadbd, process " + pid);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
