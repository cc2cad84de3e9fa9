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
    /** The event in the head's {@code next_*} columns, inserted by the trigger when the head was {@code previous*}. */
    private static final String APPEND = """
            UPDATE audit_chain_heads
               SET seq = :seq, hash = :hash, next_id = :id, next_occurred_at = :occurredAt, next_actor = :actor,
                   next_action = :action, next_target_type = :targetType, next_target_id = :targetId,
                   next_client_address = :clientAddress, next_details = :detailsJson, next_salt = :salt
             WHERE tenant_id = :tenantId AND seq = :previousSeq AND hash = :previousHash
            """;
    private static final String COLUMNS = "tenant_id, occurred_at, actor, action, target_type, target_id, client_address, details";

    private final Handle handle;
    private final Map<Long, ChainHeads.Head> seenHeads;
    private final AppendTurns turns;

    AuditEventDao(Handle handle) {
        this(handle, new java.util.HashMap<>(), new AppendTurns());
    }

    /**
     * @param seenHeads the head this node last saw of each chain (see {@link ChainHeads})
     * @param turns     the turns of this node's appends to each chain (see {@link AppendTurns})
     */
    AuditEventDao(Handle handle, Map<Long, ChainHeads.Head> seenHeads, AppendTurns turns) {
        this.handle = handle;
        this.seenHeads = seenHeads;
        this.turns = turns;
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
     * Appends the event to its chain by the statement that moves the chain's head (see
     * {@link ChainAppendTrigger}): first on the head this node last saw, which, when it is still
     * the head, takes one round trip and needs no transaction of its own; otherwise on the head
     * locked by a locking read. In a transaction, the head stays locked until the caller commits.
     * A caller without one (a read that audits itself on a plain handle) gets one here for the
     * locking read: in autocommit its lock would end with it, and another writer could take the
     * place first. The node's appends to one chain take their turn (see {@link AppendTurns}), so
     * that each guesses the head the one before it moved.
     */
    private void insert(long tenantId, UUID id, Instant occurredAt, Actor actor, String action, String targetType,
                        String targetId, String detailsJson) {
        ChainHeads heads = new ChainHeads(handle, seenHeads);
        ChainSeal seal = ChainSeal.fresh();
        ChainedEvent event = new ChainedEvent(tenantId, id, occurredAt, actor.id(), action, targetType, targetId,
                actor.clientAddress(), detailsJson);
        turns.take(handle, tenantId, () -> append(heads, event, seal));
    }

    private void append(ChainHeads heads, ChainedEvent event, ChainSeal seal) {
        java.util.Optional<ChainHeads.Head> seen = heads.guess(event.tenantId());
        if (seen.isPresent() && appendAfter(heads, seen.get(), event, seal)) {
            return;
        }
        // Never seen, or moved since (by another node, or by a save rolled back after its event).
        if (handle.isInTransaction()) {
            appendLocked(heads, event, seal);
        } else {
            handle.useTransaction(transaction -> appendLocked(heads, event, seal));
        }
    }

    private void appendLocked(ChainHeads heads, ChainedEvent event, ChainSeal seal) {
        ChainHeads.Head head = heads.lock(event.tenantId());
        if (!appendAfter(heads, head, event, seal)) {
            throw new IllegalStateException("The head of audit chain " + event.tenantId() + " moved while locked");
        }
    }

    /**
     * Moves the head from {@code previous} to the event, which the trigger inserts, if and only if
     * the head stored is {@code previous} (place and hash); when it moved, the row stays locked for
     * the rest of the caller's transaction. A writer holding the row is waited for (the row is
     * found by its primary key, which InnoDB never reads semi-consistently), so the comparison is
     * made with what that writer committed.
     *
     * @return whether the event was appended: if not, nothing was written
     */
    private boolean appendAfter(ChainHeads heads, ChainHeads.Head previous, ChainedEvent event, ChainSeal seal) {
        byte[] hash = AuditChain.hash(event, seal, previous.hash());
        int moved = handle.createUpdate(APPEND)
                .bind("seq", previous.seq() + 1)
                .bind("hash", hash)
                .bind("previousSeq", previous.seq())
                .bind("previousHash", previous.hash())
                .bind("salt", seal.salt())
                .bind("tenantId", event.tenantId())
                .bind("id", event.id())
                .bind("occurredAt", event.occurredAt())
                .bind("actor", event.actor())
                .bind("action", event.action())
                .bind("targetType", event.targetType())
                .bind("targetId", event.targetId())
                .bind("clientAddress", event.clientAddress())
                .bind("detailsJson", event.details())
                .execute();
        if (moved != 1) {
            return false;
        }
        heads.saw(event.tenantId(), new ChainHeads.Head(previous.seq() + 1, hash));
        return true;
    }

    /**
     * Appends several events of one service to its chain in the caller's transaction: the head is
     * locked and advanced once, each event hashed on the one before it as {@link #appendAfter} would,
     * and the rows inserted as one batch.
     */
    void appendAll(long tenantId, Actor actor, List<AuditLog.Event> events, Instant occurredAt) {
        if (events.isEmpty()) {
            return;
        }
        turns.take(handle, tenantId, () -> appendAllLocked(tenantId, actor, events, occurredAt));
    }

    private void appendAllLocked(long tenantId, Actor actor, List<AuditLog.Event> events, Instant occurredAt) {
        ChainHeads heads = new ChainHeads(handle, seenHeads);
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
