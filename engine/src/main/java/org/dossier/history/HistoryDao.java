package org.dossier.history;

import java.time.Instant;
import java.util.List;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** SQL for the history of case files ({@code record_changes}, V17); every statement names its service. */
public final class HistoryDao {
    private final Handle handle;

    public HistoryDao(Handle handle) {
        this.handle = handle;
    }

    /** One save as stored: its changes still in their stored form (see {@link HistoryValues}). */
    public record Row(int lockVersion, Instant changedAt, String changedBy, String formKey, int schemaVersion,
                      String changes) {}

    public void insert(TenantId tenantId, RecordId recordId, Row row) {
        handle.createUpdate("""
                        INSERT INTO record_changes (tenant_id, record_id, lock_version, changed_at, changed_by,
                                                    form_key, schema_version, changes)
                        VALUES (:tenantId, :recordId, :lockVersion, :changedAt, :changedBy, :formKey, :schemaVersion,
                                :changes)
                        """)
                .bind("tenantId", tenantId).bind("recordId", recordId).bindMethods(row)
                .execute();
    }

    /** The creations of several case files in one batch, each row as {@link #insert} writes it. */
    public void insertAll(TenantId tenantId, java.util.Map<RecordId, Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO record_changes (tenant_id, record_id, lock_version, changed_at, changed_by,
                                            form_key, schema_version, changes)
                VALUES (:tenantId, :recordId, :lockVersion, :changedAt, :changedBy, :formKey, :schemaVersion, :changes)
                """);
        rows.forEach((recordId, row) -> batch.bind("tenantId", tenantId).bind("recordId", recordId).bindMethods(row).add());
        batch.execute();
    }

    /** The saves of a case file up to version {@code upTo}, newest first, {@code limit} from {@code offset}. */
    public List<Row> page(TenantId tenantId, RecordId recordId, int upTo, int limit, int offset) {
        return handle.createQuery("""
                        SELECT lock_version, changed_at, changed_by, form_key, schema_version, changes
                          FROM record_changes
                         WHERE tenant_id = :tenantId AND record_id = :recordId AND lock_version <= :upTo
                         ORDER BY lock_version DESC
                         LIMIT :limit OFFSET :offset
                        """)
                .bind("tenantId", tenantId).bind("recordId", recordId).bind("upTo", upTo).bind("limit", limit)
                .bind("offset", offset)
                .map(ConstructorMapper.of(Row.class)).list();
    }

    public long count(TenantId tenantId, RecordId recordId, int upTo) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM record_changes
                         WHERE tenant_id = :tenantId AND record_id = :recordId AND lock_version <= :upTo
                        """)
                .bind("tenantId", tenantId).bind("recordId", recordId).bind("upTo", upTo).mapTo(Long.class).one();
    }

    /** Deletes the history of some case files of one service (their erasure). */
    public int deleteOf(TenantId tenantId, List<byte[]> recordIds) {
        if (recordIds.isEmpty()) {
            return 0;
        }
        return handle.createUpdate("DELETE FROM record_changes WHERE tenant_id = :tenantId AND record_id IN (<ids>)")
                .bind("tenantId", tenantId).bindList("ids", recordIds).execute();
    }

    /** Deletes the history of every case file of one service (the service's deletion). */
    public int deleteAll(TenantId tenantId) {
        return handle.createUpdate("DELETE FROM record_changes WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId).execute();
    }
}
