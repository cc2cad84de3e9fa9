package org.dossier.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantService;
import org.jdbi.v3.core.Jdbi;

/**
 * A service's retention setting, as the super-admin changes it: first what the change would mean
 * at the next lifecycle pass (the pass's own plan, under both policies), then the change itself,
 * audited {@code tenant.retention.changed} with the old and new values, in the platform's log and
 * in the service's. Bounds are {@link RetentionPolicy}'s; refused values change nothing.
 */
public final class RetentionSettings {
    public static final String CHANGED = "tenant.retention.changed";

    private final Jdbi jdbi;
    private final TenantService tenants;
    private final LifecyclePass pass;
    private final AuditLog audit;
    private final ObjectMapper json;

    /** Previews with a lifecycle pass of its own over every service, on {@code clock}. */
    public RetentionSettings(Jdbi jdbi, TenantService tenants, AuditLog audit, ObjectMapper json, java.time.Clock clock) {
        this(jdbi, tenants, new LifecyclePass(jdbi, tenants, json, clock), audit, json);
    }

    public RetentionSettings(Jdbi jdbi, TenantService tenants, LifecyclePass pass, AuditLog audit, ObjectMapper json) {
        this.jdbi = jdbi;
        this.tenants = tenants;
        this.pass = pass;
        this.audit = audit;
        this.json = json;
    }

    /**
     * What the next pass would do to the service's case files under its current setting and under
     * {@code proposed}: archived (unheld, not yet due), deleted for good, and held (untouched).
     */
    public record Impact(RetentionPolicy current, RetentionPolicy proposed, LifecyclePass.ServiceCounts now,
                         LifecyclePass.ServiceCounts then) {
        /** Case files the change alone would delete at the next pass (none when it lengthens the retention). */
        public long moreDeleted() {
            return Math.max(0, then.deleted() - now.deleted());
        }

        /** Case files that the change alone spares from deletion at the next pass. */
        public long fewerDeleted() {
            return Math.max(0, now.deleted() - then.deleted());
        }

        /** Active case files the change alone makes read-only (archived or due for deletion). */
        public long leavingActive() {
            return Math.max(0, inactive(then) - inactive(now));
        }

        /** Read-only case files the change alone makes active (writable) again. */
        public long backToActive() {
            return Math.max(0, inactive(now) - inactive(then));
        }

        private static long inactive(LifecyclePass.ServiceCounts counts) {
            return counts.archived() + counts.deleted();
        }

        public boolean changes() {
            return !current.equals(proposed);
        }
    }

    /** @throws RetentionOutOfBoundsException when the values leave the bounds (nothing is computed) */
    public static RetentionPolicy proposed(int activeYears, int keptYears) {
        return new RetentionPolicy(activeYears, keptYears);
    }

    /** The confirmation's figures; writes nothing. */
    public Impact preview(Tenant tenant, RetentionPolicy proposed) {
        return new Impact(tenant.retention(), proposed, pass.plan(tenant, tenant.retention()), pass.plan(tenant, proposed));
    }

    /**
     * Sets the service's policy to {@code proposed}, provided it is still {@code confirmedFrom}
     * (the setting the confirmation was computed on): a change made meanwhile by someone else is
     * not overwritten unseen.
     *
     * @throws DomainException {@code retentionChangedMeanwhile} (409), {@code notFound} (404)
     */
    public Tenant change(String slug, RetentionPolicy confirmedFrom, RetentionPolicy proposed, Actor actor) {
        Tenant tenant = tenants.require(slug);
        if (proposed.equals(confirmedFrom)) {
            // Nothing to write nor to audit; still refuse a confirmation made on a setting since changed.
            if (!jdbi.withHandle(handle -> RetentionPolicies.of(handle, tenant.id())).equals(confirmedFrom)) {
                tenants.forgetCached();
                throw changedMeanwhile(slug, confirmedFrom);
            }
            return tenant;
        }
        jdbi.useTransaction(handle -> {
            int changed = handle.createUpdate("""
                            UPDATE tenants SET retention_active_years = :activeYears, retention_kept_years = :keptYears
                             WHERE id = :tenantId
                               AND retention_active_years = :fromActive AND retention_kept_years = :fromKept
                            """)
                    .bind("activeYears", proposed.activeYears()).bind("keptYears", proposed.keptYears())
                    .bind("tenantId", tenant.id())
                    .bind("fromActive", confirmedFrom.activeYears()).bind("fromKept", confirmedFrom.keptYears())
                    .execute();
            if (changed != 1) {
                tenants.forgetCached(); // the caller shows the setting as it now is, not this node's cached copy
                throw changedMeanwhile(slug, confirmedFrom);
            }
            ObjectNode details = json.createObjectNode().put("slug", tenant.slug());
            details.putObject("from").put("activeYears", confirmedFrom.activeYears())
                    .put("keptYears", confirmedFrom.keptYears());
            details.putObject("to").put("activeYears", proposed.activeYears()).put("keptYears", proposed.keptYears());
            audit.recordPlatform(handle, actor, CHANGED, "tenant", tenant.id().toString(), details);
            // The service's admins and data protection officer read the change in their own log too.
            audit.record(handle, tenant.id(), actor, CHANGED, "tenant", tenant.id().toString(), details);
        });
        tenants.forgetCached();
        return tenants.require(slug);
    }

    private static DomainException changedMeanwhile(String slug, RetentionPolicy confirmedFrom) {
        return new DomainException("retentionChangedMeanwhile", 409,
                "the retention of " + slug + " is no longer " + confirmedFrom);
    }
}
