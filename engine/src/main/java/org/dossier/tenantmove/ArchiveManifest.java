package org.dossier.tenantmove;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a service archive says of itself, written last in it ({@value #ENTRY}) and read first by
 * the import: the format, the schema it was taken from, the service, the rows of each table, and
 * the SHA-256 and size of every other entry. It holds no personal data and no key.
 *
 * @param schemaVersion    the last migration applied to the source database; the import refuses another
 * @param sourceTenantId   the service's id in the source installation (kept in the target when free there)
 * @param sourceTenantSlug the slug of the service it was cloned from, or null (linked again by slug in the target)
 * @param tables           rows per tenant-scoped table, in the order they are loaded
 * @param entries          every entry but the manifest, with its SHA-256 and size
 * @param dataKey          the service's data key wrapped by the export's passphrase, or null when it has none
 */
record ArchiveManifest(String format, String archiveId, Instant createdAt, String schemaVersion, long sourceTenantId,
                       String slug, String sourceTenantSlug, long members, long attachments,
                       Map<String, Long> tables, Map<String, Entry> entries, WrappedKey dataKey) {
    static final String FORMAT = "dossier-service-archive/1";
    static final String ENTRY = "manifest.json";
    static final String TENANT_ENTRY = "tenant.json";
    static final String MEMBERS_ENTRY = "members.jsonl";
    static final String TABLES = "tables/";
    static final String ATTACHMENTS = "attachments/";

    record Entry(String sha256, long bytes) {}

    /** The passphrase-wrapped data key, each byte array in base64. */
    record WrappedKey(String kdf, int memoryKib, int iterations, int parallelism, String salt, String wrapped) {}

    Optional<String> sourceSlug() {
        return Optional.ofNullable(sourceTenantSlug);
    }

    Optional<WrappedKey> wrappedKey() {
        return Optional.ofNullable(dataKey);
    }

    ArchiveManifest withKey(WrappedKey key) {
        return new ArchiveManifest(format, archiveId, createdAt, schemaVersion, sourceTenantId, slug, sourceTenantSlug,
                members, attachments, tables, entries, key);
    }

    /**
     * What the wrapped data key is bound to (its associated data): the archive's id and everything
     * the manifest says of its content, so that the passphrase also authenticates the manifest.
     */
    String binding() {
        StringBuilder text = new StringBuilder(format).append('\n').append(archiveId).append('\n').append(schemaVersion)
                .append('\n').append(sourceTenantId).append('\n').append(slug).append('\n');
        new java.util.TreeMap<>(tables).forEach((table, rows) -> text.append(table).append('=').append(rows).append('\n'));
        new java.util.TreeMap<>(entries).forEach((name, entry) -> text.append(name).append(' ').append(entry.sha256())
                .append(' ').append(entry.bytes()).append('\n'));
        return text.toString();
    }

    static String tableEntry(String table) {
        return TABLES + table + ".jsonl";
    }
}
