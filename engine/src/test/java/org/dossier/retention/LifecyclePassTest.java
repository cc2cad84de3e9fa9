package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.jobs.Jobs;
import org.dossier.offboarding.TableDump;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle pass on a clock the test sets (1 February 2031, so case files last active before
 * 1 January 2026 in Paris are due): it deletes exactly the due, unheld case files with their
 * tombstones, counts the archived, leaves the rest; the plan changes nothing; a pass stopped
 * half-way is finished by the next; two nodes run it once; nothing of a deleted person remains.
 */
@Tag("integration")
class LifecyclePassTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2031-02-01T09:00:00Z"), ZoneOffset.UTC);
    /** 1 January 2026, 00:00 in Paris: from it on, a case file is kept (archived). */
    private static final Instant KEPT_SINCE = Instant.parse("2025-12-31T23:00:00Z");

    private Services services;
    private Tenant tenant;
    private Actor actor;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "cycle");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        actor = new Actor(caseworker.email(), "127.0.0.1");
    }

    private LifecyclePass pass(int batch) {
        return new LifecyclePass(services.jdbi(), () -> List.of(tenant), services.mapper(), CLOCK,
                new PassLock(services.jdbi()), batch);
    }

    /** A case file whose last activity the test sets in SQL. */
    private RecordId caseFile(String lastName, Instant lastActivity) {
        RecordId id = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName), actor,
                Locale.FRENCH).id();
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", lastActivity).bind("t", tenant.id().value()).bind("id", id.toBytes()).execute());
        return id;
    }

    private void hold(RecordId id) {
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO record_holds (tenant_id, record_id, reason, placed_by, placed_at)
                        VALUES (:t, :id, 'litige', 'admin@test.example', :now)
                        """).bind("t", tenant.id().value()).bind("id", id.toBytes()).bind("now", Instant.now()).execute());
    }

    private Set<RecordId> stored() {
        return Set.copyOf(services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM records WHERE tenant_id = :t").bind("t", tenant.id().value())
                .map((rs, ctx) -> RecordId.fromBytes(rs.getBytes(1))).list()));
    }

    private Set<RecordId> tombstones() {
        return Set.copyOf(services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT record_id FROM case_file_tombstones WHERE tenant_id = :t").bind("t", tenant.id().value())
                .map((rs, ctx) -> RecordId.fromBytes(rs.getBytes(1))).list()));
    }

    private List<String> recordsDump() {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT HEX(id), data, lock_version, last_activity_at FROM records WHERE tenant_id = :t ORDER BY id")
                .bind("t", tenant.id().value())
                .map((rs, ctx) -> rs.getString(1) + rs.getString(2) + rs.getInt(3) + rs.getTimestamp(4)).list());
    }

    private long count(String sql) {
        return services.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void a_pass_deletes_exactly_the_due_unheld_case_files_counts_the_archived_and_leaves_the_rest() {
        RecordId active = caseFile("Actifzyx", Instant.parse("2030-06-01T10:00:00Z"));
        RecordId archivedAtTheBoundary = caseFile("Bordzyx", KEPT_SINCE);
        RecordId archived = caseFile("Archivezyx", Instant.parse("2028-03-01T10:00:00Z"));
        RecordId dueAtTheBoundary = caseFile("Veillezyx", KEPT_SINCE.minusSeconds(1));
        RecordId due = caseFile("Vieuxzyx", Instant.parse("2019-05-01T10:00:00Z"));
        RecordId heldDue = caseFile("Gelezyx", Instant.parse("2019-05-01T10:00:00Z"));
        RecordId heldArchived = caseFile("Gelearchivezyx", Instant.parse("2028-03-01T10:00:00Z"));
        hold(heldDue);
        hold(heldArchived);

        LifecyclePass.Run run = pass(LifecyclePass.BATCH).run("test", LifecyclePass.Progress.NONE).orElseThrow();

        assertThat(stored()).containsExactlyInAnyOrder(active, archivedAtTheBoundary, archived, heldDue, heldArchived);
        assertThat(tombstones()).containsExactlyInAnyOrder(dueAtTheBoundary, due);
        assertThat(run.outcome()).isEqualTo("finished");
        assertThat(run.services()).singleElement().isEqualTo(
                new LifecyclePass.ServiceCounts(tenant.id(), tenant.slug(), 2, 2, 2));
        String recorded = services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT CONCAT(outcome, ' ', counts) FROM lifecycle_runs WHERE id = :id").bind("id", run.id())
                .mapTo(String.class).one());
        assertThat(recorded).startsWith("finished ").containsPattern("\"archived\": ?2").containsPattern("\"deleted\": ?2");
        long withRun = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM case_file_tombstones
                         WHERE tenant_id = :t AND run_id = :run AND form_key = 'dossier' AND deleted_at IS NOT NULL
                        """).bind("t", tenant.id().value()).bind("run", run.id()).mapTo(Long.class).one());
        assertThat(withRun).isEqualTo(2);
        // A second pass finds nothing more to do.
        assertThat(pass(LifecyclePass.BATCH).run("test", LifecyclePass.Progress.NONE).orElseThrow().deleted()).isZero();
    }

    @Test
    void the_plan_counts_what_a_pass_would_do_and_changes_nothing() {
        caseFile("Planactifzyx", Instant.parse("2030-06-01T10:00:00Z"));
        caseFile("Planarchivezyx", Instant.parse("2027-06-01T10:00:00Z"));
        caseFile("Plandu1zyx", Instant.parse("2020-06-01T10:00:00Z"));
        caseFile("Plandu2zyx", Instant.parse("2018-06-01T10:00:00Z"));
        hold(caseFile("Plangelezyx", Instant.parse("2018-06-01T10:00:00Z")));
        List<String> before = recordsDump();
        long runs = count("SELECT COUNT(*) FROM lifecycle_runs");
        long tombs = count("SELECT COUNT(*) FROM case_file_tombstones");

        List<LifecyclePass.ServiceCounts> plan = pass(LifecyclePass.BATCH).plan();

        assertThat(plan).containsExactly(new LifecyclePass.ServiceCounts(tenant.id(), tenant.slug(), 1, 2, 1));
        assertThat(recordsDump()).isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM lifecycle_runs")).isEqualTo(runs);
        assertThat(count("SELECT COUNT(*) FROM case_file_tombstones")).isEqualTo(tombs);
    }

    @Test
    void a_pass_stopped_half_way_leaves_every_case_file_whole_and_the_next_pass_finishes() {
        List<RecordId> due = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            due.add(caseFile("Coupezyx" + i, Instant.parse("2019-01-0" + (i + 1) + "T10:00:00Z")));
        }
        RecordId kept = caseFile("Restezyx", Instant.parse("2030-01-10T10:00:00Z"));
        // A pass killed earlier (kill -9) left its run marked running and the lock with a dead holder.
        services.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO lifecycle_runs (id, run_by, started_at, outcome, counts) "
                    + "VALUES (?, 'killed', NOW(6) - INTERVAL 1 HOUR, 'running', '[]')", "killed-" + System.nanoTime());
            handle.execute("UPDATE lifecycle_lock SET holder = 'killed', held_until = NOW(6) - INTERVAL 1 SECOND");
        });
        LifecyclePass.Progress failAfterTwoBatches = (slug, done, total) -> {
            if (done >= 4) {
                throw new IllegalStateException("simulated crash after two batches");
            }
        };

        LifecyclePass.Run first = pass(2).run("test", failAfterTwoBatches).orElseThrow();

        assertThat(first.outcome()).isEqualTo("failed");
        assertThat(first.errors()).singleElement().asString().contains("simulated crash");
        assertThat(first.deleted()).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM lifecycle_runs WHERE outcome = 'running'")).isZero();
        Set<RecordId> stored = stored();
        Set<RecordId> gone = tombstones();
        assertThat(gone).hasSize(4).doesNotContainAnyElementsOf(stored);
        assertThat(due).allSatisfy(id -> assertThat(stored.contains(id) || gone.contains(id)).isTrue());
        // The lock was released: the next pass runs and finishes the work.
        LifecyclePass.Run second = pass(2).run("test", LifecyclePass.Progress.NONE).orElseThrow();

        assertThat(second.outcome()).isEqualTo("finished");
        assertThat(second.deleted()).isEqualTo(3);
        assertThat(stored()).containsExactly(kept);
        assertThat(tombstones()).containsExactlyInAnyOrderElementsOf(due);
    }

    @Test
    void a_pass_does_not_start_while_another_holds_the_lock_and_a_dead_holder_lets_go() {
        caseFile("Verrouzyx", Instant.parse("2019-01-01T10:00:00Z"));
        PassLock shortLease = new PassLock(services.jdbi(), Duration.ofSeconds(1));
        assertThat(shortLease.tryAcquire("other-node")).isTrue();
        try {
            assertThat(pass(LifecyclePass.BATCH).run("test", LifecyclePass.Progress.NONE)).isEmpty();
            assertThat(stored()).hasSize(1);
            sleep(Duration.ofMillis(2100)); // the other node died without releasing: its lease runs out
            assertThat(pass(LifecyclePass.BATCH).run("test", LifecyclePass.Progress.NONE).orElseThrow().deleted())
                    .isEqualTo(1);
        } finally {
            shortLease.release("other-node");
        }
    }

    @Test
    void two_app_instances_on_one_database_run_the_scheduled_pass_once() throws Exception {
        for (int i = 0; i < 30; i++) {
            caseFile("Noeudzyx" + i, Instant.parse("2019-01-01T10:00:00Z"));
        }
        services.jdbi().useHandle(handle -> handle.execute("DELETE FROM scheduled_tasks WHERE task_name = ?",
                LifecycleJob.TASK));
        Services second = Services.wire(TestDatabase.database(), Config.fromEnvironment());
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        LifecyclePass passA = pass(5);
        LifecyclePass passB = new LifecyclePass(second.jdbi(), () -> List.of(tenant), second.mapper(), CLOCK,
                new PassLock(second.jdbi()), 5);
        try (Jobs a = Jobs.on(TestDatabase.database().dataSource(), "node-a-" + suffix)
                .recurring(LifecycleJob.task(passA, FixedDelay.ofHours(1), "node-a-" + suffix))
                .pollingInterval(Duration.ofMillis(200)).start();
             Jobs b = Jobs.on(TestDatabase.database().dataSource(), "node-b-" + suffix)
                     .recurring(LifecycleJob.task(passB, FixedDelay.ofHours(1), "node-b-" + suffix))
                     .pollingInterval(Duration.ofMillis(200)).start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (runsOf(suffix).stream().noneMatch(run -> run.endsWith("finished")) && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(200));
            }
            sleep(Duration.ofSeconds(2)); // time for the other node to run it too, if it would
        } finally {
            services.jdbi().useHandle(handle -> handle.execute("DELETE FROM scheduled_tasks WHERE task_name = ?",
                    LifecycleJob.TASK));
        }
        assertThat(runsOf(suffix)).singleElement().asString().endsWith("finished");
        assertThat(stored()).isEmpty();
        assertThat(tombstones()).hasSize(30);
    }

    private List<String> runsOf(String suffix) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT CONCAT(run_by, ' ', outcome) FROM lifecycle_runs WHERE run_by LIKE :suffix")
                .bind("suffix", "node:node-_-" + suffix).mapTo(String.class).list());
    }

    @Test
    void after_the_pass_deletes_a_case_file_no_table_of_the_database_holds_the_persons_name() {
        String name = "Effacezyx" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        RecordId id = caseFile(name, Instant.parse("2019-01-01T10:00:00Z"));
        services.records().read(tenant.id(), id, actor, true);
        assertThat(TableDump.whereFound(services, name)).isNotEmpty();

        pass(LifecyclePass.BATCH).run("test", LifecyclePass.Progress.NONE).orElseThrow();

        assertThat(TableDump.whereFound(services, name)).isEmpty();
        // The audit log keeps its events about the case file, by id, with no name.
        long events = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND target_id = :id")
                .bind("t", tenant.id().value()).bind("id", id.toString()).mapTo(Long.class).one());
        assertThat(events).isPositive();
        assertThat(tombstones()).containsExactly(id);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
