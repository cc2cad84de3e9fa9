package org.dossier.attachment;

import java.io.IOException;
import java.util.List;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes from the store the objects whose rows a committed transaction deleted (queued in
 * {@code attachment_deletions} by that transaction), then their queue entries. Run after every
 * commit that deletes attachments; what an interrupted run left is finished by the next one, since
 * each run takes the whole queue and a store's delete of an absent object is not an error.
 */
public final class AttachmentDeletions {
    /** The queue's object id for every object of a service deleted whole. */
    public static final String WHOLE_SERVICE = "*";
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentDeletions.class);
    private static final int BATCH = 500;

    private final Jdbi jdbi;
    private final AttachmentStore store;

    public AttachmentDeletions(Jdbi jdbi, AttachmentStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    private record Pending(long serviceId, String objectId) {}

    /** Deletes every queued object; answers how many queue entries were finished. */
    public int finish() {
        int finished = 0;
        while (true) {
            List<Pending> pending = jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT service_id, object_id FROM attachment_deletions /* all tenants */
                             ORDER BY requested_at LIMIT :limit""")
                    .bind("limit", BATCH)
                    .map((rs, ctx) -> new Pending(rs.getLong("service_id"), rs.getString("object_id"))).list());
            int done = 0;
            for (Pending entry : pending) {
                if (deleteObject(entry)) {
                    jdbi.useHandle(handle -> handle.createUpdate("""
                                    DELETE FROM attachment_deletions WHERE service_id = :serviceId AND object_id = :objectId""")
                            .bind("serviceId", entry.serviceId()).bind("objectId", entry.objectId()).execute());
                    done++;
                }
            }
            finished += done;
            if (pending.size() < BATCH || done == 0) {
                return finished;
            }
        }
    }

    /** How many object deletions are still to do. */
    public long pending() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT /* all tenants */ COUNT(*) FROM attachment_deletions")
                .mapTo(Long.class).one());
    }

    private boolean deleteObject(Pending entry) {
        TenantId tenantId = new TenantId(entry.serviceId());
        try {
            if (WHOLE_SERVICE.equals(entry.objectId())) {
                store.deleteService(tenantId);
            } else {
                store.delete(new ObjectKey(tenantId, entry.objectId()));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // Kept in the queue: the next run tries again.
            LOG.warn("attachment object {} of service {} not deleted yet: {}", entry.objectId(), entry.serviceId(),
                    e.toString());
            return false;
        }
    }
}
