package org.dossier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.backup.BackupRestore;
import org.dossier.backup.BackupWriter;
import org.dossier.backup.DumpSource;
import org.dossier.db.Database;
import org.dossier.db.EmbeddedMariaDb;

/**
 * The {@code backup} scenario: a backup of the loaded database (the dump, compressed into one
 * archive, with the manifest's counts), then its restore into a new data directory (a second
 * embedded MariaDB started, the dump loaded, every table's rows checked). Prints sizes and seconds.
 */
final class BackupBench {
    private BackupBench() {}

    static void run(Database database, Services services) throws IOException, InterruptedException {
        EmbeddedMariaDb embedded = database.embedded().orElseThrow();
        String baseDir = services.jdbi().withHandle(handle -> handle.createQuery("SELECT @@basedir")
                .mapTo(String.class).one());
        DumpSource source = DumpSource.embedded(embedded.port(), embedded.user(), embedded.password(),
                EmbeddedMariaDb.DATABASE, Path.of(baseDir));
        Path work = Files.createTempDirectory("dossier-bench-backup");
        try {
            BackupWriter writer = new BackupWriter(source, services.jdbi(), Optional.empty(), services.mapper(), Clock.systemUTC());
            BackupWriter.Written written = writer.write(work.resolve("backups"), line -> System.out.println("  backup: " + line));
            System.out.printf("backup: %,d rows, %.1f MB of SQL, archive %.1f MB, %.1f s%n", written.manifest().rows(),
                    written.manifest().databaseBytes() / 1e6, written.bytes() / 1e6, written.took().toMillis() / 1e3);
            BackupRestore.Restored restored = new BackupRestore(services.mapper())
                    .restore(written.file(), work.resolve("restored"), Optional.empty(), line -> System.out.println("  restore: " + line));
            System.out.printf("restore: %.1f s (embedded MariaDB started, dump loaded, rows checked)%n",
                    restored.took().toMillis() / 1e3);
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
