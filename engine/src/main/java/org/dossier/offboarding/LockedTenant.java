package org.dossier.offboarding;

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
        return handle.attach(OffboardingDao.class).lockBySlug(slug == null ? "" : slug)
                .map(row -> new LockedTenant(new TenantId(row.id()), row.slug(), "suspended".equals(row.status()),
                        row.statusChangedAt()))
                .orElseThrow(() -> new NoSuchTenantException(String.valueOf(slug)));
    }
}
