package org.dossier.audit;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Migration 18.1: chains the events written before the chain existed, per service in the order
 * they happened (time, then id), and sets each chain's head. Runs once, in Flyway's transaction;
 * it reads a thousand events at a time, so a long log is not held in memory.
 */
public final class ChainExistingEvents implements JavaMigration {
    private static final int BATCH = 1000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("18.1");
    }

    @Override
    public String getDescription() {
        return "chain existing audit events";
    }

    @Override
    public Integer getChecksum() {
        return 181;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        // Flyway owns the connection: the handle is not closed here.
        Handle handle = Jdbi.open(context.getConnection());
        List<Long> chains = handle.createQuery(
                        "SELECT /* all tenants */ DISTINCT tenant_id FROM audit_events WHERE seq IS NULL ORDER BY tenant_id")
                .mapTo(Long.class).list();
        for (long tenantId : chains) {
            chain(handle, tenantId);
        }
    }

    private record Row(byte[] id, Timestamp occurredAt, String actor, String action, String targetType, String targetId,
                       String clientAddress, String details) {}

    private static void chain(Handle handle, long tenantId) {
        ChainHeads heads = new ChainHeads(handle);
        ChainHeads.Head head = heads.lock(tenantId);
        long seq = head.seq();
        byte[] previous = head.hash();
        Row last = null;
        while (true) {
            List<Row> rows = handle.createQuery("""
                            SELECT id, occurred_at, actor, action, target_type, target_id, client_address, details
                              FROM audit_events
                             WHERE tenant_id = :tenantId AND seq IS NULL
                               AND (:first OR occurred_at > :at OR (occurred_at = :at AND id > :id))
                             ORDER BY occurred_at, id
                             LIMIT :limit
                            """)
                    .bind("tenantId", tenantId)
                    .bind("first", last == null)
                    .bind("at", last == null ? new Timestamp(0) : last.occurredAt())
                    .bind("id", last == null ? new byte[16] : last.id())
                    .bind("limit", BATCH)
                    .map((rs, ctx) -> new Row(rs.getBytes("id"), rs.getTimestamp("occurred_at"), rs.getString("actor"),
                            rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                            rs.getString("client_address"), rs.getString("details")))
                    .list();
            if (rows.isEmpty()) {
                break;
            }
            PreparedBatch batch = handle.prepareBatch("""
                    UPDATE audit_events SET seq = :seq, prev_hash = :prevHash, hash = :hash, salt = :salt
                     WHERE tenant_id = :tenantId AND id = :id
                    """);
            for (Row row : rows) {
                ChainSeal seal = ChainSeal.fresh();
                Instant occurredAt = row.occurredAt().toInstant();
                ChainedEvent event = new ChainedEvent(tenantId, uuid(row.id()), occurredAt, row.actor(), row.action(),
                        row.targetType(), row.targetId(), row.clientAddress(), row.details());
                byte[] hash = AuditChain.hash(event, seal, previous);
                seq++;
                batch.bind("seq", seq).bind("prevHash", previous).bind("hash", hash).bind("salt", seal.salt())
                        .bind("tenantId", tenantId).bind("id", row.id()).add();
                previous = hash;
            }
            batch.execute();
            last = rows.get(rows.size() - 1);
        }
        heads.advance(tenantId, seq, previous);
    }

    private static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
