package org.dossier.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/** Writes audit events inside the caller's transaction, so an action and its trace commit together. */
public final class AuditLog {

    public void record(Handle handle, TenantId tenantId, Actor actor, String action, String targetType, String targetId,
                       ObjectNode details) {
        AuditEvent event = new AuditEvent(tenantId, RecordId.uuidV7(), Instant.now(), actor.id(), action, targetType,
                targetId, actor.clientAddress(), details == null ? null : details.toString());
        handle.attach(AuditDao.class).insert(event);
    }
}
