package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.NoSuchRecordException;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A legal hold placed at the moment a pass deletes the same case file, on two connections, each
 * made to wait for the other's lock: the hold lands on a live file that the pass then leaves, or
 * it is refused (404) because the file is gone; never a deleted file that was held.
 */
@Tag("integration")
class HoldRaceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2031-02-01T09:00:00Z"), ZoneOffset.UTC);

    private Services services;
    private Tenant tenant;
    private Actor admin;
    private RecordArchive archive;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "race");
        admin = new Actor(TestUsers.member(services, tenant, Role.ADMIN, true).email(), "127.0.0.1");
        archive = new RecordArchive(services.jdbi(), services.audit(), services.mapper(), CLOCK);
    }

    @Test
    void a_hold_placed_while_the_pass_waits_for_the_file_stands_and_the_pass_leaves_the_file() throws Exception {
        // The pass reads the older file first (its snapshot starts then), then waits for the one being held.
        RecordId older = caseFile("Anciencoursezyx", Instant.parse("2018-01-01T10:00:00Z"));
        RecordId contested = caseFile("Disputezyx", Instant.parse("2019-01-01T10:00:00Z"));
        LifecyclePass pass = new LifecyclePass(services.jdbi(), () -> List.of(tenant), services.mapper(), CLOCK,
                new PassLock(services.jdbi()), LifecyclePass.BATCH, Pacing.NONE);

        CompletableFuture<LifecyclePass.Run> running;
        try (Handle holding = services.jdbi().open()) {
            holding.begin();
            archive.placeHold(holding, tenant.id(), contested, "Demande du juge", admin);
            running = CompletableFuture.supplyAsync(() -> pass.run("race", LifecyclePass.Progress.NONE).orElseThrow());
            awaitLockWaitOr(running);
            holding.commit();
        }
        LifecyclePass.Run run = running.get(30, TimeUnit.SECONDS);

        assertThat(run.deleted()).isEqualTo(1);
        assertThat(present(older)).isFalse();
        assertThat(present(contested)).isTrue();
        assertThat(archive.standing(tenant.id(), contested).hold()).map(Hold::reason).contains("Demande du juge");
        assertThat(tombstoned(contested)).isFalse();
    }

    @Test
    void an_erasure_waiting_for_a_hold_being_placed_leaves_the_held_file_and_erases_the_other() throws Exception {
        RecordId free = caseFile("Librecoursezyx", Instant.parse("2018-01-01T10:00:00Z"));
        RecordId contested = caseFile("Tenucoursezyx", Instant.parse("2019-01-01T10:00:00Z"));

        CompletableFuture<Integer> erasing;
        try (Handle holding = services.jdbi().open()) {
            holding.begin();
            archive.placeHold(holding, tenant.id(), contested, "Litige en cours", admin);
            erasing = CompletableFuture.supplyAsync(() -> services.jdbi().inTransaction(handle ->
                    new CaseFileErasure().erase(handle, tenant.id(), List.of(free, contested), CLOCK.instant(),
                            Optional.of("race"))));
            awaitLockWaitOr(erasing);
            holding.commit();
        }

        assertThat(erasing.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(present(free)).isFalse();
        assertThat(tombstoned(free)).isTrue();
        assertThat(present(contested)).isTrue();
        assertThat(tombstoned(contested)).isFalse();
        assertThat(archive.standing(tenant.id(), contested).hold()).map(Hold::reason).contains("Litige en cours");
    }

    @Test
    void a_hold_waiting_for_a_deletion_in_progress_is_refused_with_404_and_leaves_nothing() throws Exception {
        RecordId contested = caseFile("Effacecoursezyx", Instant.parse("2019-01-01T10:00:00Z"));

        CompletableFuture<Void> hold;
        try (Handle deleting = services.jdbi().open()) {
            deleting.begin();
            assertThat(new CaseFileErasure().erase(deleting, tenant.id(), contested, CLOCK.instant(), Optional.of("race")))
                    .isTrue();
            hold = CompletableFuture.runAsync(() -> archive.placeHold(tenant.id(), contested, "Litige", admin));
            awaitLockWaitOr(hold);
            deleting.commit();
        }

        assertThatThrownBy(() -> hold.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(NoSuchRecordException.class);
        assertThat(present(contested)).isFalse();
        assertThat(tombstoned(contested)).isTrue();
        long holds = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM record_holds WHERE tenant_id = :t AND record_id = :id")
                .bind("t", tenant.id().value()).bind("id", contested.toBytes()).mapTo(Long.class).one());
        assertThat(holds).isZero();
        long placed = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM audit_events
                         WHERE tenant_id = :t AND action = 'record.hold.placed' AND target_id = :id
                        """).bind("t", tenant.id().value()).bind("id", contested.toString()).mapTo(Long.class).one());
        assertThat(placed).isZero();
    }

    private RecordId caseFile(String lastName, Instant lastActivity) {
        RecordId id = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName), admin,
                Locale.FRENCH).id();
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", lastActivity).bind("t", tenant.id().value()).bind("id", id.toBytes()).execute());
        return id;
    }

    /**
     * Waits until the other side of the race waits for a row lock, or has already answered: a
     * locking read in READ COMMITTED (the pool's isolation) may skip a row another transaction
     * has deleted but not committed instead of waiting for it; the outcome must be right either way.
     */
    private void awaitLockWaitOr(CompletableFuture<?> otherSide) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && !otherSide.isDone()) {
            // A lock wait shows in innodb_trx, or, for a primary-key lookup that the optimizer reads
            // as a constant, as the locking statement still running ("Statistics") in the process list.
            long waiting = services.jdbi().withHandle(handle -> handle.createQuery("""
                            SELECT (SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT')
                                 + (SELECT COUNT(*) FROM information_schema.processlist
                                     WHERE id <> CONNECTION_ID() AND info LIKE '%FOR UPDATE%')
                            """).mapTo(Long.class).one());
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the other side never waited for the lock: " + services.jdbi().withHandle(handle ->
                handle.createQuery("SELECT CONCAT(id, ' ', COALESCE(state, ''), ' ', COALESCE(info, '')) FROM information_schema.processlist")
                        .mapTo(String.class).list()) + " / " + services.jdbi().withHandle(handle ->
                handle.createQuery("SELECT CONCAT(trx_state, ' ', COALESCE(trx_query, '')) FROM information_schema.innodb_trx")
                        .mapTo(String.class).list()));
    }

    private boolean present(RecordId id) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM records WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.id().value()).bind("id", id.toBytes()).mapTo(Long.class).one()) == 1;
    }

    private boolean tombstoned(RecordId id) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM case_file_tombstones WHERE tenant_id = :t AND record_id = :id")
                .bind("t", tenant.id().value()).bind("id", id.toBytes()).mapTo(Long.class).one()) == 1;
    }
}
