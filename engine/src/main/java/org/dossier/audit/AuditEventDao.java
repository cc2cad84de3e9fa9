package org.dossier.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The statements of the audit log that are not fixed text, as a fluent class; the fixed reads are
 * in {@link AuditDao}. The insert runs with every action, where attaching a SqlObject proxy per
 * event cost more than the insert itself; a page of the log is built from the filters present.
 */
public final class AuditEventDao {
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final String INSERT = """
            INSERT INTO audit_events (tenant_id, id, occurred_at, actor, action, target_type, target_id, client_address, details,
                                      seq, prev_hash, hash, salt)
            VALUES (:tenantId, :id, :occurredAt, :actor, :action, :targetType, :targetId, :clientAddress, :detailsJson,
                    :seq, :prevHash, :hash, :salt)
            """;
    private static final String COLUMNS = "tenant_id, occurred_at, actor, action, target_type, target_id, client_address, details";

    private final Handle handle;
    private final java.util.Set<Long> existingHeads;

    AuditEventDao(Handle handle) {
        this(handle, new java.util.HashSet<>());
    }

    /** @param existingHeads the chains whose head row is known to exist (see {@link ChainHeads}) */
    AuditEventDao(Handle handle, java.util.Set<Long> existingHeads) {
        this.handle = handle;
        this.existingHeads = existingHeads;
    }

    /** One event of a service. */
    void insert(TenantId tenantId, UUID id, Instant occurredAt, Actor actor, String action, String targetType,
                String targetId, String detailsJson) {
        insert(tenantId.value(), id, occurredAt, actor, action, targetType, targetId, detailsJson);
    }

    /** One event of the platform, under tenant id {@value AuditLog#PLATFORM_TENANT}. */
    void insertPlatform(UUID id, Instant occurredAt, Actor actor, String action, String targetType, String targetId,
                        String detailsJson) {
        insert(AuditLog.PLATFORM_TENANT, id, occurredAt, actor, action, targetType, targetId, detailsJson);
    }

    /**
     * Appends the event to its chain: the head stays locked until the caller's transaction commits.
     * A caller without a transaction (a read that audits itself on a plain handle) gets one here:
     * in autocommit the head's lock would end with the locking read, and two writers would take
     * the same place in the chain.
     */
    private void insert(long tenantId, UUID id, Instant occurredAt, Actor actor, String action, String targetType,
                        String targetId, String detailsJson) {
        if (!handle.isInTransaction()) {
            handle.useTransaction(transaction -> append(tenantId, id, occurredAt, actor, action, targetType, targetId,
                    detailsJson));
        } else {
            append(tenantId, id, occurredAt, actor, action, targetType, targetId, detailsJson);
        }
    }

    private void append(long tenantId, UUID id, Instant occurredAt, Actor actor, String action, String targetType,
                        String targetId, String detailsJson) {
        ChainHeads heads = new ChainHeads(handle, existingHeads);
        ChainHeads.Head head = heads.lock(tenantId);
        ChainSeal seal = ChainSeal.fresh();
        ChainedEvent event = new ChainedEvent(tenantId, id, occurredAt, actor.id(), action, targetType, targetId,
                actor.clientAddress(), detailsJson);
        byte[] hash = AuditChain.hash(event, seal, head.hash());
        long seq = head.seq() + 1;
        handle.createUpdate(INSERT)
                .bind("seq", seq)
                .bind("prevHash", head.hash())
                .bind("hash", hash)
                .bind("salt", seal.salt())
                .bind("tenantId", tenantId)
                .bind("id", id)
                .bind("occurredAt", occurredAt)
                .bind("actor", actor.id())
                .bind("action", action)
                .bind("targetType", targetType)
                .bind("targetId", targetId)
                .bind("clientAddress", actor.clientAddress())
                .bind("detailsJson", detailsJson)
                .execute();
        heads.advance(tenantId, seq, hash);
    }

    /**
     * Appends several events of one service to its chain in the caller's transaction: the head is
     * locked and advanced once, each event hashed on the one before it as {@link #append} would,
     * and the rows inserted as one batch.
     */
    void appendAll(long tenantId, Actor actor, List<AuditLog.Event> events, Instant occurredAt) {
        if (events.isEmpty()) {
            return;
        }
        ChainHeads heads = new ChainHeads(handle, existingHeads);
        ChainHeads.Head head = heads.lock(tenantId);
        byte[] previous = head.hash();
        long seq = head.seq();
        org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch(INSERT);
        for (AuditLog.Event each : events) {
            UUID id = org.dossier.ids.Uuids.v7();
            ChainSeal seal = ChainSeal.fresh();
            ChainedEvent event = new ChainedEvent(tenantId, id, occurredAt, actor.id(), each.action(), each.targetType(),
                    each.targetId(), actor.clientAddress(), each.detailsJson());
            byte[] hash = AuditChain.hash(event, seal, previous);
            seq++;
            batch.bind("seq", seq).bind("prevHash", previous).bind("hash", hash).bind("salt", seal.salt())
                    .bind("tenantId", tenantId).bind("id", id).bind("occurredAt", occurredAt)
                    .bind("actor", actor.id()).bind("action", each.action()).bind("targetType", each.targetType())
                    .bind("targetId", each.targetId()).bind("clientAddress", actor.clientAddress())
                    .bind("detailsJson", each.detailsJson()).add();
            previous = hash;
        }
        batch.execute();
        heads.advance(tenantId, seq, previous);
    }

    /** One page of a service's events, newest first, and the first event of the next page if there is one. */
    List<AuditEvent> pageOfTenant(TenantId tenantId, AuditQuery query) {
        return page("SELECT " + COLUMNS + " FROM audit_events WHERE tenant_id = :tenantId", query,
                Map.of("tenantId", tenantId));
    }

    /** The same over the whole platform's log, every service's events and the platform's own. */
    List<AuditEvent> pageOfPlatform(AuditQuery query) {
        return page("SELECT /* all tenants */ " + COLUMNS + " FROM audit_events WHERE 1 = 1", query, Map.of());
    }

    private List<AuditEvent> page(String select, AuditQuery query, Map<String, Object> scope) {
        StringBuilder sql = new StringBuilder(select);
        Map<String, Object> binds = new TreeMap<>(scope);
        query.actor().ifPresent(actor -> {
            sql.append(" AND actor = :actor");
            binds.put("actor", actor);
        });
        query.action().ifPresent(action -> {
            sql.append(" AND action = :action");
            binds.put("action", action);
        });
        query.from().ifPresent(from -> {
            sql.append(" AND occurred_at >= :from");
            binds.put("from", from.atStartOfDay(ZONE).toInstant());
        });
        query.to().ifPresent(to -> {
            sql.append(" AND occurred_at < :to");
            binds.put("to", to.plusDays(1).atStartOfDay(ZONE).toInstant());
        });
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset");
        Query statement = handle.createQuery(sql.toString());
        binds.forEach(statement::bind);
        return statement
                .bind("limit", AuditQuery.PAGE_SIZE + 1)
                .bind("offset", (query.page() - 1) * AuditQuery.PAGE_SIZE)
                .mapTo(AuditEvent.class).list();
    }

    /** Maps {@link AuditEvent} by constructor, column names to parameter names. */
    public static void registerMappers(Jdbi jdbi) {
        jdbi.registerRowMapper(ConstructorMapper.factory(AuditEvent.class));
    }
}
