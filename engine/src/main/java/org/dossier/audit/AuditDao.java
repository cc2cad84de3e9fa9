package org.dossier.audit;

import java.util.List;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads of one tenant's audit log with fixed SQL; events are written, and pages of the log read, by {@link AuditEventDao}. */
public interface AuditDao {

    @SqlQuery("""
            SELECT action
              FROM audit_events
             WHERE tenant_id = :tenantId AND target_type = :targetType AND target_id = :targetId
             ORDER BY id
            """)
    List<String> actionsOn(@Bind("tenantId") TenantId tenantId, @Bind("targetType") String targetType,
                           @Bind("targetId") String targetId);

    @SqlQuery("SELECT COUNT(*) FROM audit_events WHERE tenant_id = :tenantId")
    long count(@Bind("tenantId") TenantId tenantId);
}
