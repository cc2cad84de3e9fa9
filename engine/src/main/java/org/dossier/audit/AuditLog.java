package org.dossier.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dossier.ids.Uuids;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * Writes audit events inside the caller's transaction, so an action and its trace commit together.
 * Events of a service carry its tenant id; platform events (a login with an unknown e-mail, a
 * super-admin's action) carry tenant id {@value #PLATFORM_TENANT}, which no service has.
 */
public final class AuditLog {
    public static final long PLATFORM_TENANT = 0;

    /** The head this node last saw of each chain (see {@link ChainHeads}): per node, a guess, never a rule. */
    private final Map<Long, ChainHeads.Head> seenHeads = new ConcurrentHashMap<>();
    /** Per chain, the turn of this node's appends (see {@link AppendTurns}). */
    private final AppendTurns turns = new AppendTurns();

    public void record(Handle handle, TenantId tenantId, Actor actor, String action, String targetType, String targetId,
                       ObjectNode details) {
        dao(handle).insert(tenantId, Uuids.v7(), now(), actor, action, targetType, targetId, json(details));
    }

    /** One event of {@link #recordAll}: what {@link #record} takes besides the handle, service and actor. */
    public record Event(String action, String targetType, String targetId, String detailsJson) {
        public Event(String action, String targetType, String targetId, ObjectNode details) {
            this(action, targetType, targetId, json(details));
        }
    }

    /**
     * Several events of one service by one actor, in the caller's transaction, chained in their
     * order exactly as as many {@link #record} calls would chain them, but written as one batch
     * (an import's batch of case files).
     */
    public void recordAll(Handle handle, TenantId tenantId, Actor actor, List<Event> events) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("a batch of audit events needs the caller's transaction");
        }
        dao(handle).appendAll(tenantId.value(), actor, events, now());
    }

    public void recordPlatform(Handle handle, Actor actor, String action, String targetType, String targetId,
                               ObjectNode details) {
        dao(handle).insertPlatform(Uuids.v7(), now(), actor, action, targetType, targetId, json(details));
    }

    private AuditEventDao dao(Handle handle) {
        return new AuditEventDao(handle, seenHeads, turns);
    }

    /** To the microsecond, as the column keeps it: the chain hashes the time that is stored. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String json(ObjectNode details) {
        return details == null ? null : details.toString();
    }
}
