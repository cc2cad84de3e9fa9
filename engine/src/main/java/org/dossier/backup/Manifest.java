package org.dossier.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an archive holds, written into it as {@code manifest.json}: enough to check a restore
 * (rows per table as dumped, the SHA-256 of the dump and of every file) and nothing personal.
 *
 * @param schemaVersion the last migration applied to the database dumped
 * @param tables        rows per table in the dump, every table of the schema listed (0 when empty)
 * @param files         SHA-256 of every other entry: the attachments' files
 */
public record Manifest(String format, Instant createdAt, String schemaVersion, String databaseEntry,
                       long databaseBytes, String databaseSha256, SortedMap<String, Long> tables,
                       SortedMap<String, String> files, long attachmentBytes) {
    public static final String FORMAT = "dossier-backup/1";
    public static final String ENTRY = "manifest.json";
    public static final String DATABASE_ENTRY = "database.sql";
    public static final String ATTACHMENTS_PREFIX = "attachments/";

    public Manifest {
        tables = new TreeMap<>(tables);
        files = new TreeMap<>(files);
    }

    public long rows() {
        return tables.values().stream().mapToLong(Long::longValue).sum();
    }

    public long attachmentFiles() {
        return files.keySet().stream().filter(name -> name.startsWith(ATTACHMENTS_PREFIX)).count();
    }

    byte[] toJson(ObjectMapper mapper) throws IOException {
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    static Manifest read(ObjectMapper mapper, InputStream in) throws IOException {
        Manifest manifest = mapper.readValue(in, Manifest.class);
        if (!FORMAT.equals(manifest.format())) {
            throw new IOException("not a Dossier backup of a known format: " + manifest.format());
        }
        return manifest;
    }

    static Manifest of(Instant createdAt, String schemaVersion, long databaseBytes, String databaseSha256,
                       Map<String, Long> tables, Map<String, String> files, long attachmentBytes) {
        return new Manifest(FORMAT, createdAt, schemaVersion, DATABASE_ENTRY, databaseBytes, databaseSha256,
                new TreeMap<>(tables), new TreeMap<>(files), attachmentBytes);
    }
}
