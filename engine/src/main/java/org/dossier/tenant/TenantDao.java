package org.dossier.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.retention.RetentionPolicy;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The platform-level table of tenants. It is the one table not scoped by tenant id. */
public interface TenantDao {

    @SqlQuery("""
            SELECT id, slug, name, primary_color, logo_version, created_at, status, template,
                   retention_active_years, retention_kept_years
              FROM tenants
             WHERE slug = :slug
            """)
    @RegisterConstructorMapper(TenantRow.class)
    Optional<TenantRow> findBySlug(@Bind("slug") String slug);

    @SqlQuery("""
            SELECT id, slug, name, primary_color, logo_version, created_at, status, template,
                   retention_active_years, retention_kept_years
              FROM tenants
             WHERE id = :id
            """)
    @RegisterConstructorMapper(TenantRow.class)
    Optional<TenantRow> findById(@Bind("id") long id);

    /** The service a clone was cloned from; empty for a service created from the base form or whose source is gone. */
    @SqlQuery("""
            SELECT source.id, source.slug, source.name, source.primary_color, source.logo_version, source.created_at,
                   source.status, source.template, source.retention_active_years, source.retention_kept_years
              FROM tenants clone
              JOIN tenants source ON source.id = clone.source_tenant_id
             WHERE clone.id = :id
            """)
    @RegisterConstructorMapper(TenantRow.class)
    Optional<TenantRow> sourceOf(@Bind("id") long id);

    @SqlQuery("""
            SELECT id, slug, name, primary_color, logo_version, created_at, status, template,
                   retention_active_years, retention_kept_years
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

    @SqlUpdate("UPDATE tenants SET name = :name, primary_color = :colour WHERE id = :id")
    void updateBranding(@Bind("id") long id, @Bind("name") String name, @Bind("colour") String primaryColor);

    /**
     * Makes the service a template unless it holds case files: the check and the change are one
     * statement, so a case file saved meanwhile cannot slip in between.
     *
     * @return 1 when marked, 0 when the service holds case files
     */
    @SqlUpdate("""
            UPDATE tenants SET template = TRUE
             WHERE id = :tenantId
               AND NOT EXISTS (SELECT 1 FROM records WHERE tenant_id = :tenantId)
            """)
    int markTemplateUnlessHoldingCaseFiles(@Bind("tenantId") TenantId tenantId);

    @SqlUpdate("UPDATE tenants SET template = FALSE WHERE id = :tenantId")
    int unmarkTemplate(@Bind("tenantId") TenantId tenantId);

    /** The services holding at least one case file, each once. */
    @SqlQuery("""
            SELECT /* all tenants */ DISTINCT tenant_id FROM records
            """)
    List<Long> holdingCaseFiles();

    /** Links a clone to its source, with the version of the logo it was given. */
    @SqlUpdate("UPDATE tenants SET source_tenant_id = :source, logo_version = :logo WHERE id = :id")
    void linkToSource(@Bind("id") long id, @Bind("source") long sourceId, @Bind("logo") int logoVersion);

    @SqlUpdate("UPDATE tenants SET logo_version = logo_version + 1 WHERE id = :id")
    void incrementLogoVersion(@Bind("id") long id);

    @SqlUpdate("UPDATE tenants SET logo_version = 0 WHERE id = :id")
    void clearLogoVersion(@Bind("id") long id);

    /** Row shape; converted to {@link Tenant} so the typed id never comes from a raw long elsewhere. */
    record TenantRow(long id, String slug, String name, String primaryColor, int logoVersion, Instant createdAt,
                     String status, boolean template, int retentionActiveYears, int retentionKeptYears) {
        public Tenant toTenant() {
            return new Tenant(new TenantId(id), slug, name, primaryColor, logoVersion, createdAt, "suspended".equals(status),
                    template, new RetentionPolicy(retentionActiveYears, retentionKeptYears));
        }
    }
}
