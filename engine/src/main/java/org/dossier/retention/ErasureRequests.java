package org.dossier.retention;

import org.dossier.metrics.ProductMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.record.NoSuchRecordException;
import org.dossier.record.RecordId;
import org.dossier.record.StaleRecordException;
import org.dossier.retention.Retention.Phase;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * GDPR erasure (Art. 17) of one case file, asked by an admin or the service's data protection
 * officer with a reason: the case file goes through {@link CaseFileErasure}, the one deletion path
 * the lifecycle pass also takes (a tombstone with no personal data stays), and the audit log gets
 * {@code record.erased} with the reason. Archived and due files can be erased (the right does not
 * wait for the lifecycle); a file under legal hold and a stale version are refused with nothing
 * changed.
 */
public final class ErasureRequests {
    /** The longest reason (the audit event keeps it whole). */
    public static final int MAX_REASON = 500;
    private static final String TARGET = "record";

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final CaseFileErasure erasure;
    private final ProductMetrics metrics;

    public ErasureRequests(Jdbi jdbi, AuditLog audit, ObjectMapper json, Clock clock) {
        this(jdbi, audit, json, clock, () -> { });
    }

    /** @param objectsAfterCommit deletes the objects of the erased case file's attachments once it committed */
    public ErasureRequests(Jdbi jdbi, AuditLog audit, ObjectMapper json, Clock clock, Runnable objectsAfterCommit) {
        this(jdbi, audit, json, clock, objectsAfterCommit, ProductMetrics.none());
    }

    /** @param metrics counts the case files erased, once each erasure committed */
    public ErasureRequests(Jdbi jdbi, AuditLog audit, ObjectMapper json, Clock clock, Runnable objectsAfterCommit,
                           ProductMetrics metrics) {
        this.metrics = metrics;
        this.erasure = new CaseFileErasure(objectsAfterCommit);
        this.jdbi = jdbi;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What identifies a case file to the person erasing it, and nothing more of its content (a
     * DPO erases without reading the file): names, birth date, dates, phase, hold, version.
     */
    public record Identity(RecordId id, String lastName, String firstName, String birthDate, Instant createdAt,
                           Instant lastActivity, Phase phase, boolean held, int version) {}

    /** @throws NoSuchRecordException when the service has no such case file */
    public Identity identify(TenantId tenantId, RecordId id) {
        return jdbi.withHandle(handle -> identify(handle, tenantId, id, false));
    }

    /**
     * Erases the case file at {@code expectedVersion} for good, with its audit event, in one
     * transaction.
     *
     * @throws DomainException        {@code reasonRequired} (422), {@code held} (409)
     * @throws StaleRecordException   when it changed since the caller saw it (409)
     * @throws NoSuchRecordException  when it is not there (any more)
     */
    public void erase(TenantId tenantId, RecordId id, int expectedVersion, String reason, Actor actor) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new DomainException("reasonRequired", 422, "a reason of 1 to " + MAX_REASON + " characters");
        }
        jdbi.useTransaction(handle -> {
            // Locks the row first: a hold or a save waits, and this sees the holds committed before it.
            Identity identity = identify(handle, tenantId, id, true);
            if (identity.held()) {
                throw new DomainException("held", 409, "record " + id + " is under a legal hold");
            }
            if (identity.version() != expectedVersion) {
                throw new StaleRecordException(id.toString(), expectedVersion, identity.version());
            }
            CaseFileErasure.Erased erased = erasure.eraseCounting(handle, tenantId, List.of(id),
                    clock.instant().truncatedTo(ChronoUnit.MICROS), Optional.empty());
            if (erased.records() != 1) {
                throw new NoSuchRecordException(id.toString());
            }
            // The event names the file by id only; the reason is the requester's (the form asks for no name).
            audit.record(handle, tenantId, actor, "record.erased", TARGET, id.toString(), json.createObjectNode()
                    .put("reason", why).put("phase", identity.phase().name()).put("version", identity.version())
                    .put("attachments", erased.attachments()));
        });
        metrics.caseFilesDeleted(ProductMetrics.DeletionPath.ERASURE, 1);
    }

    /** How many files the erasure of a case file deletes with it, for the confirmation page. */
    public long attachments(TenantId tenantId, RecordId id) {
        return jdbi.withHandle(handle -> new org.dossier.attachment.AttachmentDao(handle).countOf(tenantId, id));
    }

    private Identity identify(Handle handle, TenantId tenantId, RecordId id, boolean lock) {
        Identity row = handle.createQuery("""
                        SELECT last_name, first_name, birth_date, created_at, last_activity_at, lock_version
                          FROM records WHERE tenant_id = :tenantId AND id = :id
                        """ + (lock ? " FOR UPDATE" : ""))
                .bind("tenantId", tenantId).bind("id", id)
                .map((rs, ctx) -> new Identity(id, rs.getString("last_name"), rs.getString("first_name"),
                        rs.getString("birth_date"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_activity_at").toInstant(), null, false, rs.getInt("lock_version")))
                .findOne()
                .orElseThrow(() -> new NoSuchRecordException(id.toString()));
        // Under the row lock, a locking read: it sees a hold committed while this waited for the lock.
        boolean held = handle.createQuery("""
                        SELECT COUNT(*) FROM record_holds WHERE tenant_id = :tenantId AND record_id = :id
                        """ + (lock ? " LOCK IN SHARE MODE" : ""))
                .bind("tenantId", tenantId).bind("id", id).mapTo(Long.class).one() > 0;
        return new Identity(id, row.lastName(), row.firstName(), row.birthDate(), row.createdAt(), row.lastActivity(),
                CaseFilePhase.of(Retention.at(clock.instant(), RetentionPolicies.of(handle, tenantId)), row.lastActivity(),
                held), held, row.version());
    }
}
