package org.dossier.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * The rows of {@code attachments} and of the queue {@code attachment_deletions} (V21). Public for the
 * one deletion path of case files ({@code retention/CaseFileErasure}), which deletes rows in its
 * own transaction.
 */
public final class AttachmentDao {
    private static final String COLUMNS = """
            tenant_id, id, record_id, field_path, file_name, content_type, size_bytes, sha256, created_at, created_by""";

    private final Handle handle;

    public AttachmentDao(Handle handle) {
        this.handle = handle;
    }

    void insertStaged(Attachment staged) {
        handle.createUpdate("""
                        INSERT INTO attachments (tenant_id, id, record_id, field_path, file_name, content_type,
                                                 size_bytes, sha256, created_at, created_by)
                        VALUES (:tenantId, :id, NULL, :fieldPath, :fileName, :contentType, :size, :sha256,
                                :createdAt, :createdBy)""")
                .bind("tenantId", staged.tenantId().value()).bind("id", staged.id())
                .bind("fieldPath", staged.fieldPath()).bind("fileName", staged.fileName())
                .bind("contentType", staged.contentType()).bind("size", staged.size()).bind("sha256", staged.sha256())
                .bind("createdAt", staged.createdAt()).bind("createdBy", staged.createdBy())
                .execute();
    }

    Optional<Attachment> find(TenantId tenantId, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM attachments WHERE tenant_id = :tenantId AND id = :id")
                .bind("tenantId", tenantId.value()).bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne();
    }

    List<Attachment> ofRecord(TenantId tenantId, RecordId recordId) {
        return handle.createQuery("SELECT " + COLUMNS
                        + " FROM attachments WHERE tenant_id = :tenantId AND record_id = :recordId ORDER BY created_at, id")
                .bind("tenantId", tenantId.value()).bind("recordId", recordId.toBytes())
                .map((rs, ctx) -> row(rs)).list();
    }

    /** The attachments of several case files at once (an export reads them a page of case files at a time). */
    List<Attachment> ofRecords(TenantId tenantId, List<RecordId> recordIds) {
        if (recordIds.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT " + COLUMNS
                        + " FROM attachments WHERE tenant_id = :tenantId AND record_id IN (<ids>) ORDER BY created_at, id")
                .bind("tenantId", tenantId.value()).bindList("ids", recordIds.stream().map(RecordId::toBytes).toList())
                .map((rs, ctx) -> row(rs)).list();
    }

    /** A staged attachment becomes the case file's, at the field that names it. */
    boolean link(TenantId tenantId, String id, RecordId recordId, String fieldPath) {
        return handle.createUpdate("""
                        UPDATE attachments SET record_id = :recordId, field_path = :fieldPath
                         WHERE tenant_id = :tenantId AND id = :id AND record_id IS NULL""")
                .bind("tenantId", tenantId.value()).bind("id", id).bind("recordId", recordId.toBytes())
                .bind("fieldPath", fieldPath).execute() == 1;
    }

    /** How many files a case file holds. */
    public long countOf(TenantId tenantId, RecordId recordId) {
        return handle.createQuery("SELECT COUNT(*) FROM attachments WHERE tenant_id = :tenantId AND record_id = :recordId")
                .bind("tenantId", tenantId.value()).bind("recordId", recordId.toBytes())
                .mapTo(Long.class).one();
    }

    long bytesOf(TenantId tenantId, RecordId recordId) {
        return handle.createQuery("""
                        SELECT COALESCE(SUM(size_bytes), 0) FROM attachments
                         WHERE tenant_id = :tenantId AND record_id = :recordId""")
                .bind("tenantId", tenantId.value()).bind("recordId", recordId.toBytes())
                .mapTo(Long.class).one();
    }

    /** Deletes rows and queues their objects' deletion, in the caller's transaction; answers how many rows went. */
    int deleteQueued(TenantId tenantId, List<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        handle.createUpdate("""
                        INSERT IGNORE INTO attachment_deletions (service_id, object_id, requested_at)
                        SELECT tenant_id, id, :now FROM attachments WHERE tenant_id = :tenantId AND id IN (<ids>)""")
                .bind("tenantId", tenantId.value()).bindList("ids", ids).bind("now", now).execute();
        return handle.createUpdate("DELETE FROM attachments WHERE tenant_id = :tenantId AND id IN (<ids>)")
                .bind("tenantId", tenantId.value()).bindList("ids", ids).execute();
    }

    /** Deletes the files of these case files and queues their objects' deletion; answers how many went. */
    public int deleteOfRecords(TenantId tenantId, List<byte[]> recordIds, Instant now) {
        return deleteQueued(tenantId, idsOfRecords(tenantId, recordIds), now);
    }

    /** The ids of the attachments of these case files. */
    List<String> idsOfRecords(TenantId tenantId, List<byte[]> recordIds) {
        if (recordIds.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT id FROM attachments WHERE tenant_id = :tenantId AND record_id IN (<ids>)")
                .bind("tenantId", tenantId.value()).bindList("ids", recordIds).mapTo(String.class).list();
    }

    /** Every attachment of a service goes, and the deletion of all its objects is queued as one entry. */
    public long deleteService(TenantId tenantId, Instant now) {
        handle.createUpdate("""
                        INSERT IGNORE INTO attachment_deletions (service_id, object_id, requested_at)
                        VALUES (:tenantId, :all, :now)""")
                .bind("tenantId", tenantId.value()).bind("all", AttachmentDeletions.WHOLE_SERVICE).bind("now", now).execute();
        return handle.createUpdate("DELETE FROM attachments WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value()).execute();
    }

    /** Staged attachments no save took, older than {@code before}: their upload was abandoned. */
    List<Attachment> abandoned(Instant before, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM attachments /* all tenants */"
                        + " WHERE record_id IS NULL AND created_at < :before ORDER BY created_at LIMIT :limit")
                .bind("before", before).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list();
    }

    private static Attachment row(ResultSet rs) throws SQLException {
        byte[] record = rs.getBytes("record_id");
        Timestamp createdAt = rs.getTimestamp("created_at");
        return new Attachment(new TenantId(rs.getLong("tenant_id")), rs.getString("id"),
                Optional.ofNullable(record).map(RecordId::fromBytes), rs.getString("field_path"),
                rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("sha256"), createdAt.toInstant(), rs.getString("created_by"));
    }
}
