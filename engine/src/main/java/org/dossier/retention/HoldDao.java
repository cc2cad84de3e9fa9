package org.dossier.retention;

import java.time.Instant;
import java.util.Optional;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/** The legal holds of {@code record_holds} (V13): one row per held case file, deleted when the hold is lifted. */
public final class HoldDao {
    private final Handle handle;

    public HoldDao(Handle handle) {
        this.handle = handle;
    }

    public Optional<Hold> find(TenantId tenantId, RecordId recordId) {
        return handle.createQuery("""
                        SELECT reason, placed_by, placed_at FROM record_holds
                         WHERE tenant_id = :tenantId AND record_id = :recordId
                        """)
                .bind("tenantId", tenantId).bind("recordId", recordId)
                .map((rs, ctx) -> new Hold(rs.getString("reason"), rs.getString("placed_by"),
                        rs.getTimestamp("placed_at").toInstant()))
                .findOne();
    }

    /** @return false when the case file was already held (the first hold stands) */
    public boolean insert(TenantId tenantId, RecordId recordId, String reason, String placedBy, Instant placedAt) {
        return handle.createUpdate("""
                        INSERT IGNORE INTO record_holds (tenant_id, record_id, reason, placed_by, placed_at)
                        VALUES (:tenantId, :recordId, :reason, :placedBy, :placedAt)
                        """)
                .bind("tenantId", tenantId).bind("recordId", recordId).bind("reason", reason)
                .bind("placedBy", placedBy).bind("placedAt", placedAt)
                .execute() == 1;
    }

    /** @return false when the case file was not held */
    public boolean delete(TenantId tenantId, RecordId recordId) {
        return handle.createUpdate("DELETE FROM record_holds WHERE tenant_id = :tenantId AND record_id = :recordId")
                .bind("tenantId", tenantId).bind("recordId", recordId)
                .execute() == 1;
    }
}
