package org.dossier.retention;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.history.HistoryDao;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * The one deletion path of case files for good, with everything that hangs off them (their legal
 * holds and their history of changes; attachments join here): the lifecycle pass and a GDPR erasure delete one case file
 * or a batch through {@link #erase}, the deletion of a whole service through {@link #eraseService}.
 * In the caller's transaction {@link #erase} deletes the rows and writes for each a tombstone that
 * holds no personal data: ids, form, creation and last-activity dates, deletion time, the run that
 * deleted it. A deleted service keeps no tombstones: it leaves its own, in the platform's log.
 *
 * <p>The audit log keeps its events about the case file: they point at the record id and hold
 * form, versions and row positions, never what the case file said (see {@code RecordService}).
 */
public final class CaseFileErasure {

    /** Deletes one case file with its tombstone; false when it was not there (deleted meanwhile). */
    public boolean erase(Handle handle, TenantId tenantId, RecordId id, Instant now, Optional<String> runId) {
        return erase(handle, tenantId, List.of(id), now, runId) == 1;
    }

    /**
     * Deletes the case files of one service that are still there, each with its tombstone, in
     * {@code handle}'s transaction, set-based (three statements whatever the count); answers how
     * many were deleted.
     */
    public int erase(Handle handle, TenantId tenantId, List<RecordId> ids, Instant now, Optional<String> runId) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<byte[]> keys = ids.stream().map(RecordId::toBytes).toList();
        // Locks the rows first, so that the copy and the delete see the same ones.
        List<byte[]> present = handle.createQuery(
                        "SELECT id FROM records WHERE tenant_id = :tenantId AND id IN (<ids>) FOR UPDATE")
                .bind("tenantId", tenantId.value()).bindList("ids", keys)
                .map((rs, ctx) -> rs.getBytes(1)).list();
        if (present.isEmpty()) {
            return 0;
        }
        handle.createUpdate("""
                        INSERT INTO case_file_tombstones
                               (tenant_id, record_id, form_key, created_at, last_activity_at, deleted_at, run_id)
                        SELECT tenant_id, id, form_key, created_at, last_activity_at, :deletedAt, :runId
                          FROM records WHERE tenant_id = :tenantId AND id IN (<ids>)
                        """)
                .bind("tenantId", tenantId.value()).bindList("ids", present)
                .bind("deletedAt", now).bind("runId", runId.orElse(null))
                .execute();
        handle.createUpdate("DELETE FROM record_holds WHERE tenant_id = :tenantId AND record_id IN (<ids>)")
                .bind("tenantId", tenantId.value()).bindList("ids", present).execute();
        new HistoryDao(handle).deleteOf(tenantId, present);
        return handle.createUpdate("DELETE FROM records WHERE tenant_id = :tenantId AND id IN (<ids>)")
                .bind("tenantId", tenantId.value()).bindList("ids", present).execute();
    }

    /** What {@link #eraseService} removed. */
    public record ServiceErasure(long holds, long history, long records) {}

    /** Deletes every case file of a service with what hangs off them, in {@code handle}'s transaction. */
    public ServiceErasure eraseService(Handle handle, TenantId tenantId) {
        long holds = handle.createUpdate("DELETE FROM record_holds WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value()).execute();
        long history = new HistoryDao(handle).deleteAll(tenantId);
        long records = handle.createUpdate("DELETE FROM records WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value()).execute();
        return new ServiceErasure(holds, history, records);
    }
}
