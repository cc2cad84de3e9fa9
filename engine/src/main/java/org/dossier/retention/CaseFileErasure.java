package org.dossier.retention;

import java.time.Instant;
import java.util.Optional;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * The one deletion path of a case file for good: the lifecycle pass uses it, and so will a GDPR
 * erasure and the attachments of later issues (what is attached to a case file is deleted here).
 * In the caller's transaction it deletes the row and writes a tombstone that holds no personal
 * data: ids, form, creation and last-activity dates, deletion time, the run that deleted it.
 *
 * <p>The audit log keeps its events about the case file: they point at the record id and hold
 * form, versions and row positions, never what the case file said (see {@code RecordService}).
 */
public final class CaseFileErasure {

    /** What a tombstone records of a deleted case file. */
    public record Tombstone(TenantId tenantId, RecordId recordId, String formKey, Instant createdAt,
                            Instant lastActivityAt, Instant deletedAt, Optional<String> runId) {}

    /**
     * Deletes the case file if it is still there, with its tombstone, in {@code handle}'s
     * transaction; false when there was nothing to delete (deleted meanwhile).
     */
    public boolean erase(Handle handle, TenantId tenantId, RecordId id, Instant now, Optional<String> runId) {
        Optional<Tombstone> tombstone = handle.createQuery("""
                        SELECT form_key, created_at, last_activity_at FROM records
                         WHERE tenant_id = :tenantId AND id = :id FOR UPDATE
                        """)
                .bind("tenantId", tenantId.value()).bind("id", id.toBytes())
                .map((rs, ctx) -> new Tombstone(tenantId, id, rs.getString("form_key"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_activity_at").toInstant(),
                        now, runId))
                .findOne();
        if (tombstone.isEmpty()) {
            return false;
        }
        Tombstone t = tombstone.get();
        handle.createUpdate("""
                        INSERT INTO case_file_tombstones
                               (tenant_id, record_id, form_key, created_at, last_activity_at, deleted_at, run_id)
                        VALUES (:tenantId, :id, :form, :createdAt, :lastActivityAt, :deletedAt, :runId)
                        """)
                .bind("tenantId", tenantId.value()).bind("id", id.toBytes()).bind("form", t.formKey())
                .bind("createdAt", t.createdAt()).bind("lastActivityAt", t.lastActivityAt())
                .bind("deletedAt", now).bind("runId", runId.orElse(null))
                .execute();
        handle.createUpdate("DELETE FROM records WHERE tenant_id = :tenantId AND id = :id")
                .bind("tenantId", tenantId.value()).bind("id", id.toBytes()).execute();
        return true;
    }
}
