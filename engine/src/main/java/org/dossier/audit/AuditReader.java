package org.dossier.audit;

import java.util.List;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/** Reads the audit log for the admin pages: one service's, or the whole platform's for a super-admin. */
public final class AuditReader {
    private final Jdbi jdbi;

    public AuditReader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One page of events, newest first, and whether there is a next page. */
    public record Page(List<AuditEvent> events, boolean hasNext) {}

    public Page ofTenant(TenantId tenantId, AuditQuery query) {
        return page(jdbi.withHandle(handle -> new AuditEventDao(handle).pageOfTenant(tenantId, query)));
    }

    /** The whole platform's log, every service's and the platform's own events: super-admins only. */
    public Page ofPlatform(AuditQuery query) {
        return page(jdbi.withHandle(handle -> new AuditEventDao(handle).pageOfPlatform(query)));
    }

    /** The DAO reads one event more than a page: its presence says that a next page exists. */
    private static Page page(List<AuditEvent> events) {
        boolean hasNext = events.size() > AuditQuery.PAGE_SIZE;
        return new Page(hasNext ? events.subList(0, AuditQuery.PAGE_SIZE) : events, hasNext);
    }
}
