package org.dossier.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;
import org.dossier.tenant.TenantService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the case-file lifecycle over every service: counts what left the active years
 * (archiving needs no write, the phase is computed from the last activity by {@link Retention})
 * and deletes what is due, through {@link CaseFileErasure}, in batches of {@link #BATCH} rows, one
 * short transaction each, resting between batches as its {@link Pacing} says (so that the pages
 * people use keep their share of a small machine while a pass runs). A held case file (a row in {@code record_holds}) is neither counted as
 * archived nor deleted: the SQL here is {@link CaseFilePhase}'s rule on the activity index.
 *
 * <p>Interrupted anywhere (kill -9), every case file is either there or gone with its tombstone,
 * so its phase is consistent; the next pass deletes what is still due. Two passes never overlap:
 * both take the {@link PassLock} first.
 */
public final class LifecyclePass {
    private static final Logger LOG = LoggerFactory.getLogger(LifecyclePass.class);
    public static final int BATCH = 500;

    /**
     * Per service: case files archived (held ones left out), due for deletion and unheld, and held;
     * and the attachments deleted with the case files (a plan counts none).
     */
    public record ServiceCounts(TenantId tenantId, String slug, long archived, long deleted, long held,
                                long attachments) {
        public ServiceCounts(TenantId tenantId, String slug, long archived, long deleted, long held) {
            this(tenantId, slug, archived, deleted, held, 0);
        }
    }

    /** A finished (or failed) pass: its run record. */
    public record Run(String id, String runBy, Instant startedAt, Instant finishedAt, String outcome,
                      List<ServiceCounts> services, List<String> errors) {
        public long deleted() {
            return services.stream().mapToLong(ServiceCounts::deleted).sum();
        }
    }

    /** What a pass tells as it goes: the command prints it, the nightly task ignores it. */
    public interface Progress {
        Progress NONE = (slug, done, total) -> {};

        /** After each batch of a service's deletions (and once with 0 done before the first). */
        void deleted(String slug, long done, long total);
    }

    private final Jdbi jdbi;
    private final Supplier<List<Tenant>> tenants;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final CaseFileErasure erasure;
    private final PassLock lock;
    private final int batch;
    private final Pacing pacing;

    public LifecyclePass(Jdbi jdbi, TenantService tenants, ObjectMapper mapper, Clock clock) {
        this(jdbi, tenants::listAll, mapper, clock, new PassLock(jdbi), BATCH);
    }

    /** @param objectsAfterCommit deletes the objects of the attachments a batch deleted, once it committed */
    public LifecyclePass(Jdbi jdbi, TenantService tenants, ObjectMapper mapper, Clock clock, Runnable objectsAfterCommit) {
        this(jdbi, tenants::listAll, mapper, clock, new PassLock(jdbi), BATCH, Pacing.DEFAULT, objectsAfterCommit);
    }

    /** A pass over the services {@code tenants} gives (every service, or a test's own), in batches of {@code batch}. */
    public LifecyclePass(Jdbi jdbi, Supplier<List<Tenant>> tenants, ObjectMapper mapper, Clock clock, PassLock lock,
                         int batch) {
        this(jdbi, tenants, mapper, clock, lock, batch, Pacing.DEFAULT);
    }

    /** The same, resting between batches as {@code pacing} says. */
    public LifecyclePass(Jdbi jdbi, Supplier<List<Tenant>> tenants, ObjectMapper mapper, Clock clock, PassLock lock,
                         int batch, Pacing pacing) {
        this(jdbi, tenants, mapper, clock, lock, batch, pacing, () -> { });
    }

    /** The same, deleting the objects of the attachments it deleted after each batch's commit. */
    public LifecyclePass(Jdbi jdbi, Supplier<List<Tenant>> tenants, ObjectMapper mapper, Clock clock, PassLock lock,
                         int batch, Pacing pacing, Runnable objectsAfterCommit) {
        if (batch < 1) {
            throw new IllegalArgumentException("a batch holds at least one case file");
        }
        this.pacing = pacing;
        this.jdbi = jdbi;
        this.tenants = tenants;
        this.mapper = mapper;
        this.clock = clock;
        this.erasure = new CaseFileErasure(objectsAfterCommit);
        this.lock = lock;
        this.batch = batch;
    }

    /** The dry run: per service, what a pass now would archive, delete and leave held. Writes nothing. */
    public List<ServiceCounts> plan() {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> tenants.get().stream()
                .map(tenant -> counts(handle, tenant, Retention.at(now, tenant.retention())))
                .toList());
    }

    /** The dry run for one service under {@code policy}, its own or one a super-admin considers. Writes nothing. */
    public ServiceCounts plan(Tenant tenant, RetentionPolicy policy) {
        Retention retention = Retention.at(clock.instant(), policy);
        return jdbi.withHandle(handle -> counts(handle, tenant, retention));
    }

    /**
     * Runs a pass under the lock; empty when another pass holds it (this one does nothing).
     * Errors in one service are recorded and the pass goes on with the next.
     */
    public Optional<Run> run(String runBy, Progress progress) {
        String runId = UUID.randomUUID().toString();
        String holder = runBy + "/" + runId;
        if (!lock.tryAcquire(holder)) {
            LOG.info("Lifecycle pass not started by {}: another pass holds the lock", runBy);
            return Optional.empty();
        }
        try {
            return Optional.of(runLocked(runId, runBy, holder, progress));
        } finally {
            lock.release(holder);
        }
    }

    private Run runLocked(String runId, String runBy, String holder, Progress progress) {
        Instant started = clock.instant();
        jdbi.useHandle(handle -> {
            // Holding the lock, no other pass runs: a run still marked running was killed.
            handle.createUpdate("UPDATE lifecycle_runs SET outcome = 'interrupted' WHERE outcome = 'running'").execute();
            handle.createUpdate("""
                            INSERT INTO lifecycle_runs (id, run_by, started_at, outcome, counts)
                            VALUES (:id, :runBy, :started, 'running', '[]')
                            """).bind("id", runId).bind("runBy", runBy).bind("started", started).execute();
        });
        List<ServiceCounts> done = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Tenant tenant : tenants.get()) {
            Retention retention = Retention.at(started, tenant.retention()); // each service's own policy
            ServiceCounts planned = jdbi.withHandle(handle -> counts(handle, tenant, retention));
            long deleted = 0;
            long[] attachments = {0};
            try {
                deleted = deleteDue(tenant, retention, planned.deleted(), runId, holder, progress, attachments);
            } catch (LockLost e) {
                throw e; // another pass may run now: stop at once; the next pass marks this run interrupted
            } catch (RuntimeException e) {
                LOG.error("Lifecycle pass {}: service {} failed", runId, tenant.slug(), e);
                errors.add(tenant.slug() + ": " + e.getMessage());
                deleted = countDeletedBy(tenant.id(), runId);
            }
            done.add(new ServiceCounts(tenant.id(), tenant.slug(), planned.archived(), deleted, planned.held(),
                    attachments[0]));
            record(runId, done, errors, null, "running");
        }
        Instant finished = clock.instant();
        String outcome = errors.isEmpty() ? "finished" : "failed";
        record(runId, done, errors, finished, outcome);
        LOG.info("Lifecycle pass {} {}: {} case file(s) deleted", runId, outcome,
                done.stream().mapToLong(ServiceCounts::deleted).sum());
        return new Run(runId, runBy, started, finished, outcome, List.copyOf(done), List.copyOf(errors));
    }

    /** @param attachments adds up the attachments deleted with the case files */
    private long deleteDue(Tenant tenant, Retention retention, long total, String runId, String holder, Progress progress,
                           long[] attachments) {
        long done = 0;
        progress.deleted(tenant.slug(), 0, total);
        while (true) {
            long batchStart = System.nanoTime();
            int deleted = jdbi.inTransaction(handle -> {
                List<RecordId> due = handle.createQuery("""
                                SELECT r.id FROM records r
                                 WHERE r.tenant_id = :tenantId AND r.last_activity_at < :keptSince
                                   AND NOT EXISTS (SELECT 1 FROM record_holds h
                                                    WHERE h.tenant_id = r.tenant_id AND h.record_id = r.id)
                                 ORDER BY r.last_activity_at
                                 LIMIT :batch
                                 FOR UPDATE
                                """)
                        .bind("tenantId", tenant.id().value()).bind("keptSince", retention.keptSince())
                        .bind("batch", batch)
                        .map((rs, ctx) -> RecordId.fromBytes(rs.getBytes(1))).list();
                CaseFileErasure.Erased erased = erasure.eraseCounting(handle, tenant.id(), due, clock.instant(),
                        Optional.of(runId));
                attachments[0] += erased.attachments();
                return erased.records();
            });
            if (deleted == 0) {
                return done;
            }
            done += deleted;
            if (!lock.extend(holder)) {
                throw new LockLost();
            }
            progress.deleted(tenant.slug(), done, Math.max(total, done));
            pacing.rest(System.nanoTime() - batchStart);
        }
    }

    private static ServiceCounts counts(Handle handle, Tenant tenant, Retention retention) {
        return handle.createQuery("""
                        SELECT COALESCE(SUM(h.record_id IS NULL AND r.last_activity_at >= :keptSince), 0) AS archived,
                               COALESCE(SUM(h.record_id IS NULL AND r.last_activity_at < :keptSince), 0) AS due,
                               COUNT(h.record_id) AS held
                          FROM records r
                          LEFT JOIN record_holds h ON h.tenant_id = r.tenant_id AND h.record_id = r.id
                         WHERE r.tenant_id = :tenantId AND r.last_activity_at < :activeSince
                        """)
                .bind("tenantId", tenant.id().value())
                .bind("activeSince", retention.activeSince()).bind("keptSince", retention.keptSince())
                .map((rs, ctx) -> new ServiceCounts(tenant.id(), tenant.slug(), rs.getLong("archived"),
                        rs.getLong("due"), rs.getLong("held")))
                .one();
    }

    private long countDeletedBy(TenantId tenantId, String runId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM case_file_tombstones WHERE tenant_id = :tenantId AND run_id = :runId")
                .bind("tenantId", tenantId.value()).bind("runId", runId).mapTo(Long.class).one());
    }

    private void record(String runId, List<ServiceCounts> services, List<String> errors, Instant finished,
                        String outcome) {
        ArrayNode counts = mapper.createArrayNode();
        for (ServiceCounts service : services) {
            counts.addObject().put("tenantId", service.tenantId().value()).put("slug", service.slug())
                    .put("archived", service.archived()).put("deleted", service.deleted()).put("held", service.held())
                    .put("attachments", service.attachments());
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE lifecycle_runs SET counts = :counts, errors = :errors, finished_at = :finished,
                                                  outcome = :outcome
                         WHERE id = :id
                        """)
                .bind("counts", counts.toString()).bind("errors", errors.isEmpty() ? null : String.join("\n", errors))
                .bind("finished", finished).bind("outcome", outcome).bind("id", runId).execute());
    }

    /** The lease ran out between two batches (a pass stalled longer than {@link PassLock#LEASE}). */
    static final class LockLost extends RuntimeException {
        LockLost() {
            super("the lifecycle pass lost its lock (lease expired)");
        }
    }
}
