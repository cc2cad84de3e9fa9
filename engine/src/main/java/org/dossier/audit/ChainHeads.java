package org.dossier.audit;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The head of each chain, one row per service (and one for the platform): the writer of an event
 * locks it until its transaction commits, so that events of one service are appended one after
 * the other whatever the node or the thread. The row is created by the first writer with an
 * upsert rather than after a locking read that found nothing: two such reads would both take a
 * gap lock, and their two inserts would deadlock.
 */
final class ChainHeads {
    private final Handle handle;
    private final Set<Long> existing;

    ChainHeads(Handle handle) {
        this(handle, new HashSet<>());
    }

    /**
     * @param existing the chains whose head row this node has already seen: their writers lock it
     *                 by its locking read alone, one round trip fewer per audit event (the upsert
     *                 comes back only if the row was gone, a service's chain deleted with it)
     */
    ChainHeads(Handle handle, Set<Long> existing) {
        this.handle = handle;
        this.existing = existing;
    }

    /** A chain's length and last hash ({@link AuditChain#GENESIS} when empty). */
    record Head(long seq, byte[] hash) {}

    /** The chain's head, locked for the rest of the transaction. */
    Head lock(long tenantId) {
        if (existing.contains(tenantId)) {
            Optional<Head> head = lockedRead(tenantId);
            if (head.isPresent()) {
                return head.get();
            }
        }
        handle.createUpdate("""
                        INSERT INTO audit_chain_heads (tenant_id, seq, hash) VALUES (:tenantId, 0, :genesis)
                        ON DUPLICATE KEY UPDATE seq = seq
                        """)
                .bind("tenantId", tenantId).bind("genesis", AuditChain.GENESIS).execute();
        Head head = lockedRead(tenantId).orElseThrow();
        existing.add(tenantId);
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

    void advance(long tenantId, long seq, byte[] hash) {
        handle.createUpdate("UPDATE audit_chain_heads SET seq = :seq, hash = :hash WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId).bind("seq", seq).bind("hash", hash).execute();
    }
}
