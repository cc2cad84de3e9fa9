package org.dossier.lifecycle;

import org.dossier.tenant.NoSuchTenantException;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * A service's row read and locked inside a lifecycle transaction, never from the slug cache: two
 * super-admins acting on one service at once are served one after the other, each seeing the
 * other's outcome.
 */
record LockedTenant(TenantId id, String slug, boolean suspended) {

    /** @throws NoSuchTenantException when no service has this slug */
    static LockedTenant lock(Handle handle, String slug) {
        return handle.createQuery("SELECT id, slug, status FROM tenants WHERE slug = :slug FOR UPDATE")
                .bind("slug", slug == null ? "" : slug)
                .map((rs, ctx) -> new LockedTenant(new TenantId(rs.getLong("id")), rs.getString("slug"),
                        "suspended".equals(rs.getString("status"))))
                .findOne()
                .orElseThrow(() -> new NoSuchTenantException(String.valueOf(slug)));
    }
}
