package org.dossier.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes one archive of the installation: the database dump, then the attachments' files, then
 * the manifest. The master key is never in it: an archive that held both the sealed values and the
 * key that opens them would make their encryption pointless for whoever gets a copy. The archive is written under a hidden temporary name in the
 * backups directory and moved to its final name only once complete, so a crash or a full disk
 * never leaves a half archive that looks like a backup.
 */
public final class BackupWriter {
    public static final String PREFIX = "dossier-backup-";
    public static final String SUFFIX = ".zip";
    static final String PARTIAL = ".partial-";
    static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Job bookkeeping, re-created by the schedulers; a restored copy must not carry a node's picked execution. */
    static final List<String> TABLES_WITHOUT_DATA = List.of("scheduled_tasks");

    private final DumpSource source;
    private final Jdbi jdbi;
    private final Optional<Path> attachmentsDir;
    private final ObjectMapper mapper;
    private final Clock clock;

    public BackupWriter(DumpSource source, Jdbi jdbi, Optional<Path> attachmentsDir, ObjectMapper mapper, Clock clock) {
        this.source = source;
        this.jdbi = jdbi;
        this.attachmentsDir = attachmentsDir;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A written archive: where, how large, how long it took, and its manifest. */
    public record Written(Path file, long bytes, Duration took, Manifest manifest) {}

    public Written write(Path directory, BackupProgress progress) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Files.createDirectories(directory);
        Path target = directory.resolve(PREFIX + NAME_TIME.format(now) + SUFFIX);
        if (Files.exists(target)) {
            throw new BackupFailedException(target + " exists already: one backup per second at most");
        }
        Path partial = Files.createTempFile(directory, PARTIAL, SUFFIX);
        try {
            Manifest manifest;
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
                // Fast compression: a nightly job on a small machine should not hold a core for long.
                zip.setLevel(Deflater.BEST_SPEED);
                String schemaVersion = schemaVersion();
                Map<String, Long> tables = new TreeMap<>();
                tables().forEach(table -> tables.put(table, 0L));
                Dumped dumped = dumpDatabase(zip, progress);
                tables.putAll(dumped.rows());
                Map<String, String> files = new TreeMap<>();
                long attachmentBytes = copyAttachments(zip, files, progress);
                manifest = Manifest.of(now, schemaVersion, dumped.bytes(), dumped.sha256(), tables, files, attachmentBytes);
                zip.putNextEntry(new ZipEntry(Manifest.ENTRY));
                zip.write(manifest.toJson(mapper));
                zip.closeEntry();
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            long bytes = Files.size(target);
            progress.step("archive " + target.getFileName() + ": " + BackupProgress.megabytes(bytes) + " in "
                    + BackupProgress.seconds(started));
            return new Written(target, bytes, Duration.ofNanos(System.nanoTime() - started), manifest);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private record Dumped(long bytes, String sha256, Map<String, Long> rows) {}

    private Dumped dumpDatabase(ZipOutputStream zip, BackupProgress progress) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path optionFile = source.writeOptionFile();
        try {
            ExternalTool dump = ExternalTool.start(source.dumpCommand(optionFile, TABLES_WITHOUT_DATA));
            try {
                zip.putNextEntry(new ZipEntry(Manifest.DATABASE_ENTRY));
                MessageDigest digest = sha256();
                RowCounter counter = new RowCounter();
                CountingStream counting = new CountingStream(counter);
                try (InputStream out = dump.process().getInputStream()) {
                    byte[] buffer = new byte[1 << 16];
                    int read;
                    while ((read = out.read(buffer)) >= 0) {
                        zip.write(buffer, 0, read);
                        digest.update(buffer, 0, read);
                        counting.write(buffer, 0, read);
                    }
                }
                zip.closeEntry();
                dump.finish("mariadb-dump");
                Dumped dumped = new Dumped(counting.count, HexFormat.of().formatHex(digest.digest()), counter.rows());
                progress.step("database dumped: " + BackupProgress.megabytes(dumped.bytes()) + ", "
                        + dumped.rows().values().stream().mapToLong(Long::longValue).sum() + " rows in "
                        + dumped.rows().size() + " tables, in " + BackupProgress.seconds(started));
                return dumped;
            } catch (IOException | RuntimeException | InterruptedException e) {
                dump.kill();
                throw e;
            }
        } finally {
            Files.deleteIfExists(optionFile);
        }
    }

    private long copyAttachments(ZipOutputStream zip, Map<String, String> files, BackupProgress progress) throws IOException {
        if (attachmentsDir.isEmpty() || !Files.isDirectory(attachmentsDir.get())) {
            progress.step("attachments: none on the filesystem");
            return 0;
        }
        long started = System.nanoTime();
        Path root = attachmentsDir.get();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            // An object being written is a hidden partial file: it is not an attachment yet.
            all = walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(".partial-")).sorted().toList();
        }
        long bytes = 0;
        for (Path file : all) {
            String entry = Manifest.ATTACHMENTS_PREFIX + root.relativize(file).toString().replace('\\', '/');
            try {
                files.put(entry, copyFile(zip, file, entry));
                bytes += Files.size(file);
            } catch (java.nio.file.NoSuchFileException e) {
                // deleted with its case file since the walk: the dump taken before no longer needs it either
            }
        }
        progress.step("attachments: " + files.size() + " file(s), " + BackupProgress.megabytes(bytes) + " in "
                + BackupProgress.seconds(started));
        return bytes;
    }

    private static String copyFile(ZipOutputStream zip, Path file, String entry) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            zip.putNextEntry(new ZipEntry(entry));
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    super.write(bytes, offset, length);
                    zip.write(bytes, offset, length);
                }
            });
            zip.closeEntry();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String schemaVersion() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT version FROM flyway_schema_history
                         WHERE success = 1 AND version IS NOT NULL
                         ORDER BY installed_rank DESC LIMIT 1
                        """).mapTo(String.class).findOne().orElse("none"));
    }

    private List<String> tables() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT table_name FROM information_schema.tables
                         WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'
                         ORDER BY table_name
                        """).mapTo(String.class).list());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes bytes on and counts them. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream next;
        private long count;

        CountingStream(OutputStream next) {
            this.next = next;
        }

        @Override
        public void write(int value) throws IOException {
            next.write(value);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            next.write(bytes, offset, length);
            count += length;
        }
    }
}
