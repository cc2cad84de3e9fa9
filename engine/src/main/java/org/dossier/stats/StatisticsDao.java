package org.dossier.stats;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.retention.Retention;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * The aggregate queries behind the statistics, one service at a time: each is scoped by its
 * tenant id, so they run unchanged on a database sharded by tenant. They return counts only, never
 * a case file's row. The case files themselves are counted as they are written ({@link CaseFileCounts}).
 */
final class StatisticsDao {
    private final Handle handle;

    StatisticsDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * Case files still kept (last active since {@link Retention#keptSince()}), by phase and by month of creation.
     *
     * @param newPerMonth created in {@code [monthStarts[i], monthStarts[i + 1])}, for each month
     */
    record CaseFiles(long active, long archived, long[] newPerMonth) {}

    /** People whose membership of the service is active. */
    long activeUsers(TenantId tenantId) {
        return handle.createQuery("SELECT COUNT(*) FROM memberships WHERE tenant_id = :tenantId AND active")
                .bind("tenantId", tenantId).mapTo(Long.class).one();
    }

    /** People with an active membership in at least one of the services, each counted once. */
    long distinctActiveUsers(List<TenantId> tenantIds) {
        if (tenantIds.isEmpty()) {
            return 0;
        }
        return handle.createQuery("""
                        SELECT COUNT(DISTINCT user_id) FROM memberships WHERE tenant_id IN (<tenantIds>) AND active
                        """)
                .bindList("tenantIds", tenantIds.stream().map(TenantId::value).toList()).mapTo(Long.class).one();
    }

    /** The time of the service's latest audit event: a sign-in, a case file changed, a setting changed. */
    Optional<Instant> lastActivity(TenantId tenantId) {
        return handle.createQuery("SELECT MAX(occurred_at) FROM audit_events WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId).mapTo(Timestamp.class).findOne().map(Timestamp::toInstant);
    }
}
