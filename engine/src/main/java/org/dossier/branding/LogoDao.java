package org.dossier.branding;

import java.time.Instant;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The table of logos, one row per service. */
public interface LogoDao {

    /** Stores the service's logo, replacing the one it had. */
    @SqlUpdate("""
            INSERT INTO tenant_logos (tenant_id, content_type, width, height, bytes, updated_at, updated_by)
            VALUES (:tenantId, :type, :width, :height, :bytes, :now, :actor)
            ON DUPLICATE KEY UPDATE content_type = :type, width = :width, height = :height, bytes = :bytes,
                                    updated_at = :now, updated_by = :actor
            """)
    void save(@Bind("tenantId") TenantId tenantId, @Bind("type") String contentType, @Bind("width") int width,
              @Bind("height") int height, @Bind("bytes") byte[] bytes, @Bind("now") Instant now,
              @Bind("actor") String actor);

    @SqlQuery("""
            SELECT content_type, width, height, bytes FROM tenant_logos WHERE tenant_id = :tenantId
            """)
    @RegisterConstructorMapper(Logo.class)
    Optional<Logo> find(@Bind("tenantId") TenantId tenantId);

    @SqlQuery("SELECT COUNT(*) FROM tenant_logos WHERE tenant_id = :tenantId")
    long count(@Bind("tenantId") TenantId tenantId);

    /** Copies the source service's logo, if it has one, to a new service. @return how many rows were copied */
    @SqlUpdate("""
            INSERT INTO tenant_logos (tenant_id, content_type, width, height, bytes, updated_at, updated_by)
            SELECT :clone, content_type, width, height, bytes, updated_at, updated_by
              FROM tenant_logos WHERE tenant_id = :source
            """)
    int copy(@Bind("source") TenantId source, @Bind("clone") TenantId clone);

    @SqlUpdate("DELETE FROM tenant_logos WHERE tenant_id = :tenantId")
    void delete(@Bind("tenantId") TenantId tenantId);
}
