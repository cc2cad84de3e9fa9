package org.dossier.lifecycle;

import org.dossier.tenant.NoSuchTenantException;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * A service's row read and locked inside a lifecycle transaction, never from the slug cache: two
 * super-admins acting on one service at once are served one after the other, each seeing the
 * other's outcome.
 */
record LockedTenant(TenantId id, String slug, boolean suspended, java.time.Instant statusChangedAt) {

    /** @throws NoSuchTenantException when no service has this slug */
    static LockedTenant lock(Handle handle, String slug) {
        return handle.createQuery("SELECT id, slug, status, status_changed_at FROM tenants WHERE slug = :slug FOR UPDATE")
                .bind("slug", slug == null ? "" : slug)
                .map((rs, ctx) -> new LockedTenant(new TenantId(rs.getLong("id")), rs.getString("slug"),
                        "suspended".equals(rs.getString("status")),
                        rs.getTimestamp("status_changed_at") == null ? null : rs.getTimestamp("status_changed_at").toInstant()))
                .findOne()
                .orElseThrow(() -> new NoSuchTenantException(String.valueOf(slug)));
    }
}
