package org.dossier.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dossier.Services;
import org.dossier.ids.Uuids;
import org.dossier.tenant.TenantId;

/** Appends events at chosen times to their chain, as the application would have at that time. */
public final class ChainedInserts {
    private ChainedInserts() {}

    public static void insert(Services services, long tenantId, Instant occurredAt, String actor, String action,
                              String targetType, String targetId) {
        Instant at = occurredAt.truncatedTo(ChronoUnit.MICROS);
        services.jdbi().useTransaction(handle -> {
            AuditEventDao dao = new AuditEventDao(handle);
            if (tenantId == AuditLog.PLATFORM_TENANT) {
                dao.insertPlatform(Uuids.v7(), at, new Actor(actor, null), action, targetType, targetId, null);
            } else {
                dao.insert(new TenantId(tenantId), Uuids.v7(), at, new Actor(actor, null), action, targetType, targetId, null);
            }
        });
    }
}
