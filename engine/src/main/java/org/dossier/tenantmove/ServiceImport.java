package org.dossier.tenantmove;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.dossier.attachment.AttachmentStore;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.audit.ChainRelink;
import org.dossier.crypto.Encryption;
import org.dossier.crypto.MasterKeys;
import org.dossier.crypto.MovedServiceKey;
import org.dossier.crypto.SealedValueException;
import org.dossier.tenant.TenantId;
import org.dossier.tenant.TenantService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Loads a service archive into this installation, under its own slug or a new one, in one
 * transaction: everything or nothing. Before anything is written it refuses an archive of another
 * schema version, a damaged one (every entry is checked against its SHA-256), a wrong passphrase,
 * and a slug in use. The attachments' bytes are written to the store inside the transaction and
 * removed again when it does not commit.
 *
 * <p>Ids: the service keeps its id, and each created account its id, when free here (an archive
 * loaded into an empty installation comes back with the same ids); otherwise they get new ones, and
 * everything that names them follows (memberships, kept posts, the sealed values bound to the
 * service, the audit chain, relinked). Case files, attachments and audit events have ids of their own
 * within their service and keep them.
 */
public final class ServiceImport {
    private final Jdbi jdbi;
    private final AttachmentStore store;
    private final Encryption encryption;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final TenantService tenants;
    private final Clock clock;
    private final Consumer<String> afterTable;

    public ServiceImport(Jdbi jdbi, AttachmentStore store, Encryption encryption, ObjectMapper json, AuditLog audit,
                         TenantService tenants, Clock clock) {
        this(jdbi, store, encryption, json, audit, tenants, clock, table -> { });
    }

    /** @param afterTable called after each table is loaded, inside the transaction (a test's injected failure) */
    ServiceImport(Jdbi jdbi, AttachmentStore store, Encryption encryption, ObjectMapper json, AuditLog audit,
                  TenantService tenants, Clock clock, Consumer<String> afterTable) {
        this.jdbi = jdbi;
        this.store = store;
        this.encryption = encryption;
        this.json = json;
        this.audit = audit;
        this.tenants = tenants;
        this.clock = clock;
        this.afterTable = afterTable;
    }

    /**
     * What was loaded.
     *
     * @param sameIds whether the service and every account kept their ids from the source
     */
    public record Imported(String slug, long tenantId, boolean sameIds, Map<String, Long> tables, long accountsMatched,
                           long accountsCreated, long attachments, Duration took,
                           List<OneTimePassword> oneTimePasswords) {}

    /** How the archive is loaded: under which slug, and whether created accounts get a one-time password. */
    public record Options(Optional<String> slug, boolean oneTimePasswords) {
        public static Options as(Optional<String> slug) {
            return new Options(slug, false);
        }
    }

    /**
     * @param slug empty for the archive's own
     * @throws TenantMoveRefusedException {@code notAnArchive}, {@code schemaMismatch}, {@code checksumFailed},
     *                                    {@code wrongPassphrase}, {@code slugExists}, {@code invalidSlug}: nothing imported
     */
    public Imported load(Path file, String passphrase, Optional<String> slug, Actor actor, Consumer<String> progress) {
        return load(file, passphrase, Options.as(slug), actor, progress);
    }

    public Imported load(Path file, String passphrase, Options options, Actor actor, Consumer<String> progress) {
        Optional<String> slug = options.slug();
        long started = System.nanoTime();
        try (ArchiveReader archive = ArchiveReader.open(file, json)) {
            ArchiveManifest manifest = archive.manifest();
            String targetSlug = slug.orElse(manifest.slug());
            refuseBeforeWriting(manifest, targetSlug);
            archive.verifyAll();
            progress.accept(String.format(java.util.Locale.ROOT, "archive checked: %d entries, schema version %s, %.1f s",
                    manifest.entries().size() + 1, manifest.schemaVersion(), (System.nanoTime() - started) / 1e9));
            Optional<MovedServiceKey> sourceKey = sourceKey(manifest, passphrase);
            sourceKey.ifPresent(key -> MasterKeys.ensureCheck(jdbi, encryption.master()));
            ImportedFiles written = new ImportedFiles(store, json);
            try {
                Imported imported = jdbi.inTransaction(handle -> {
                    try {
                        return load(handle, archive, targetSlug, options, sourceKey, written, actor, progress,
                                started);
                    } catch (SQLException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                });
                tenants.forgetCached();
                encryption.dataKeys().forget(new TenantId(imported.tenantId()));
                return imported;
            } catch (IOException | RuntimeException e) {
                written.removeAll(progress);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the archive " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    private void refuseBeforeWriting(ArchiveManifest manifest, String targetSlug) {
        String here = jdbi.withHandle(SchemaVersion::of);
        if (!here.equals(manifest.schemaVersion())) {
            throw new TenantMoveRefusedException("schemaMismatch", "the archive was written at schema version "
                    + manifest.schemaVersion() + " and this installation is at " + here + ": import it into an"
                    + " installation of the same version (upgrade the older one first); nothing was imported");
        }
        if (!TenantService.isValidSlug(targetSlug)) {
            throw new TenantMoveRefusedException("invalidSlug", targetSlug + " is not a valid slug (lower-case letters,"
                    + " digits, hyphens); nothing was imported");
        }
        if (jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM tenants WHERE slug = :slug")
                .bind("slug", targetSlug).mapTo(Long.class).one()) > 0) {
            throw new TenantMoveRefusedException("slugExists", "a service with slug " + targetSlug + " exists already"
                    + " here: give another with --slug; nothing was imported");
        }
        List<String> tablesHere = jdbi.withHandle(TableShape::carriedTables);
        if (!tablesHere.containsAll(manifest.tables().keySet())) {
            throw new TenantMoveRefusedException("schemaMismatch", "the archive holds tables this installation lacks;"
                    + " nothing was imported");
        }
    }

    private Optional<MovedServiceKey> sourceKey(ArchiveManifest manifest, String passphrase) {
        if (manifest.wrappedKey().isEmpty()) {
            return Optional.empty();
        }
        if (passphrase == null || passphrase.isEmpty()) {
            throw new TenantMoveRefusedException("wrongPassphrase", "the archive's confidential values are sealed:"
                    + " give the export's passphrase (--passphrase-file); nothing was imported");
        }
        ArchiveManifest.WrappedKey wrapped = manifest.wrappedKey().get();
        try {
            return Optional.of(MovedServiceKey.unwrapWithPassphrase(new MovedServiceKey.PassphraseWrapped(wrapped.kdf(),
                    wrapped.memoryKib(), wrapped.iterations(), wrapped.parallelism(),
                    Base64.getDecoder().decode(wrapped.salt()), Base64.getDecoder().decode(wrapped.wrapped())),
                    passphrase.strip(), manifest.binding()));
        } catch (SealedValueException | IllegalArgumentException e) {
            throw new TenantMoveRefusedException("wrongPassphrase", "the passphrase does not open the archive's data key"
                    + " (not the export's, or the archive was altered); nothing was imported");
        }
    }

    private Imported load(Handle handle, ArchiveReader archive, String slug, Options options,
                          Optional<MovedServiceKey> sourceKey,
                          ImportedFiles written, Actor actor, Consumer<String> progress, long started)
            throws IOException, SQLException {
        ArchiveManifest manifest = archive.manifest();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long tenantId = insertTenant(handle, archive, slug);
        boolean moved = tenantId != manifest.sourceTenantId();
        MemberAccounts accounts = new MemberAccounts(handle, options.oneTimePasswords());
        accounts.load(archive, json, now);
        progress.accept("service " + slug + ": id " + tenantId + (moved ? " (new id; the source's " + manifest.sourceTenantId()
                + " is taken here)" : " (the source's)") + "; accounts: " + accounts.matched() + " matched by e-mail, "
                + accounts.created() + " created" + (options.oneTimePasswords() ? " with a one-time password"
                : " without a usable password"));
        Optional<RowTransform.Keys> keys = sourceKey.map(source -> new RowTransform.Keys(source,
                moved ? MovedServiceKey.fresh() : source, encryption.master()));
        long attachments = written.write(archive, new TenantId(tenantId), progress);
        RowTransform transform = new RowTransform(handle, json, manifest.sourceTenantId(), tenantId, accounts, keys, now);
        Map<String, Long> tables = new LinkedHashMap<>();
        for (String table : manifest.tables().keySet()) {
            long tableStarted = System.nanoTime();
            try (RowLoader loader = new RowLoader(handle, TableShape.of(handle, table))) {
                archive.eachLine(ArchiveManifest.tableEntry(table), json, row -> {
                    try {
                        loader.add(transform.apply(table, row));
                    } catch (SQLException e) {
                        throw new IOException("loading " + table + ": " + e.getMessage(), e);
                    }
                });
                tables.put(table, loader.finish());
            }
            progress.accept(String.format(java.util.Locale.ROOT, "%s: %d row(s), %.1f s", table, tables.get(table),
                    (System.nanoTime() - tableStarted) / 1e9));
            afterTable.accept(table);
        }
        if (!tables.equals(manifest.tables())) {
            throw new TenantMoveRefusedException("checksumFailed", "the rows loaded " + tables + " are not the manifest's "
                    + manifest.tables() + "; nothing was imported");
        }
        if (moved) {
            try {
                long relinked = new ChainRelink(handle).relink(manifest.sourceTenantId(), tenantId);
                progress.accept("audit chain: " + relinked + " event(s) verified and relinked under the new id");
            } catch (ChainRelink.BrokenChainException e) {
                throw new TenantMoveRefusedException("brokenChain", e.getMessage() + "; nothing was imported");
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Imported imported = new Imported(slug, tenantId, !moved && accounts.sameIds(), tables, accounts.matched(),
                accounts.created(), attachments, took, accounts.oneTimePasswords());
        for (long created : accounts.createdIds()) { // as an invitation records a new account: no e-mail in the log
            audit.recordPlatform(handle, actor, "account.created", "user", Long.toString(created),
                    json.createObjectNode().put("tenantId", tenantId).put("by", "tenant-import"));
        }
        audit.recordPlatform(handle, actor, "tenant.imported", "tenant", Long.toString(tenantId),
                details(manifest, imported));
        return imported;
    }

    /** The service's row, under its source id when free here (no row of any table names it), else a new one. */
    private long insertTenant(Handle handle, ArchiveReader archive, String slug) throws IOException, SQLException {
        ArchiveManifest manifest = archive.manifest();
        ObjectNode[] row = new ObjectNode[1];
        archive.eachLine(ArchiveManifest.TENANT_ENTRY, json, line -> row[0] = (ObjectNode) line);
        if (row[0] == null) {
            throw new TenantMoveRefusedException("checksumFailed", "the archive holds no service row; nothing was imported");
        }
        row[0].put("slug", slug);
        if (!idFree(handle, manifest.sourceTenantId())) {
            row[0].putNull("id");
        }
        Optional<Long> source = manifest.sourceSlug().flatMap(sourceSlug -> handle.createQuery(
                "SELECT id FROM tenants WHERE slug = :slug").bind("slug", sourceSlug).mapTo(Long.class).findOne());
        if (source.isPresent()) {
            row[0].put("source_tenant_id", source.get());
        } else {
            row[0].putNull("source_tenant_id");
        }
        try (RowLoader loader = new RowLoader(handle, TableShape.of(handle, "tenants"))) {
            loader.add(row[0]);
            loader.finish();
        }
        return handle.createQuery("SELECT id FROM tenants WHERE slug = :slug").bind("slug", slug).mapTo(Long.class).one();
    }

    private static boolean idFree(Handle handle, long tenantId) {
        if (handle.createQuery("SELECT COUNT(*) FROM tenants WHERE id = :id").bind("id", tenantId)
                .mapTo(Long.class).one() > 0) {
            return false;
        }
        for (String table : TableShape.tenantScopedTables(handle)) {
            if (handle.createQuery("SELECT COUNT(*) FROM `" + table + "` WHERE tenant_id = :tenantId")
                    .bind("tenantId", tenantId).mapTo(Long.class).one() > 0) {
                return false;
            }
        }
        return true;
    }

    private ObjectNode details(ArchiveManifest manifest, Imported imported) {
        ObjectNode details = json.createObjectNode().put("slug", imported.slug()).put("sourceSlug", manifest.slug())
                .put("sourceTenantId", manifest.sourceTenantId()).put("sameIds", imported.sameIds())
                .put("schemaVersion", manifest.schemaVersion()).put("accountsMatched", imported.accountsMatched())
                .put("accountsCreated", imported.accountsCreated()).put("attachments", imported.attachments())
                .put("seconds", imported.took().toMillis() / 1000.0);
        ObjectNode counts = details.putObject("tables");
        imported.tables().forEach(counts::put);
        return details;
    }
}
