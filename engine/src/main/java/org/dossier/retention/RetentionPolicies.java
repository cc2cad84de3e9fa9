package org.dossier.retention;

import org.dossier.tenant.NoSuchTenantException;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * A service's {@link RetentionPolicy} read in the caller's transaction, for code that holds a
 * tenant id rather than a {@link org.dossier.tenant.Tenant} (whose {@code retention()} is the
 * cached copy): a save's read-only check and the list's query then follow a change at once.
 */
public final class RetentionPolicies {
    private RetentionPolicies() {}

    /** @throws NoSuchTenantException when no service has this id */
    public static RetentionPolicy of(Handle handle, TenantId tenantId) {
        return handle.createQuery("""
                        SELECT retention_active_years, retention_kept_years FROM tenants WHERE id = :tenantId
                        """)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> new RetentionPolicy(rs.getInt(1), rs.getInt(2)))
                .findOne()
                .orElseThrow(() -> new NoSuchTenantException(tenantId.toString()));
    }

    /** The lifecycle of the service as seen at {@code now}. */
    public static Retention at(Handle handle, TenantId tenantId, java.time.Instant now) {
        return Retention.at(now, of(handle, tenantId));
    }
}
