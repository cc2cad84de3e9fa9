package org.dossier.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.dossier.audit.AuditLog;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.form.NoSuchFormException;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start after V19 seals what was stored in clear before: the values at the confidential
 * locations of each case file's form, and the fields of kept posts. Run at start, after the
 * migrations, once per database (then marked in {@code master_key_check}); idempotent, so two
 * nodes starting together, or a start interrupted half-way, do no harm: a value sealed already
 * is left as it is, and a case file saved meanwhile (its lock version moved) is skipped, its save
 * having sealed it. Neither a case file's lock version nor its dates change.
 */
public final class LegacySealing {
    private static final Logger LOG = LoggerFactory.getLogger(LegacySealing.class);
    private static final int BATCH = 500;

    private final Jdbi jdbi;
    private final FormService forms;
    private final Encryption encryption;
    private final ObjectMapper json;

    public LegacySealing(Jdbi jdbi, FormService forms, Encryption encryption, ObjectMapper json) {
        this.jdbi = jdbi;
        this.forms = forms;
        this.encryption = encryption;
        this.json = json;
    }

    /** What one run sealed. */
    public record Sealed(long caseFiles, long keptPosts) {}

    /** Seals what is in clear unless a previous start did; the key check is created first if absent. */
    public Sealed runOnce() {
        MasterKeys.ensureCheck(jdbi, encryption.master());
        if (jdbi.withHandle(handle -> new KeyDao(handle).legacySealed())) {
            return new Sealed(0, 0);
        }
        Sealed sealed = run();
        jdbi.useHandle(handle -> new KeyDao(handle).markLegacySealed(Instant.now()));
        if (sealed.caseFiles() + sealed.keptPosts() > 0) {
            LOG.info("Sealed the confidential values stored in clear before: {} case file(s), {} kept post(s)",
                    sealed.caseFiles(), sealed.keptPosts());
        }
        return sealed;
    }

    /** Seals whatever is still in clear, whether or not it ran before. */
    public Sealed run() {
        long caseFiles = 0;
        for (FormOfService form : formsInUse()) {
            CompiledForm compiled;
            try {
                compiled = forms.latest(form.tenantId(), form.formKey());
            } catch (NoSuchFormException e) {
                continue;
            }
            if (compiled.confidential().any()) {
                caseFiles += sealCaseFiles(form.tenantId(), compiled);
            }
        }
        return new Sealed(caseFiles, sealKeptPosts());
    }

    private record FormOfService(TenantId tenantId, String formKey) {}

    private List<FormOfService> formsInUse() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT DISTINCT tenant_id, form_key FROM records /* all tenants */ ORDER BY tenant_id, form_key")
                .map((rs, ctx) -> new FormOfService(new TenantId(rs.getLong(1)), rs.getString(2))).list());
    }

    private record Row(RecordId id, String data, int lockVersion) {}

    private long sealCaseFiles(TenantId tenantId, CompiledForm form) {
        long sealed = 0;
        RecordId after = null;
        while (true) {
            RecordId from = after;
            List<Row> batch = jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT id, data, lock_version FROM records
                             WHERE tenant_id = :tenantId AND form_key = :formKey AND (:after IS NULL OR id > :after)
                             ORDER BY id LIMIT :limit
                            """)
                    .bind("tenantId", tenantId).bind("formKey", form.formKey()).bind("after", from)
                    .bind("limit", BATCH)
                    .map((rs, ctx) -> new Row(RecordId.fromBytes(rs.getBytes("id")), rs.getString("data"),
                            rs.getInt("lock_version"))).list());
            if (batch.isEmpty()) {
                return sealed;
            }
            for (Row row : batch) {
                JsonNode stored = parse(row.data());
                JsonNode now = encryption.cipher().sealStored(tenantId, row.id(), form.confidential(), stored);
                if (!now.equals(stored)) {
                    sealed += jdbi.withHandle(handle -> handle.createUpdate("""
                                    UPDATE records SET data = :data
                                     WHERE tenant_id = :tenantId AND id = :id AND lock_version = :lockVersion
                                    """)
                            .bind("tenantId", tenantId).bind("id", row.id()).bind("lockVersion", row.lockVersion())
                            .bind("data", now.toString()).execute());
                }
            }
            after = batch.get(batch.size() - 1).id();
        }
    }

    private record KeptRow(long id, long tenantId, long userId, String pagePath, String fields) {}

    private long sealKeptPosts() {
        List<KeptRow> rows = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, tenant_id, user_id, page_path, fields FROM kept_posts /* all tenants */
                         WHERE tenant_id <> :platform AND fields NOT LIKE :sealed
                        """)
                .bind("platform", AuditLog.PLATFORM_TENANT).bind("sealed", ConfidentialCipher.PREFIX + "%")
                .map((rs, ctx) -> new KeptRow(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("user_id"),
                        rs.getString("page_path"), rs.getString("fields"))).list());
        long sealed = 0;
        for (KeptRow row : rows) {
            TenantId tenantId = new TenantId(row.tenantId());
            String text = encryption.cipher().sealText(tenantId, KeptPostContext.of(row.userId(), row.pagePath()),
                    row.fields());
            sealed += jdbi.withHandle(handle -> handle.createUpdate("""
                            UPDATE kept_posts SET fields = :fields WHERE tenant_id = :tenantId AND id = :id AND fields = :old
                            """)
                    .bind("tenantId", row.tenantId()).bind("id", row.id()).bind("fields", text).bind("old", row.fields())
                    .execute());
        }
        return sealed;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored record data is not JSON", e);
        }
    }
}
