package org.dossier.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The head of each chain, one row per service (and one for the platform): the writer of an event
 * locks it until its transaction commits, so that events of one service are appended one after
 * the other whatever the node or the thread. The row is created by the first writer with an
 * upsert rather than after a locking read that found nothing: two such reads would both take a
 * gap lock, and their two inserts would deadlock.
 *
 * <p>A node remembers the head it last saw of each chain ({@link #guess}). A writer first tries
 * to append its event after that head with one conditional update of the row (see
 * {@link AuditEventDao}): the update locks the row as the locking read would, and changes it only
 * if the head stored is exactly the one seen (place and hash, read after any writer before it
 * committed), so the event is chained on the true head or not at all. When the head moved since
 * (another node wrote, a transaction rolled back), nothing changed and the writer takes the
 * locking read ({@link #lock}).
 */
final class ChainHeads {
    private final Handle handle;
    private final Map<Long, Head> seen;

    ChainHeads(Handle handle) {
        this(handle, new HashMap<>());
    }

    /**
     * @param seen the head this node last saw of each chain, shared by its writers: a guess, never
     *             a rule. A chain in it has a head row, so its writers lock it by the locking read
     *             alone, one round trip fewer (the upsert comes back only if the row was gone, a
     *             service's chain deleted with it).
     */
    ChainHeads(Handle handle, Map<Long, Head> seen) {
        this.handle = handle;
        this.seen = seen;
    }

    /** A chain's length and last hash ({@link AuditChain#GENESIS} when empty). */
    record Head(long seq, byte[] hash) {}

    /** The head this node last saw of the chain, if any: the one a writer tries to append after first. */
    Optional<Head> guess(long tenantId) {
        return Optional.ofNullable(seen.get(tenantId));
    }

    /** The chain's head, locked for the rest of the transaction. */
    Head lock(long tenantId) {
        if (seen.containsKey(tenantId)) {
            Optional<Head> head = lockedRead(tenantId);
            if (head.isPresent()) {
                seen.put(tenantId, head.get());
                return head.get();
            }
        }
        handle.createUpdate("""
                        INSERT INTO audit_chain_heads (tenant_id, seq, hash) VALUES (:tenantId, 0, :genesis)
                        ON DUPLICATE KEY UPDATE seq = seq
                        """)
                .bind("tenantId", tenantId).bind("genesis", AuditChain.GENESIS).execute();
        Head head = lockedRead(tenantId).orElseThrow();
        seen.put(tenantId, head);
        return head;
    }

    private Optional<Head> lockedRead(long tenantId) {
        return handle.createQuery("SELECT seq, hash FROM audit_chain_heads WHERE tenant_id = :tenantId FOR UPDATE")
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> new Head(rs.getLong("seq"), rs.getBytes("hash")))
                .findOne();
    }

    /** The head without a lock, for verification; an empty chain when there is none. */
    Head read(long tenantId) {
        return handle.createQuery("SELECT seq, hash FROM audit_chain_heads WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> new Head(rs.getLong("seq"), rs.getBytes("hash")))
                .findOne().orElse(new Head(0, AuditChain.GENESIS));
    }

    /** Moves the head of a chain this transaction has {@linkplain #lock locked} to the event {@code seq}. */
    void advance(long tenantId, long seq, byte[] hash) {
        handle.createUpdate("UPDATE audit_chain_heads SET seq = :seq, hash = :hash WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId).bind("seq", seq).bind("hash", hash).execute();
        seen.put(tenantId, new Head(seq, hash));
    }

    /** Notes the head this node just moved a chain to, for its next writer to try first. */
    void saw(long tenantId, Head head) {
        seen.put(tenantId, head);
    }
}
