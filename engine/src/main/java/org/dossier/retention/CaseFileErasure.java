package org.dossier.retention;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.dossier.attachment.AttachmentDao;
import org.dossier.history.HistoryDao;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * The one deletion path of case files for good, with everything that hangs off them (their
 * history of changes, a form kept across a login for one of them, their attachments: rows in the
 * caller's transaction, objects from the store after its commit): the
 * lifecycle pass and a GDPR erasure delete one case file or a batch through {@link #erase}, which
 * never takes a case file under legal hold; the deletion of a whole service goes through
 * {@link #eraseService}, holds included. In the caller's transaction {@link #erase} deletes the
 * rows and writes for each a tombstone that holds no personal data: ids, form, creation and
 * last-activity dates, deletion time, the run that deleted it (none for an erasure request).
 * A deleted service keeps no tombstones: it leaves its own, in the platform's log.
 *
 * <p>The audit log keeps its events about the case file: they point at the record id and hold
 * form, versions and row positions, never what the case file said (see {@code RecordService}).
 */
public final class CaseFileErasure {
    private final Runnable objectsAfterCommit;

    /** Leaves the objects of deleted attachments queued, for the next run that finishes the queue. */
    public CaseFileErasure() {
        this(() -> { });
    }

    /**
     * @param objectsAfterCommit deletes from the store the objects of the attachments deleted here,
     *                           once the caller's transaction committed (attachment/AttachmentDeletions)
     */
    public CaseFileErasure(Runnable objectsAfterCommit) {
        this.objectsAfterCommit = objectsAfterCommit;
    }

    /** What {@link #eraseCounting} deleted: case files, and their attachments. */
    public record Erased(int records, int attachments) {}

    /** Deletes one case file with its tombstone; false when it was not there (deleted meanwhile) or is held. */
    public boolean erase(Handle handle, TenantId tenantId, RecordId id, Instant now, Optional<String> runId) {
        return erase(handle, tenantId, List.of(id), now, runId) == 1;
    }

    /**
     * Deletes the case files of one service that are still there and not held, each with its tombstone, in
     * {@code handle}'s transaction, set-based (three statements whatever the count); answers how
     * many were deleted.
     */
    public int erase(Handle handle, TenantId tenantId, List<RecordId> ids, Instant now, Optional<String> runId) {
        return eraseCounting(handle, tenantId, ids, now, runId).records();
    }

    /** As {@link #erase}, answering how many attachments went with the case files too. */
    public Erased eraseCounting(Handle handle, TenantId tenantId, List<RecordId> ids, Instant now,
                                Optional<String> runId) {
        if (ids.isEmpty()) {
            return new Erased(0, 0);
        }
        List<byte[]> keys = ids.stream().map(RecordId::toBytes).toList();
        // Locks the rows first, so that the copy and the delete see the same ones; a held case file
        // is never taken. Placing a hold locks the same row first (RecordArchive), so a hold either
        // committed before this lock, and the locking read of record_holds below sees it (a plain
        // read could answer from an older snapshot), or it waits for this transaction and then finds
        // the case file gone.
        List<byte[]> locked = handle.createQuery("""
                        SELECT r.id FROM records r
                         WHERE r.tenant_id = :tenantId AND r.id IN (<ids>)
                           AND NOT EXISTS (SELECT 1 FROM record_holds h WHERE h.tenant_id = r.tenant_id AND h.record_id = r.id)
                           FOR UPDATE
                        """)
                .bind("tenantId", tenantId.value()).bindList("ids", keys)
                .map((rs, ctx) -> rs.getBytes(1)).list();
        if (locked.isEmpty()) {
            return new Erased(0, 0);
        }
        Set<RecordId> held = new HashSet<>(handle.createQuery("""
                        SELECT record_id FROM record_holds WHERE tenant_id = :tenantId AND record_id IN (<ids>)
                           LOCK IN SHARE MODE
                        """)
                .bind("tenantId", tenantId.value()).bindList("ids", locked)
                .map((rs, ctx) -> RecordId.fromBytes(rs.getBytes(1))).list());
        List<byte[]> present = locked.stream().filter(key -> !held.contains(RecordId.fromBytes(key))).toList();
        if (present.isEmpty()) {
            return new Erased(0, 0);
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
        new HistoryDao(handle).deleteOf(tenantId, present);
        deleteKeptPosts(handle, tenantId, present);
        // The files' rows go here; their objects once this transaction committed (queued meanwhile).
        int attachments = new AttachmentDao(handle).deleteOfRecords(tenantId, present, now);
        if (attachments > 0) {
            handle.afterCommit(objectsAfterCommit);
        }
        // The id it had in the system it was imported from: an import would otherwise find it again.
        handle.createUpdate("DELETE FROM record_external_ids WHERE tenant_id = :tenantId AND record_id IN (<ids>)")
                .bind("tenantId", tenantId.value()).bindList("ids", present).execute();
        int records = handle.createUpdate("DELETE FROM records WHERE tenant_id = :tenantId AND id IN (<ids>)")
                .bind("tenantId", tenantId.value()).bindList("ids", present).execute();
        return new Erased(records, attachments);
    }

    /**
     * A form kept across a login (V12, four hours at most) for one of these case files holds what
     * was typed into it, names included: it goes with the file. The service's kept posts are few
     * (one per expired session with a pending post), so they are read and matched by path here.
     */
    private static void deleteKeptPosts(Handle handle, TenantId tenantId, List<byte[]> erased) {
        List<String> ids = erased.stream().map(key -> RecordId.fromBytes(key).toString()).toList();
        List<Long> kept = handle.createQuery("SELECT id, post_path FROM kept_posts WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value())
                .map((rs, ctx) -> {
                    String path = rs.getString("post_path");
                    return ids.stream().anyMatch(id -> path.contains("/records/" + id)) ? rs.getLong("id") : -1L;
                })
                .list().stream().filter(id -> id >= 0).toList();
        if (!kept.isEmpty()) {
            handle.createUpdate("DELETE FROM kept_posts WHERE tenant_id = :tenantId AND id IN (<ids>)")
                    .bind("tenantId", tenantId.value()).bindList("ids", kept).execute();
        }
    }

    /** What {@link #eraseService} removed. */
    public record ServiceErasure(long holds, long history, long records, long attachments, long externalIds) {}

    /** Deletes every case file of a service with what hangs off them, in {@code handle}'s transaction. */
    public ServiceErasure eraseService(Handle handle, TenantId tenantId) {
        long holds = handle.createUpdate("DELETE FROM record_holds WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value()).execute();
        long history = new HistoryDao(handle).deleteAll(tenantId);
        long attachments = new AttachmentDao(handle).deleteService(tenantId, Instant.now());
        handle.afterCommit(objectsAfterCommit);
        long externalIds = handle.createUpdate("DELETE FROM record_external_ids WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value()).execute();
        long records = handle.createUpdate("DELETE FROM records WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value()).execute();
        return new ServiceErasure(holds, history, records, attachments, externalIds);
    }
}
