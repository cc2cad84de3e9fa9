package org.dossier.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.record.NoSuchRecordException;
import org.dossier.record.RecordId;
import org.dossier.retention.Retention.Phase;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The archive as people use it: where a case file stands (its phase, its hold, when it was or
 * will be archived and deleted), the audited opening of an archived one, its reactivation, and
 * legal holds. Every change commits with its audit event.
 */
public final class RecordArchive {
    /** The longest reason a hold or a reactivation takes (the column of V13). */
    public static final int MAX_REASON = 500;
    private static final String TARGET = "record";

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public RecordArchive(Jdbi jdbi, AuditLog audit, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Where a case file stands today.
     *
     * @param archivedOn the day it is (or was) archived, unless held or active again by then
     * @param deletedOn  the day it is due for deletion, unless reactivated or held before
     */
    public record Standing(Phase phase, Instant lastActivity, Optional<Hold> hold, LocalDate archivedOn,
                           LocalDate deletedOn) {
        public boolean readOnly() {
            return CaseFilePhase.readOnly(phase);
        }
    }

    /** The service's lifecycle as seen now: the instant its default list and search start from, for one. */
    public Retention retention(org.dossier.tenant.Tenant tenant) {
        return Retention.at(clock.instant(), tenant.retention());
    }

    /** @throws NoSuchRecordException when the service has no such case file */
    public Standing standing(TenantId tenantId, RecordId id) {
        return jdbi.withHandle(handle -> standingAtOnce(handle, tenantId, id));
    }

    /**
     * Where a case file stands, for a person opening it (its page, the API's GET): opening an
     * archived case file is an audit event, {@code record.archive.read}.
     */
    public Standing open(TenantId tenantId, RecordId id, Actor reader) {
        // One read, no transaction: the common case, an active case file, writes nothing. The read
        // took no lock before either, so the audit event's own transaction changes nothing it saw.
        return opened(tenantId, id, reader, standing(tenantId, id));
    }

    /**
     * As {@link #open}, for a standing read with the case file itself (see
     * {@code RecordService.readOpened}): audits the opening of an archived one.
     */
    public Standing opened(TenantId tenantId, RecordId id, Actor reader, Standing standing) {
        if (standing.readOnly()) {
            jdbi.useHandle(handle -> audit.record(handle, tenantId, reader, "record.archive.read", TARGET,
                    id.toString(), json.createObjectNode().put("phase", standing.phase().name())));
        }
        return standing;
    }

    /** Where a case file stands at {@code now}, from what was read of it and of its service. */
    public static Standing standing(Instant now, RetentionPolicy policy, Instant lastActivity, Optional<Hold> hold) {
        return standing(Retention.at(now, policy), lastActivity, hold);
    }

    /** A search of the archives (page or API) is an audit event too: which form, how many found; never the terms. */
    public void searched(TenantId tenantId, Actor reader, String formKey, long found) {
        jdbi.useHandle(handle -> audit.record(handle, tenantId, reader, "record.archive.searched", "records", formKey,
                json.createObjectNode().put("form", formKey).put("found", found)));
    }

    /**
     * Makes an archived case file active again: its last activity becomes now.
     *
     * @throws DomainException {@code notArchived} (409) when it is active, {@code reasonRequired} (422)
     */
    public void reactivate(TenantId tenantId, RecordId id, String reason, Actor actor) {
        String why = reason(reason);
        jdbi.useTransaction(handle -> {
            Standing standing = standing(handle, tenantId, id, true);
            if (!standing.readOnly()) {
                throw new DomainException("notArchived", 409, "record " + id + " is not archived");
            }
            handle.createUpdate("UPDATE records SET last_activity_at = :now WHERE tenant_id = :tenantId AND id = :id")
                    .bind("now", now()).bind("tenantId", tenantId).bind("id", id).execute();
            audit.record(handle, tenantId, actor, "record.reactivated", TARGET, id.toString(),
                    details(standing, why));
        });
    }

    /**
     * Places a legal hold: the case file is neither archived nor deleted while it stands.
     *
     * @throws DomainException {@code alreadyHeld} (409), {@code reasonRequired} (422)
     */
    public void placeHold(TenantId tenantId, RecordId id, String reason, Actor actor) {
        String why = reason(reason);
        jdbi.useTransaction(handle -> placeHold(handle, tenantId, id, why, actor));
    }

    /**
     * The hold in the caller's transaction. It locks the case file's row first, as an erasure
     * does: against a pass deleting the same file, either the hold lands on a live file (and the
     * erasure, waiting, then leaves it) or it finds the file gone (404), never a hold on nothing.
     */
    void placeHold(Handle handle, TenantId tenantId, RecordId id, String reason, Actor actor) {
        Standing standing = standing(handle, tenantId, id, true);
        if (!new HoldDao(handle).insert(tenantId, id, reason, actor.id(), now())) {
            throw new DomainException("alreadyHeld", 409, "record " + id + " is already held");
        }
        audit.record(handle, tenantId, actor, "record.hold.placed", TARGET, id.toString(), details(standing, reason));
    }

    /**
     * Lifts a legal hold: the case file is in the phase its last activity gives again.
     *
     * @throws DomainException {@code notHeld} (409), {@code reasonRequired} (422)
     */
    public void liftHold(TenantId tenantId, RecordId id, String reason, Actor actor) {
        String why = reason(reason);
        jdbi.useTransaction(handle -> {
            Standing standing = standing(handle, tenantId, id, true);
            if (!new HoldDao(handle).delete(tenantId, id)) {
                throw new DomainException("notHeld", 409, "record " + id + " is not held");
            }
            audit.record(handle, tenantId, actor, "record.hold.lifted", TARGET, id.toString(), details(standing, why)
                    .put("heldSince", standing.hold().map(hold -> hold.placedAt().toString()).orElse(null)));
        });
    }

    /**
     * Where a case file stands, read without a lock in one round trip: its last activity, its hold
     * and its service's retention policy (as stored now, not the tenant's cached copy) together.
     */
    private Standing standingAtOnce(Handle handle, TenantId tenantId, RecordId id) {
        Instant now = clock.instant();
        return handle.createQuery("""
                        SELECT r.last_activity_at, t.retention_active_years, t.retention_kept_years,
                               h.reason, h.placed_by, h.placed_at
                          FROM records r
                          JOIN tenants t ON t.id = r.tenant_id
                          LEFT JOIN record_holds h ON h.tenant_id = r.tenant_id AND h.record_id = r.id
                         WHERE r.tenant_id = :tenantId AND r.id = :id
                        """)
                .bind("tenantId", tenantId).bind("id", id)
                .map((rs, ctx) -> {
                    Instant lastActivity = rs.getTimestamp("last_activity_at").toInstant();
                    Optional<Hold> hold = rs.getString("placed_by") == null ? Optional.empty()
                            : Optional.of(new Hold(rs.getString("reason"), rs.getString("placed_by"),
                                    rs.getTimestamp("placed_at").toInstant()));
                    return standing(now, new RetentionPolicy(rs.getInt("retention_active_years"),
                            rs.getInt("retention_kept_years")), lastActivity, hold);
                })
                .findOne()
                .orElseThrow(() -> new NoSuchRecordException(id.toString()));
    }

    private static Standing standing(Retention retention, Instant lastActivity, Optional<Hold> hold) {
        Phase phase = CaseFilePhase.of(retention, lastActivity, hold.isPresent());
        return new Standing(phase, lastActivity, hold, retention.archivedOn(lastActivity),
                retention.dueForDeletionOn(lastActivity));
    }

    private Standing standing(Handle handle, TenantId tenantId, RecordId id, boolean lock) {
        Instant lastActivity = handle.createQuery("SELECT last_activity_at FROM records WHERE tenant_id = :tenantId AND id = :id"
                        + (lock ? " FOR UPDATE" : ""))
                .bind("tenantId", tenantId).bind("id", id)
                .mapTo(Instant.class).findOne()
                .orElseThrow(() -> new NoSuchRecordException(id.toString()));
        Optional<Hold> hold = new HoldDao(handle).find(tenantId, id);
        return standing(RetentionPolicies.at(handle, tenantId, clock.instant()), lastActivity, hold);
    }

    private ObjectNode details(Standing standing, String reason) {
        return json.createObjectNode().put("phase", standing.phase().name()).put("reason", reason);
    }

    private static String reason(String reason) {
        String trimmed = reason == null ? "" : reason.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_REASON) {
            throw new DomainException("reasonRequired", 422, "a reason of 1 to " + MAX_REASON + " characters");
        }
        return trimmed;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
