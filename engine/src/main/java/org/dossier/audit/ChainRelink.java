package org.dossier.audit;

import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A service's chain carried over to a new service id (a service imported beside its original):
 * the chain hashes cover the tenant id, so each event is first verified as it was chained under
 * its old id, then linked again under the new one, in sequence order, and the head follows. An
 * event that does not verify stops the import: a broken chain is never laundered into an intact one.
 */
public final class ChainRelink {
    private final Handle handle;

    public ChainRelink(Handle handle) {
        this.handle = handle;
    }

    /** Thrown when the chain, as exported, does not verify. */
    public static final class BrokenChainException extends RuntimeException {
        BrokenChainException(String message) {
            super(message);
        }
    }

    /**
     * Relinks the events already stored under {@code toTenantId}, in the caller's transaction.
     *
     * @return how many events were relinked
     */
    public long relink(long fromTenantId, long toTenantId) {
        ChainHeads heads = new ChainHeads(handle);
        ChainHeads.Head head = heads.read(toTenantId);
        byte[] oldPrevious = AuditChain.GENESIS;
        byte[] newPrevious = AuditChain.GENESIS;
        long from = 1;
        long relinked = 0;
        while (from <= head.seq()) {
            List<StoredEvent> page = StoredEvent.page(handle, toTenantId, from, head.seq(), ChainVerifier.PAGE);
            if (page.isEmpty()) {
                break;
            }
            PreparedBatch batch = handle.prepareBatch("""
                    UPDATE audit_events SET prev_hash = :prevHash, hash = :hash
                     WHERE tenant_id = :tenantId AND seq = :seq
                    """);
            for (StoredEvent event : page) {
                byte[] expected = AuditChain.hash(event.content(fromTenantId), event.seal(), oldPrevious);
                if (event.seq() != relinked + 1 || !Arrays.equals(event.prevHash(), oldPrevious)
                        || !Arrays.equals(event.hash(), expected)) {
                    throw new BrokenChainException("the service's audit chain does not verify at event " + event.seq()
                            + " (" + event.action() + "): the archive's log was altered");
                }
                byte[] hash = AuditChain.hash(event.content(toTenantId), event.seal(), newPrevious);
                batch.bind("prevHash", newPrevious).bind("hash", hash).bind("tenantId", toTenantId)
                        .bind("seq", event.seq()).add();
                oldPrevious = event.hash();
                newPrevious = hash;
                relinked++;
            }
            batch.execute();
            from = page.get(page.size() - 1).seq() + 1;
        }
        if (relinked != head.seq() || !Arrays.equals(head.hash(), oldPrevious)) {
            throw new BrokenChainException("the service's audit chain ends at event " + relinked
                    + " but its head says " + head.seq() + ": the archive's log was altered");
        }
        if (relinked > 0) {
            heads.advance(toTenantId, relinked, newPrevious);
        }
        return relinked;
    }
}
