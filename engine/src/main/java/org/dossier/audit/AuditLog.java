package org.dossier.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.dossier.ids.Uuids;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * Writes audit events inside the caller's transaction, so an action and its trace commit together.
 * Events of a service carry its tenant id; platform events (a login with an unknown e-mail, a
 * super-admin's action) carry tenant id {@value #PLATFORM_TENANT}, which no service has.
 */
public final class AuditLog {
    private static final String INSERT = """
            INSERT INTO audit_events (tenant_id, id, occurred_at, actor, action, target_type, target_id, client_address, details)
            VALUES (:tenantId, :id, :occurredAt, :actor, :action, :targetType, :targetId, :clientAddress, :detailsJson)
            """;

    public static final long PLATFORM_TENANT = 0;

    public void record(Handle handle, TenantId tenantId, Actor actor, String action, String targetType, String targetId,
                       ObjectNode details) {
        insert(handle, tenantId.value(), actor, action, targetType, targetId, details);
    }

    public void recordPlatform(Handle handle, Actor actor, String action, String targetType, String targetId,
                               ObjectNode details) {
        insert(handle, PLATFORM_TENANT, actor, action, targetType, targetId, details);
    }

    private void insert(Handle handle, long tenantId, Actor actor, String action, String targetType, String targetId,
                       ObjectNode details) {
        // A fluent statement rather than a SqlObject: attaching a proxy per event cost more than the insert.
        handle.createUpdate(INSERT)
                .bind("tenantId", tenantId)
                .bind("id", Uuids.v7())
                .bind("occurredAt", Instant.now())
                .bind("actor", actor.id())
                .bind("action", action)
                .bind("targetType", targetType)
                .bind("targetId", targetId)
                .bind("clientAddress", actor.clientAddress())
                .bind("detailsJson", details == null ? null : details.toString())
                .execute();
    }
}
