package org.dossier.lifecycle;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The SQL that counts and deletes a service's rows in each tenant-scoped table, each bound to
 * {@code :tenantId} alone. Memberships go after the search for orphan accounts, which reads them;
 * the deletion test fails when a migration adds a tenant-scoped table that is missing here.
 */
final class TenantTables {
    static final Map<DeletedKind, String> COUNTS;
    static final Map<DeletedKind, String> DELETES;

    static {
        Map<DeletedKind, String> counts = new EnumMap<>(DeletedKind.class);
        counts.put(DeletedKind.RECORDS, "SELECT COUNT(*) FROM records WHERE tenant_id = :tenantId");
        counts.put(DeletedKind.FORM_VERSIONS, "SELECT COUNT(*) FROM form_versions WHERE tenant_id = :tenantId");
        counts.put(DeletedKind.FORM_DRAFTS, "SELECT COUNT(*) FROM form_drafts WHERE tenant_id = :tenantId");
        counts.put(DeletedKind.FORM_UPSTREAMS, "SELECT COUNT(*) FROM form_upstreams WHERE tenant_id = :tenantId");
        counts.put(DeletedKind.LOGOS, "SELECT COUNT(*) FROM tenant_logos WHERE tenant_id = :tenantId");
        counts.put(DeletedKind.MEMBERSHIPS, "SELECT COUNT(*) FROM memberships WHERE tenant_id = :tenantId");
        counts.put(DeletedKind.AUDIT_EVENTS, "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :tenantId");
        COUNTS = Collections.unmodifiableMap(counts);

        Map<DeletedKind, String> deletes = new EnumMap<>(DeletedKind.class);
        deletes.put(DeletedKind.RECORDS, "DELETE FROM records WHERE tenant_id = :tenantId");
        deletes.put(DeletedKind.FORM_VERSIONS, "DELETE FROM form_versions WHERE tenant_id = :tenantId");
        deletes.put(DeletedKind.FORM_DRAFTS, "DELETE FROM form_drafts WHERE tenant_id = :tenantId");
        deletes.put(DeletedKind.FORM_UPSTREAMS, "DELETE FROM form_upstreams WHERE tenant_id = :tenantId");
        deletes.put(DeletedKind.LOGOS, "DELETE FROM tenant_logos WHERE tenant_id = :tenantId");
        deletes.put(DeletedKind.MEMBERSHIPS, "DELETE FROM memberships WHERE tenant_id = :tenantId");
        deletes.put(DeletedKind.AUDIT_EVENTS, "DELETE FROM audit_events WHERE tenant_id = :tenantId");
        DELETES = Collections.unmodifiableMap(deletes);
    }

    private TenantTables() {}
}
