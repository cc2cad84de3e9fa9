package org.dossier.offboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Suspends and resumes a service. Suspension only flips the service's status: nothing of its data
 * is touched, and resuming gives everything back as it was. While suspended, the route guard
 * answers 403 to its members on every page and API call (checked on each request, so open
 * sessions and tokens stop at once), and a person whose every active service is suspended cannot
 * sign in. Each change writes a platform audit event and one in the service's own log.
 */
public final class ServiceSuspension {
    /** Longest reason kept; it goes to the audit log, so it says why, not who. */
    public static final int MAX_REASON = 500;

    private final Jdbi jdbi;
    private final TenantService tenants;
    private final AuditLog audit;
    private final ObjectMapper json;

    public ServiceSuspension(Jdbi jdbi, TenantService tenants, AuditLog audit, ObjectMapper json) {
        this.jdbi = jdbi;
        this.tenants = tenants;
        this.audit = audit;
        this.json = json;
    }

    /**
     * @param reason optional (blank for none)
     * @throws DomainException {@code notFound} (404), {@code alreadySuspended} (409) or
     *                         {@code invalidReason} (422); nothing changes then
     */
    public Tenant suspend(String slug, String reason, Actor actor) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() > MAX_REASON) {
            throw new DomainException("invalidReason", 422, "a reason of at most " + MAX_REASON + " characters");
        }
        jdbi.useTransaction(handle -> {
            LockedTenant tenant = LockedTenant.lock(handle, slug);
            if (tenant.suspended()) {
                throw new DomainException("alreadySuspended", 409, "the service is already suspended");
            }
            ObjectNode details = json.createObjectNode().put("slug", tenant.slug());
            if (!why.isEmpty()) {
                details.put("reason", why);
            }
            change(handle, tenant, "suspended", "tenant.suspended", details, actor);
        });
        tenants.forgetCached();
        return tenants.require(slug);
    }

    /** @throws DomainException {@code notFound} (404) or {@code notSuspended} (409); nothing changes then */
    public Tenant resume(String slug, Actor actor) {
        jdbi.useTransaction(handle -> {
            LockedTenant tenant = LockedTenant.lock(handle, slug);
            if (!tenant.suspended()) {
                throw new DomainException("notSuspended", 409, "the service is not suspended");
            }
            change(handle, tenant, "active", "tenant.resumed", json.createObjectNode().put("slug", tenant.slug()), actor);
        });
        tenants.forgetCached();
        return tenants.require(slug);
    }

    private void change(Handle handle, LockedTenant tenant, String status, String action, ObjectNode details, Actor actor) {
        handle.attach(OffboardingDao.class).setStatus(tenant.id().value(), status, java.time.Instant.now());
        audit.recordPlatform(handle, actor, action, "tenant", tenant.id().toString(), details);
        // The service's admins read in their own log why they were shut out, and when it ended.
        audit.record(handle, tenant.id(), actor, action, "tenant", tenant.id().toString(), details);
    }
}
