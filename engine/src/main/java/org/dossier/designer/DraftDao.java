package org.dossier.designer;

import java.time.Instant;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The designer's tables: one draft customisation per form of a service ({@code form_drafts}), and
 * for a clone, which version of its source's form each of its published versions holds
 * ({@code form_upstreams}).
 */
interface DraftDao {

    @SqlQuery("""
            SELECT customisation, updated_at, updated_by, upstream_version, definition
              FROM form_drafts
             WHERE tenant_id = :tenantId AND form_key = :formKey
            """)
    @RegisterConstructorMapper(DraftRow.class)
    Optional<DraftRow> find(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey);

    /** Stores the draft, keeping the source version it holds the updates of, if any. */
    @SqlUpdate("""
            INSERT INTO form_drafts (tenant_id, form_key, customisation, updated_at, updated_by)
            VALUES (:tenantId, :formKey, :customisation, :now, :actor)
            ON DUPLICATE KEY UPDATE customisation = :customisation, updated_at = :now, updated_by = :actor,
                                    definition = NULL
            """)
    void save(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey,
              @Bind("customisation") String customisationJson, @Bind("now") Instant now, @Bind("actor") String actor);

    /** Stores the draft with the version of the source's form whose updates it holds ({@code null}: none). */
    @SqlUpdate("""
            INSERT INTO form_drafts (tenant_id, form_key, customisation, updated_at, updated_by, upstream_version)
            VALUES (:tenantId, :formKey, :customisation, :now, :actor, :upstream)
            ON DUPLICATE KEY UPDATE customisation = :customisation, updated_at = :now, updated_by = :actor,
                                    upstream_version = :upstream, definition = NULL
            """)
    void saveWithUpstream(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey,
                          @Bind("customisation") String customisationJson, @Bind("now") Instant now,
                          @Bind("actor") String actor, @Bind("upstream") Integer upstreamVersion);

    /**
     * Stores a whole definition imported from a file as the draft: it replaces any customisation
     * (kept as '{}') and any source updates pulled in.
     */
    @SqlUpdate("""
            INSERT INTO form_drafts (tenant_id, form_key, customisation, updated_at, updated_by, upstream_version, definition)
            VALUES (:tenantId, :formKey, '{}', :now, :actor, NULL, :definition)
            ON DUPLICATE KEY UPDATE customisation = '{}', updated_at = :now, updated_by = :actor,
                                    upstream_version = NULL, definition = :definition
            """)
    void saveDefinition(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey,
                        @Bind("definition") String definitionJson, @Bind("now") Instant now,
                        @Bind("actor") String actor);

    /** Flags a version just published from an imported definition. */
    @SqlUpdate("""
            UPDATE form_versions SET imported = TRUE
             WHERE tenant_id = :tenantId AND form_key = :formKey AND version = :version
            """)
    void markImported(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey, @Bind("version") int version);

    @SqlQuery("""
            SELECT imported FROM form_versions
             WHERE tenant_id = :tenantId AND form_key = :formKey AND version = :version
            """)
    Optional<Boolean> imported(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey,
                               @Bind("version") int version);

    /**
     * A service whose form was replaced by an imported definition no longer takes its source's
     * updates: they are customisations of a form it no longer has.
     */
    @SqlUpdate("UPDATE tenants SET source_tenant_id = NULL WHERE id = :tenantId")
    int unlinkSource(@Bind("tenantId") TenantId tenantId);

    /** When the draft was last saved, its row locked until the transaction ends; empty without a draft. */
    @SqlQuery("""
            SELECT updated_at FROM form_drafts
             WHERE tenant_id = :tenantId AND form_key = :formKey
               FOR UPDATE
            """)
    Optional<Instant> lockUpdatedAt(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey);

    @SqlUpdate("DELETE FROM form_drafts WHERE tenant_id = :tenantId AND form_key = :formKey")
    void delete(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey);

    @SqlUpdate("""
            INSERT INTO form_upstreams (tenant_id, form_key, version, source_version, taken_at)
            VALUES (:tenantId, :formKey, :version, :sourceVersion, :now)
            """)
    void insertUpstream(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey,
                        @Bind("version") int version, @Bind("sourceVersion") int sourceVersion,
                        @Bind("now") Instant now);

    /** The source version recorded for the nearest version at or before {@code version}. */
    @SqlQuery("""
            SELECT source_version FROM form_upstreams
             WHERE tenant_id = :tenantId AND form_key = :formKey AND version <= :version
             ORDER BY version DESC
             LIMIT 1
            """)
    Optional<Integer> sourceVersionAtOrBefore(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey,
                                              @Bind("version") int version);

    /** A stored draft, its customisation still as JSON text; {@code definition} set for an imported one. */
    record DraftRow(String customisation, Instant updatedAt, String updatedBy, Integer upstreamVersion,
                    String definition) {}
}
