package org.dossier.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.attachment.FileSystemStore;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.db.Database;
import org.dossier.db.EmbeddedMariaDb;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of this installation: a run writes an archive, then removes those past the retention,
 * and records {@code backup.completed} or {@code backup.failed} in the platform audit log (sizes,
 * counts and seconds; no personal data). An external database without a configured dump tool is
 * not backed up here: its managed service's own backups take this role, and {@link #unavailable()}
 * says so.
 */
public final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    public static final String COMPLETED = "backup.completed";
    public static final String FAILED = "backup.failed";

    private final BackupSettings settings;
    private final Optional<BackupWriter> writer;
    private final String unavailable;
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Backups(BackupSettings settings, Optional<BackupWriter> writer, String unavailable, Jdbi jdbi, AuditLog audit,
                   ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.writer = writer;
        this.unavailable = unavailable;
        this.jdbi = jdbi;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The backups of the installation the server or a command runs on. */
    public static Backups of(Database database, Services services, Config config) {
        BackupSettings settings = BackupSettings.fromEnvironment(config.dataDir());
        Optional<DumpSource> source = database.embedded()
                .map(embedded -> DumpSource.embedded(embedded.port(), embedded.user(), embedded.password(),
                        EmbeddedMariaDb.DATABASE, EmbeddedMariaDb.baseDir(config.dataDir())))
                .or(() -> settings.dumpTool().map(tool -> DumpSource.external(config.dbUrl().orElseThrow(),
                        config.dbUser(), config.dbPassword(), tool)));
        Optional<Path> attachments = services.attachmentStore() instanceof FileSystemStore store
                ? Optional.of(store.root()) : Optional.empty();
        Optional<BackupWriter> writer = source.map(dump -> new BackupWriter(dump, services.jdbi(), attachments,
                services.mapper(), Clock.systemUTC()));
        return new Backups(settings, writer, """
                The database is external (DOSSIER_DB_URL) and no dump tool is configured (DOSSIER_BACKUP_DUMP): \
                the managed database's own automated backups and point-in-time recovery take this role. \
                Set DOSSIER_BACKUP_DUMP to a mariadb-dump or mysqldump to write archives here as well.""",
                services.jdbi(), new AuditLog(), services.mapper(), Clock.systemUTC());
    }

    /** The same backups written into another directory ({@code backup run --output}), with its own retention. */
    public Backups withDirectory(Path directory) {
        return new Backups(new BackupSettings(settings.at(), settings.keepDays(), directory, settings.dumpTool()), writer,
                unavailable, jdbi, audit, mapper, clock);
    }

    public BackupSettings settings() {
        return settings;
    }

    /** Why this installation is not backed up here, when it is not. */
    public Optional<String> unavailable() {
        return writer.isPresent() ? Optional.empty() : Optional.of(unavailable);
    }

    /** A backup now: writes, prunes, records. A failure is recorded and thrown; no archive is left for it. */
    public BackupWriter.Written run(Actor actor, BackupProgress progress) {
        BackupWriter chosen = writer.orElseThrow(() -> new BackupFailedException(unavailable));
        long started = System.nanoTime();
        try {
            BackupWriter.Written written = chosen.write(settings.directory(), progress);
            List<Path> removed = new BackupRetention(settings.keepDays()).prune(settings.directory(), clock.instant());
            removed.forEach(file -> progress.step("removed " + file.getFileName() + " (older than "
                    + settings.keepDays() + " days)"));
            ObjectNode details = mapper.createObjectNode()
                    .put("file", written.file().getFileName().toString())
                    .put("bytes", written.bytes())
                    .put("seconds", seconds(written.took()))
                    .put("schemaVersion", written.manifest().schemaVersion())
                    .put("tables", written.manifest().tables().size())
                    .put("rows", written.manifest().rows())
                    .put("attachmentFiles", written.manifest().attachmentFiles())
                    .put("removed", removed.size());
            jdbi.useHandle(handle -> audit.recordPlatform(handle, actor, COMPLETED, "backup",
                    written.file().getFileName().toString(), details));
            return written;
        } catch (IOException | RuntimeException e) {
            recordFailure(actor, started, e);
            throw e instanceof BackupFailedException failed ? failed
                    : new BackupFailedException("Backup failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recordFailure(actor, started, e);
            throw new BackupFailedException("Backup interrupted", e);
        }
    }

    private void recordFailure(Actor actor, long started, Exception e) {
        LOG.error("Backup failed", e);
        // The reason names a program, a file or a table, never a row's content; it is cut to stay short.
        String reason = String.valueOf(e.getMessage());
        ObjectNode details = mapper.createObjectNode()
                .put("seconds", seconds(Duration.ofNanos(System.nanoTime() - started)))
                .put("error", e.getClass().getSimpleName())
                .put("reason", reason.length() > 300 ? reason.substring(0, 300) : reason);
        try {
            jdbi.useHandle(handle -> audit.recordPlatform(handle, actor, FAILED, "backup", "", details));
        } catch (RuntimeException auditFailure) {
            LOG.error("Unable to record the backup's failure", auditFailure);
        }
    }

    private static double seconds(Duration took) {
        return Math.round(took.toMillis() / 100.0) / 10.0;
    }
}
