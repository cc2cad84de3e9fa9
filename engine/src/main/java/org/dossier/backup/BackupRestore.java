package org.dossier.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dossier.attachment.FileSystemStore;
import org.dossier.crypto.MasterKeySettings;
import org.dossier.db.EmbeddedMariaDb;

/**
 * Restores an archive into an empty data directory: starts the embedded MariaDB there, loads the
 * dump with the distribution's client, checks the rows of every table against the manifest, writes
 * the attachments' files (each checked against its SHA-256), copies the master key file when given
 * one (the archive never holds it), and stops the database. {@code serve} then starts on the
 * directory, and refuses a master key that is not the database's. A directory holding anything is refused,
 * so that a restore never mixes two installations or overwrites one.
 */
public final class BackupRestore {
    private final ObjectMapper mapper;

    public BackupRestore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public record Restored(Path dataDir, Manifest manifest, Duration took) {}

    public Restored restore(Path archive, Path dataDir, Optional<Path> masterKey, BackupProgress progress)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path target = dataDir.toAbsolutePath().normalize();
        refuseNonEmpty(target);
        if (!Files.isRegularFile(archive)) {
            throw new RestoreRefusedException("No such backup file: " + archive);
        }
        if (masterKey.isPresent() && !Files.isRegularFile(masterKey.get())) {
            throw new RestoreRefusedException("No such master key file: " + masterKey.get());
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Manifest manifest = manifest(zip, archive);
            progress.step("backup of " + manifest.createdAt() + ", schema version " + manifest.schemaVersion() + ": "
                    + manifest.rows() + " rows, " + manifest.attachmentFiles() + " attachment file(s)");
            long databaseStarted = System.nanoTime();
            try (EmbeddedMariaDb database = EmbeddedMariaDb.start(target)) {
                progress.step("embedded MariaDB started in " + BackupProgress.seconds(databaseStarted));
                DumpSource source = DumpSource.embedded(database.port(), database.user(), database.password(),
                        EmbeddedMariaDb.DATABASE, EmbeddedMariaDb.baseDir(target));
                load(zip, manifest, source, progress);
                checkCounts(database, manifest, progress);
            }
            writeFiles(zip, manifest, target, progress);
            if (masterKey.isPresent()) {
                Path key = target.resolve(MasterKeySettings.DEFAULT_FILE_NAME);
                Files.copy(masterKey.get(), key);
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                progress.step("master key file copied to " + key);
            }
            progress.step("restored into " + target + " in " + BackupProgress.seconds(started));
            return new Restored(target, manifest, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static void refuseNonEmpty(Path target) throws IOException {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new RestoreRefusedException(target + " is a file, not a data directory: nothing was restored");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new RestoreRefusedException("The data directory " + target + " is not empty: a backup is"
                            + " restored only into an empty directory, so that nothing of an installation is overwritten"
                            + " or mixed with another. Choose a new directory (DOSSIER_DATA_DIR or --data-dir);"
                            + " nothing was restored.");
                }
            }
        }
    }

    private Manifest manifest(ZipFile zip, Path archive) throws IOException {
        ZipEntry entry = zip.getEntry(Manifest.ENTRY);
        if (entry == null || zip.getEntry(Manifest.DATABASE_ENTRY) == null) {
            throw new RestoreRefusedException(archive + " is not a Dossier backup (no manifest or no database dump)");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Manifest.read(mapper, in);
        }
    }

    private static void load(ZipFile zip, Manifest manifest, DumpSource source, BackupProgress progress)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path optionFile = source.writeOptionFile();
        try {
            ExternalTool client = ExternalTool.start(source.loadCommand(optionFile));
            MessageDigest digest = BackupWriter.sha256();
            try (InputStream in = zip.getInputStream(zip.getEntry(Manifest.DATABASE_ENTRY));
                 OutputStream toClient = client.process().getOutputStream()) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    digest.update(buffer, 0, read);
                    toClient.write(buffer, 0, read);
                }
            } catch (IOException e) {
                client.kill();
                client.finish("loading the dump");
                throw e;
            }
            client.finish("loading the dump");
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (!sha256.equals(manifest.databaseSha256())) {
                throw new BackupFailedException("The dump's SHA-256 is not the manifest's: the archive is damaged."
                        + " Delete the data directory before another attempt.");
            }
            progress.step("database loaded: " + BackupProgress.megabytes(manifest.databaseBytes()) + " of SQL in "
                    + BackupProgress.seconds(started));
        } finally {
            Files.deleteIfExists(optionFile);
        }
    }

    private static void checkCounts(EmbeddedMariaDb database, Manifest manifest, BackupProgress progress) {
        List<String> differences = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            for (Map.Entry<String, Long> table : manifest.tables().entrySet()) {
                // Table names come from the manifest: quoted, and a name with a backtick is refused.
                if (table.getKey().contains("`")) {
                    throw new BackupFailedException("manifest names a table with a backtick: " + table.getKey());
                }
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM `" + table.getKey() + "` /* all tenants */")) {
                    rows.next();
                    long count = rows.getLong(1);
                    if (count != table.getValue()) {
                        differences.add(table.getKey() + ": " + count + " restored, " + table.getValue() + " in the manifest");
                    }
                }
            }
        } catch (SQLException e) {
            throw new BackupFailedException("Unable to count the restored rows: " + e.getMessage(), e);
        }
        if (!differences.isEmpty()) {
            throw new BackupFailedException("The restored rows are not those of the backup: " + differences
                    + ". Delete the data directory before another attempt.");
        }
        progress.step("rows checked: " + manifest.rows() + " in " + manifest.tables().size()
                + " tables, as in the manifest");
    }

    private static void writeFiles(ZipFile zip, Manifest manifest, Path target, BackupProgress progress) throws IOException {
        long started = System.nanoTime();
        Path attachments = FileSystemStore.under(target).root();
        long files = 0;
        java.util.Set<String> written = new java.util.TreeSet<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            Path file;
            if (name.startsWith(Manifest.ATTACHMENTS_PREFIX) && !entry.isDirectory()) {
                file = attachments.resolve(name.substring(Manifest.ATTACHMENTS_PREFIX.length())).normalize();
                if (!file.startsWith(attachments)) {
                    throw new BackupFailedException("entry outside the attachments' directory: " + name);
                }
                files++;
            } else {
                continue;
            }
            String expected = manifest.files().get(name);
            if (expected == null) {
                throw new BackupFailedException("entry not in the manifest: " + name);
            }
            Files.createDirectories(file.getParent());
            MessageDigest digest = BackupWriter.sha256();
            try (InputStream in = zip.getInputStream(entry);
                 OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    digest.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
            }
            if (!HexFormat.of().formatHex(digest.digest()).equals(expected)) {
                throw new BackupFailedException("SHA-256 of " + name + " is not the manifest's: the archive is damaged");
            }
            written.add(name);
        }
        if (!written.equals(manifest.files().keySet())) {
            throw new BackupFailedException("The archive lacks files its manifest lists: the archive is damaged");
        }
        progress.step("attachments: " + files + " file(s), " + BackupProgress.megabytes(manifest.attachmentBytes())
                + " written and checked in " + BackupProgress.seconds(started));
    }
}
