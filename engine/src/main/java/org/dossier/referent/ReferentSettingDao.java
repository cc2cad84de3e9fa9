package org.dossier.referent;

import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/** The service's référent setting, one key of {@code tenants.settings} (a JSON object, empty by default). */
final class ReferentSettingDao {
    private final Handle handle;

    ReferentSettingDao(Handle handle) {
        this.handle = handle;
    }

    boolean membersOnly(TenantId tenantId) {
        return handle.createQuery("""
                        SELECT COALESCE(JSON_UNQUOTE(JSON_EXTRACT(settings, '$.referentMembers')) = 'true', FALSE)
                          FROM tenants WHERE id = :tenantId
                        """)
                .bind("tenantId", tenantId).mapTo(Boolean.class).findOne().orElse(false);
    }

    void setMembersOnly(TenantId tenantId, boolean membersOnly) {
        handle.createUpdate("""
                        UPDATE tenants SET settings = JSON_SET(settings, '$.referentMembers', JSON_EXTRACT(:flag, '$'))
                         WHERE id = :tenantId
                        """)
                .bind("tenantId", tenantId).bind("flag", membersOnly ? "true" : "false").execute();
    }
}
