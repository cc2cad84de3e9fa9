package org.dossier.audit;

import java.util.List;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Append-only access to the audit log of one tenant. */
public interface AuditDao {
    String INSERT = """
            INSERT INTO audit_events (tenant_id, id, occurred_at, actor, action, target_type, target_id, client_address, details)
            VALUES (:tenantId, :id, :occurredAt, :actor, :action, :targetType, :targetId, :clientAddress, :detailsJson)
            """;

    @SqlUpdate(INSERT)
    void insert(@BindMethods AuditEvent event);

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
