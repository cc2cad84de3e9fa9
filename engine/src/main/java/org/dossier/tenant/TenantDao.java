package org.dossier.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The platform-level table of tenants. It is the one table not scoped by tenant id. */
public interface TenantDao {

    @SqlQuery("""
            SELECT id, slug, name, primary_color, logo_version, created_at, status, template
              FROM tenants
             WHERE slug = :slug
            """)
    @RegisterConstructorMapper(TenantRow.class)
    Optional<TenantRow> findBySlug(@Bind("slug") String slug);

    @SqlQuery("""
            SELECT id, slug, name, primary_color, logo_version, created_at, status, template
              FROM tenants
             WHERE id = :id
            """)
    @RegisterConstructorMapper(TenantRow.class)
    Optional<TenantRow> findById(@Bind("id") long id);

    /** The service a clone was cloned from; empty for a service created from the base form or whose source is gone. */
    @SqlQuery("""
            SELECT source.id, source.slug, source.name, source.primary_color, source.logo_version, source.created_at,
                   source.status, source.template
              FROM tenants clone
              JOIN tenants source ON source.id = clone.source_tenant_id
             WHERE clone.id = :id
            """)
    @RegisterConstructorMapper(TenantRow.class)
    Optional<TenantRow> sourceOf(@Bind("id") long id);

    @SqlQuery("""
            SELECT id, slug, name, primary_color, logo_version, created_at, status, template
              FROM tenants
             ORDER BY name
            """)
    @RegisterConstructorMapper(TenantRow.class)
    List<TenantRow> listAll();

    @SqlUpdate("""
            INSERT INTO tenants (slug, name, primary_color, settings, created_at)
            VALUES (:slug, :name, :primaryColor, :settings, :createdAt)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("slug") String slug, @Bind("name") String name, @Bind("primaryColor") String primaryColor,
                @Bind("settings") String settingsJson, @Bind("createdAt") Instant createdAt);

    @SqlQuery("SELECT COUNT(*) FROM tenants")
    long count();

    /** Row shape; converted to {@link Tenant} so the typed id never comes from a raw long elsewhere. */
    record TenantRow(long id, String slug, String name, String primaryColor, int logoVersion, Instant createdAt,
                     String status, boolean template) {
        public Tenant toTenant() {
            return new Tenant(new TenantId(id), slug, name, primaryColor, logoVersion, createdAt, "suspended".equals(status),
                    template);
        }
    }
}
