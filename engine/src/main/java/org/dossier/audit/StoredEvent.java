package org.dossier.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** An audit event with its chain columns, as verification reads it. */
record StoredEvent(long seq, UUID id, Instant occurredAt, String actor, String action, String targetType, String targetId,
                   String clientAddress, String details, byte[] prevHash, byte[] hash, byte[] salt, String redaction) {
    private static final String COLUMNS = """
            seq, id, occurred_at, actor, action, target_type, target_id, client_address, details, prev_hash, hash, salt,
            redaction""";
    private static final RowMapper<StoredEvent> MAPPER = (rs, ctx) -> new StoredEvent(rs.getLong("seq"),
            AuditRedaction.uuid(rs.getBytes("id")), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
            rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
            rs.getString("client_address"), rs.getString("details"), rs.getBytes("prev_hash"), rs.getBytes("hash"),
            rs.getBytes("salt"), rs.getString("redaction"));

    /** Up to {@code limit} events of the chain from {@code from} on, not past {@code to}, in sequence order. */
    static List<StoredEvent> page(Handle handle, long tenantId, long from, long to, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + """
                         FROM audit_events
                        WHERE tenant_id = :tenantId AND seq >= :from AND seq <= :to
                        ORDER BY seq
                        LIMIT :limit
                        """)
                .bind("tenantId", tenantId).bind("from", from).bind("to", to).bind("limit", limit)
                .map(MAPPER).list();
    }

    /** The earliest event written outside the chain, if any: the product writes none. */
    static Optional<StoredEvent> firstUnchained(Handle handle, long tenantId) {
        return handle.createQuery("SELECT " + COLUMNS + """
                         FROM audit_events
                        WHERE tenant_id = :tenantId AND seq IS NULL
                        ORDER BY occurred_at, id
                        LIMIT 1
                        """)
                .bind("tenantId", tenantId).map(MAPPER).findOne();
    }

    ChainedEvent content(long tenantId) {
        return new ChainedEvent(tenantId, id, occurredAt, actor, action, targetType, targetId, clientAddress, details);
    }

    ChainSeal seal() {
        return ChainSeal.stored(salt, redaction);
    }

    boolean redacted() {
        return redaction != null;
    }
}
