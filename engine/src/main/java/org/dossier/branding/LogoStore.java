package org.dossier.branding;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/** Logos in the database, one per service. */
public final class LogoStore {
    private final Jdbi jdbi;

    public LogoStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void save(TenantId tenantId, Logo logo, String actor) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jdbi.useExtension(LogoDao.class, dao -> dao.save(tenantId, logo.contentType(), logo.width(), logo.height(),
                logo.bytes(), now, actor));
    }

    public Optional<Logo> find(TenantId tenantId) {
        return jdbi.withExtension(LogoDao.class, dao -> dao.find(tenantId));
    }

    public boolean exists(TenantId tenantId) {
        return jdbi.withExtension(LogoDao.class, dao -> dao.count(tenantId)) > 0;
    }

    public void delete(TenantId tenantId) {
        jdbi.useExtension(LogoDao.class, dao -> dao.delete(tenantId));
    }
}
