package org.dossier.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Verifies the audit log's chains, each service's and the platform's, and finds the first broken
 * link of each: an event whose content no longer gives its hash (edited), a gap in the sequence
 * (deleted), an event outside the chain or linked to nothing (inserted), an intact event in the
 * wrong place (reordered). Reads a thousand events at a time, whatever the length of the log.
 */
public final class ChainVerifier {
    static final int PAGE = 1000;
    private final Jdbi jdbi;

    public ChainVerifier(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** What a broken link is. */
    public enum Tampering { EDITED, DELETED, INSERTED, REORDERED }

    /**
     * The first broken link of a chain.
     *
     * @param position the place in the chain where it breaks (1 = the first event)
     * @param eventId  the event found there, or empty when events are missing at the end
     */
    public record Break(Tampering kind, long position, Optional<UUID> eventId, Optional<Instant> occurredAt,
                        Optional<String> action) {}

    /**
     * One chain's verdict.
     *
     * @param slug     the service's slug, empty for the platform's chain
     * @param length   the number of events in the chain, as its head says
     * @param redacted events whose personal data the product removed on purpose (they verify)
     */
    public record Report(long tenantId, String slug, long length, long redacted, Optional<Break> firstBreak) {
        public boolean intact() {
            return firstBreak.isEmpty();
        }

        public boolean platform() {
            return tenantId == AuditLog.PLATFORM_TENANT;
        }
    }

    /** Every chain: the platform's first, then each existing service's by slug. */
    public List<Report> verifyAll() {
        List<Report> reports = new ArrayList<>();
        reports.add(verify(AuditLog.PLATFORM_TENANT, ""));
        record Service(long id, String slug) {}
        List<Service> services = jdbi.withHandle(handle -> handle.createQuery("SELECT id, slug FROM tenants ORDER BY slug")
                .map((rs, ctx) -> new Service(rs.getLong("id"), rs.getString("slug"))).list());
        for (Service service : services) {
            reports.add(verify(service.id(), service.slug()));
        }
        return reports;
    }

    /** One chain; events appended while it runs are left to the next verification. */
    public Report verify(long tenantId, String slug) {
        return jdbi.withHandle(handle -> {
            ChainHeads.Head head = new ChainHeads(handle).read(tenantId);
            ChainWalk walk = new ChainWalk(tenantId);
            long from = 1;
            Optional<Break> broken = Optional.empty();
            while (broken.isEmpty()) {
                List<StoredEvent> page = StoredEvent.page(handle, tenantId, from, head.seq(), PAGE);
                for (StoredEvent event : page) {
                    broken = walk.next(event, previous -> linksToChain(handle, tenantId, previous));
                    if (broken.isPresent()) {
                        break;
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
                from = page.get(page.size() - 1).seq() + 1;
            }
            if (broken.isEmpty()) {
                broken = walk.end(head.seq(), head.hash());
            }
            if (broken.isEmpty()) {
                broken = StoredEvent.firstUnchained(handle, tenantId).map(event -> new Break(Tampering.INSERTED,
                        0, Optional.of(event.id()), Optional.of(event.occurredAt()), Optional.of(event.action())));
            }
            return new Report(tenantId, slug, head.seq(), walk.redacted(), broken);
        });
    }

    /** Whether an event of the chain has this hash: the link of an intact event that was moved. */
    private static boolean linksToChain(Handle handle, long tenantId, byte[] hash) {
        return hash != null && Arrays.equals(hash, AuditChain.GENESIS) || handle.createQuery(
                        "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :tenantId AND hash = :hash")
                .bind("tenantId", tenantId).bind("hash", hash).mapTo(Long.class).one() > 0;
    }
}
