package org.dossier.form;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Published form versions. Append-only: there is deliberately no update and no delete. */
@RegisterConstructorMapper(FormVersionDao.FormVersionRow.class)
public interface FormVersionDao {

    @SqlQuery("""
            SELECT form_key, version, definition, customisation, published_at, published_by
              FROM form_versions
             WHERE tenant_id = :tenantId AND form_key = :formKey
             ORDER BY version DESC
             LIMIT 1
            """)
    Optional<FormVersionRow> findLatest(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey);

    @SqlQuery("""
            SELECT form_key, version, definition, customisation, published_at, published_by
              FROM form_versions
             WHERE tenant_id = :tenantId AND form_key = :formKey AND version = :version
            """)
    Optional<FormVersionRow> find(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey,
                                  @Bind("version") int version);

    @SqlQuery("""
            SELECT COALESCE(MAX(version), 0)
              FROM form_versions
             WHERE tenant_id = :tenantId AND form_key = :formKey
            """)
    int latestVersionNumber(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey);

    @SqlQuery("""
            SELECT form_key, version, definition, customisation, published_at, published_by
              FROM form_versions
             WHERE tenant_id = :tenantId AND form_key = :formKey
             ORDER BY version DESC
            """)
    List<FormVersionRow> history(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey);

    /** Fails on the primary key when two publishers race for the same number: the loser retries. */
    @SqlUpdate("""
            INSERT INTO form_versions (tenant_id, form_key, version, definition, customisation, published_at, published_by,
                                       required_choices)
            VALUES (:tenantId, :formKey, :version, :definition, :customisation, :publishedAt, :publishedBy, :requiredChoices)
            """)
    void insert(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey, @Bind("version") int version,
                @Bind("definition") String definitionJson, @Bind("customisation") String customisationJson,
                @Bind("publishedAt") Instant publishedAt, @Bind("publishedBy") String publishedBy,
                @Bind("requiredChoices") String requiredChoicesJson);

    /** The versions up to {@code version} that made fields required, oldest first, with the admin's choices. */
    @SqlQuery("""
            SELECT version, published_at, required_choices
              FROM form_versions
             WHERE tenant_id = :tenantId AND form_key = :formKey AND version <= :version
               AND required_choices IS NOT NULL
             ORDER BY version
            """)
    @RegisterConstructorMapper(ChoicesRow.class)
    List<ChoicesRow> requiredChoices(@Bind("tenantId") TenantId tenantId, @Bind("formKey") String formKey,
                                     @Bind("version") int version);

    /** @param requiredChoices a JSON object, see {@link RequiredChoices} */
    record ChoicesRow(int version, Instant publishedAt, String requiredChoices) {}

    /** @param customisation the customisation the version was compiled from; null when published as a whole definition */
    record FormVersionRow(String formKey, int version, String definition, String customisation, Instant publishedAt,
                          String publishedBy) {}
}
