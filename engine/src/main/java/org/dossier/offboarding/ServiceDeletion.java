package org.dossier.offboarding;

import org.dossier.metrics.ProductMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.audit.AuditRedaction;
import org.dossier.retention.CaseFileErasure;
import org.dossier.tenant.TenantService;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes a service and everything it holds, in one transaction, for its tenant id only: case
 * files, form versions, drafts, upstream marks, logo, memberships, its audit log and its row. The
 * accounts of people left with no membership anywhere (and not super-admin) go too, with their
 * sessions and tokens, so no personal data outlives the service (see {@link OrphanAccounts}).
 * Services cloned from it lose their link to it. Its audit chain goes with its events: nothing
 * is left to verify of it. What remains is one platform audit event,
 * {@code tenant.deleted}: the slug, the counts, who and when, and no personal data.
 *
 * <p>Only a suspended service can be deleted: its members are already shut out, so nobody writes
 * to it while it goes, and deletion takes two deliberate steps. The super-admin confirms by typing
 * the slug.
 */
public final class ServiceDeletion {
    private final Jdbi jdbi;
    private final TenantService tenants;
    private final AuditLog audit;
    private final ObjectMapper json;

    private final java.util.function.Consumer<org.dossier.tenant.TenantId> keyDestroyed;
    private final Runnable objectsAfterCommit;
    private final ProductMetrics metrics;

    public ServiceDeletion(Jdbi jdbi, TenantService tenants, AuditLog audit, ObjectMapper json) {
        this(jdbi, tenants, audit, json, tenantId -> { });
    }

    /** @param keyDestroyed told of a deleted service, whose data key went with its rows: forget it in memory too */
    public ServiceDeletion(Jdbi jdbi, TenantService tenants, AuditLog audit, ObjectMapper json,
                           java.util.function.Consumer<org.dossier.tenant.TenantId> keyDestroyed) {
        this(jdbi, tenants, audit, json, keyDestroyed, () -> { });
    }

    /** @param objectsAfterCommit deletes the service's attachment objects from the store once the deletion committed */
    public ServiceDeletion(Jdbi jdbi, TenantService tenants, AuditLog audit, ObjectMapper json,
                           java.util.function.Consumer<org.dossier.tenant.TenantId> keyDestroyed,
                           Runnable objectsAfterCommit) {
        this(jdbi, tenants, audit, json, keyDestroyed, objectsAfterCommit, ProductMetrics.none());
    }

    /** @param metrics counts the case files deleted with a service, once the deletion committed */
    public ServiceDeletion(Jdbi jdbi, TenantService tenants, AuditLog audit, ObjectMapper json,
                           java.util.function.Consumer<org.dossier.tenant.TenantId> keyDestroyed,
                           Runnable objectsAfterCommit, ProductMetrics metrics) {
        this.metrics = metrics;
        this.objectsAfterCommit = objectsAfterCommit;
        this.keyDestroyed = keyDestroyed;
        this.jdbi = jdbi;
        this.tenants = tenants;
        this.audit = audit;
        this.json = json;
    }

    /**
     * How long a suspension must have lasted before the service can be deleted: well over the
     * 5-second tenant cache of every app node and any request under way when it was suspended.
     */
    public static final Duration SETTLE = Duration.ofSeconds(30);

    /** What was deleted, and how long it took from the request to the commit. */
    public record Report(String slug, DeletionCounts counts, Duration took) {}

    /** What deleting the service would remove now, for the confirmation page. @throws DomainException 404 */
    public DeletionCounts preview(String slug) {
        return jdbi.inTransaction(handle -> {
            LockedTenant tenant = LockedTenant.lock(handle, slug);
            OffboardingDao dao = handle.attach(OffboardingDao.class);
            Map<DeletedKind, Long> counts = new EnumMap<>(DeletedKind.class);
            for (Map.Entry<DeletedKind, String> table : TenantTables.TABLES.entrySet()) {
                counts.put(table.getKey(), dao.countRows(table.getValue(), tenant.id()));
            }
            OrphanAccounts.count(dao, tenant.id(), counts);
            return new DeletionCounts(counts, dao.countClones(tenant.id().value()),
                    dao.countAdminEmails(AuditLog.PLATFORM_TENANT, tenant.id().toString()));
        });
    }

    /**
     * @param confirmation the slug again, typed by the super-admin
     * @throws DomainException {@code confirmationMismatch} (422), {@code notFound} (404) or
     *                         {@code suspendBeforeDelete} (409); nothing is deleted then
     */
    public Report delete(String slug, String confirmation, Actor actor) {
        long start = System.nanoTime();
        if (slug == null || confirmation == null || !slug.equals(confirmation.strip())) {
            throw new DomainException("confirmationMismatch", 422, "the confirmation is not the service's slug");
        }
        java.util.concurrent.atomic.AtomicReference<org.dossier.tenant.TenantId> deletedId =
                new java.util.concurrent.atomic.AtomicReference<>();
        DeletionCounts counts = jdbi.inTransaction(handle -> {
            LockedTenant tenant = LockedTenant.lock(handle, slug);
            deletedId.set(tenant.id());
            if (!tenant.suspended()) {
                throw new DomainException("suspendBeforeDelete", 409, "only a suspended service can be deleted");
            }
            if (tenant.statusChangedAt() != null && tenant.statusChangedAt().plus(SETTLE).isAfter(java.time.Instant.now())) {
                // Another node may still serve the service from its cache, or finish a request begun before.
                throw new DomainException("suspensionSettling", 409, "suspended less than " + SETTLE.toSeconds() + " s ago");
            }
            OffboardingDao dao = handle.attach(OffboardingDao.class);
            Map<DeletedKind, Long> deleted = new EnumMap<>(DeletedKind.class);
            OrphanAccounts orphans = OrphanAccounts.find(dao, tenant.id());
            // Case files go through their one deletion path, which takes what hangs off them too.
            CaseFileErasure.ServiceErasure caseFiles = new CaseFileErasure(objectsAfterCommit)
                    .eraseService(handle, tenant.id());
            deleted.put(DeletedKind.ATTACHMENTS, caseFiles.attachments());
            deleted.put(DeletedKind.RECORD_HOLDS, caseFiles.holds());
            deleted.put(DeletedKind.RECORD_CHANGES, caseFiles.history());
            deleted.put(DeletedKind.RECORDS, caseFiles.records());
            deleted.put(DeletedKind.RECORD_EXTERNAL_IDS, caseFiles.externalIds());
            for (Map.Entry<DeletedKind, String> table : TenantTables.TABLES.entrySet()) {
                if (!deleted.containsKey(table.getKey())) {
                    deleted.put(table.getKey(), (long) dao.deleteRows(table.getValue(), tenant.id()));
                }
            }
            orphans.delete(dao, deleted);
            long unlinked = dao.unlinkClones(tenant.id().value());
            // The platform log keeps the super-admins' own trail about the service (created, cloned,
            // suspended, resumed): they acted, and they stay. Only the first admin's e-mail, written in
            // the details at creation, is a member's personal data: it is removed.
            // Redacted, not rewritten: the platform's audit chain still verifies (see AuditRedaction).
            long redacted = new AuditRedaction().redact(handle, AuditLog.PLATFORM_TENANT,
                    dao.adminEmailEvents(AuditLog.PLATFORM_TENANT, tenant.id().toString()),
                    Set.of(AuditRedaction.details("adminEmail")));
            dao.deleteTenant(tenant.id().value());
            DeletionCounts result = new DeletionCounts(deleted, unlinked, redacted);
            audit.recordPlatform(handle, actor, "tenant.deleted", "tenant", tenant.id().toString(), tombstone(tenant, result));
            return result;
        });
        tenants.forgetCached();
        metrics.caseFilesDeleted(ProductMetrics.DeletionPath.SERVICE, counts.of(DeletedKind.RECORDS));
        keyDestroyed.accept(deletedId.get());
        return new Report(slug, counts, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The slug and the counts: nothing that names or reaches a person. */
    private ObjectNode tombstone(LockedTenant tenant, DeletionCounts counts) {
        ObjectNode details = json.createObjectNode().put("slug", tenant.slug());
        ObjectNode deleted = details.putObject("deleted");
        counts.byKey().forEach(deleted::put);
        details.put("unlinkedClones", counts.unlinkedClones());
        details.put("redactedPlatformEvents", counts.redactedPlatformEvents());
        return details;
    }
}
