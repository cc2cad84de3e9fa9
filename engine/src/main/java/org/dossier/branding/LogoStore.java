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
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO tenant_logos (tenant_id, content_type, width, height, bytes, updated_at, updated_by)
                        VALUES (:tenantId, :type, :width, :height, :bytes, :now, :actor)
                        ON DUPLICATE KEY UPDATE content_type = :type, width = :width, height = :height, bytes = :bytes,
                                                updated_at = :now, updated_by = :actor
                        """)
                .bind("tenantId", tenantId).bind("type", logo.contentType()).bind("width", logo.width())
                .bind("height", logo.height()).bind("bytes", logo.bytes()).bind("now", now).bind("actor", actor)
                .execute());
    }

    public Optional<Logo> find(TenantId tenantId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT content_type, width, height, bytes FROM tenant_logos WHERE tenant_id = :tenantId
                        """)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> new Logo(rs.getString("content_type"), rs.getInt("width"), rs.getInt("height"),
                        rs.getBytes("bytes")))
                .findOne());
    }

    public boolean exists(TenantId tenantId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM tenant_logos WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId).mapTo(Long.class).one()) > 0;
    }

    public void delete(TenantId tenantId) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM tenant_logos WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId).execute());
    }
}
