package org.dossier.tenantmove;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.dossier.attachment.AttachmentStore;
import org.dossier.attachment.ObjectKey;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.crypto.Encryption;
import org.dossier.crypto.MovedServiceKey;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Writes one archive of everything of a service, read in one transaction (one consistent snapshot
 * of its rows) and streamed: rows go from the database cursor to the ZIP one at a time, so a
 * service of any size is exported in the same memory. See {@link ArchiveManifest} for the layout.
 */
public final class ServiceExport {
    /** A passphrase shorter than this is refused: it is all that protects the confidential values of the archive. */
    public static final int MIN_PASSPHRASE = 12;

    private final Jdbi jdbi;
    private final AttachmentStore store;
    private final Encryption encryption;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Clock clock;

    public ServiceExport(Jdbi jdbi, AttachmentStore store, Encryption encryption, ObjectMapper json,
                         AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.encryption = encryption;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** The archive written, its size, and the time taken. */
    public record Exported(Path file, long bytes, Duration took, Map<String, Long> tables, long members, long attachments,
                           String schemaVersion) {}

    /**
     * @throws TenantMoveRefusedException {@code noSuchTenant}, {@code archiveExists}, {@code weakPassphrase}:
     *                                    nothing written
     */
    public Exported export(String slug, String passphrase, Path output, Actor actor, Consumer<String> progress) {
        if (passphrase == null || passphrase.strip().length() < MIN_PASSPHRASE) {
            throw new TenantMoveRefusedException("weakPassphrase", "the passphrase must be at least " + MIN_PASSPHRASE
                    + " characters: it alone protects the confidential values of the archive");
        }
        if (Files.exists(output)) {
            throw new TenantMoveRefusedException("archiveExists", output + " exists already: choose another name;"
                    + " nothing was written");
        }
        long started = System.nanoTime();
        String archiveId = UUID.randomUUID().toString();
        try (ArchiveWriter writer = new ArchiveWriter(output)) {
            ArchiveManifest manifest = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                    handle -> write(handle, slug, passphrase, archiveId, writer, progress));
            long bytes = writer.finish(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            jdbi.useTransaction(handle -> audit.recordPlatform(handle, actor, "tenant.exported", "tenant",
                    Long.toString(manifest.sourceTenantId()), details(manifest, bytes, took)));
            progress.accept(String.format(java.util.Locale.ROOT, "archive written: %s (%.1f MB) in %.1f s",
                    output, bytes / 1e6, took.toNanos() / 1e9));
            return new Exported(output, bytes, took, manifest.tables(), manifest.members(), manifest.attachments(),
                    manifest.schemaVersion());
        } catch (IOException e) {
            throw new UncheckedIOException("the archive could not be written to " + output + ": " + e.getMessage(), e);
        }
    }

    private ArchiveManifest write(Handle handle, String slug, String passphrase, String archiveId, ArchiveWriter writer,
                                  Consumer<String> progress) throws IOException {
        long tenantId = handle.createQuery("SELECT id FROM tenants WHERE slug = :slug")
                .bind("slug", slug).mapTo(Long.class).findOne()
                .orElseThrow(() -> new TenantMoveRefusedException("noSuchTenant", "no service with slug " + slug
                        + "; nothing was written"));
        Optional<String> sourceSlug = handle.createQuery("""
                        SELECT source.slug FROM tenants clone JOIN tenants source ON source.id = clone.source_tenant_id
                         WHERE clone.id = :id
                        """).bind("id", tenantId).mapTo(String.class).findOne();
        RowStreams rows = new RowStreams(handle, json);
        try (OutputStream out = writer.entry(ArchiveManifest.TENANT_ENTRY)) {
            rows.write(TableShape.of(handle, "tenants"), "id", tenantId, out);
        }
        long members;
        try (OutputStream out = writer.entry(ArchiveManifest.MEMBERS_ENTRY)) {
            members = rows.writeMembers(tenantId, out);
        }
        progress.accept("members: " + members + " account(s), by e-mail (no password)");
        Map<String, Long> tables = new LinkedHashMap<>();
        for (String table : TableShape.carriedTables(handle)) {
            long tableStarted = System.nanoTime();
            long count;
            try (OutputStream out = writer.entry(ArchiveManifest.tableEntry(table))) {
                count = rows.write(TableShape.of(handle, table), "tenant_id", tenantId, out);
            }
            tables.put(table, count);
            progress.accept(String.format(java.util.Locale.ROOT, "%s: %d row(s), %.1f s", table, count,
                    (System.nanoTime() - tableStarted) / 1e9));
        }
        long attachments = writeAttachments(handle, new TenantId(tenantId), writer, progress);
        ArchiveManifest unkeyed = new ArchiveManifest(ArchiveManifest.FORMAT, archiveId, clock.instant(),
                SchemaVersion.of(handle), tenantId, slug, sourceSlug.orElse(null), members, attachments, tables,
                writer.entries(), null);
        // Bound to the manifest's content: a manifest altered along with its entries no longer opens the key.
        Optional<ArchiveManifest.WrappedKey> dataKey = handle.createQuery(
                        "SELECT wrapped_key FROM service_data_keys WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId).mapTo(byte[].class).findOne()
                .map(wrapped -> wrapped(MovedServiceKey.unwrap(encryption.master(), new TenantId(tenantId), wrapped)
                        .wrapWithPassphrase(passphrase, unkeyed.binding())));
        return unkeyed.withKey(dataKey.orElse(null));
    }

    private long writeAttachments(Handle handle, TenantId tenantId, ArchiveWriter writer, Consumer<String> progress)
            throws IOException {
        long started = System.nanoTime();
        List<String> ids = handle.createQuery("SELECT id FROM attachments WHERE tenant_id = :tenantId ORDER BY id")
                .bind("tenantId", tenantId.value()).mapTo(String.class).list();
        long bytes = 0;
        for (String id : ids) {
            try (InputStream in = store.open(new ObjectKey(tenantId, id));
                 OutputStream out = writer.entry(ArchiveManifest.ATTACHMENTS + id)) {
                bytes += in.transferTo(out);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException("the bytes of attachment " + id + " are missing from the store ("
                        + store.describe() + ")", e);
            }
        }
        progress.accept(String.format(java.util.Locale.ROOT, "attachments: %d file(s), %.1f MB, %.1f s", ids.size(),
                bytes / 1e6, (System.nanoTime() - started) / 1e9));
        return ids.size();
    }

    private static ArchiveManifest.WrappedKey wrapped(MovedServiceKey.PassphraseWrapped key) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new ArchiveManifest.WrappedKey(key.kdf(), key.memoryKib(), key.iterations(), key.parallelism(),
                base64.encodeToString(key.salt()), base64.encodeToString(key.wrapped()));
    }

    private ObjectNode details(ArchiveManifest manifest, long bytes, Duration took) {
        ObjectNode details = json.createObjectNode().put("slug", manifest.slug()).put("bytes", bytes)
                .put("seconds", took.toMillis() / 1000.0).put("schemaVersion", manifest.schemaVersion())
                .put("members", manifest.members()).put("attachments", manifest.attachments());
        ObjectNode counts = details.putObject("tables");
        manifest.tables().forEach(counts::put);
        return details;
    }
}
