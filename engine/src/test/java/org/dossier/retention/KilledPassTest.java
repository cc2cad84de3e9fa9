package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real kill -9: {@code lifecycle run} in a child JVM on the test's database, killed with
 * {@code destroyForcibly()} once its progress shows it half-way. Every case file is then either
 * there or gone with its tombstone, the killed run shows as interrupted once its lease runs out,
 * and the next pass finishes the work.
 */
@Tag("integration")
class KilledPassTest {
    private static final Pattern PROGRESS = Pattern.compile("^(\\S+): (\\d+)/(\\d+) deleted");
    private static final int DUE = 240;
    private static final int LEASE_SECONDS = 3;

    @Test
    void a_pass_killed_half_way_leaves_every_case_file_whole_and_the_next_pass_finishes() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "killed");
        Actor actor = new Actor(TestUsers.member(services, tenant, Role.CASEWORKER, true).email(), "127.0.0.1");
        List<RecordId> due = new ArrayList<>();
        for (int i = 0; i < DUE; i++) {
            RecordId id = services.records().create(tenant.id(), FormService.CASE_FILE,
                    TestRecords.validData("Tuezyx" + (char) ('a' + i % 26)), actor, Locale.FRENCH).id();
            due.add(id);
        }
        RecordId kept = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData("Gardezyx"),
                actor, Locale.FRENCH).id();
        // Due on today's clock, which the child uses: last active in 2019.
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE records SET last_activity_at = '2019-03-01 10:00:00' WHERE tenant_id = :t AND id <> :kept
                        """).bind("t", tenant.id().value()).bind("kept", kept.toBytes()).execute());

        Process child = lifecycleRun(tenant.slug());
        long half = 0;
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher progress = PROGRESS.matcher(line);
                if (progress.find() && progress.group(1).equals(tenant.slug())
                        && Long.parseLong(progress.group(2)) * 2 >= Long.parseLong(progress.group(3))) {
                    half = Long.parseLong(progress.group(2));
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no release of the lock
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended; output: %s", output).isTrue();
        assertThat(half).as("progress seen half-way; output: %s", output).isPositive().isLessThan(DUE);
        assertThat(output).noneMatch(line -> line.startsWith("Run "));

        // Every case file is whole: present, or deleted with its tombstone; never one without the other.
        Set<RecordId> stored = ids(services, "SELECT id FROM records WHERE tenant_id = :t", tenant);
        Set<RecordId> gone = ids(services, "SELECT record_id FROM case_file_tombstones WHERE tenant_id = :t", tenant);
        assertThat(gone).hasSizeGreaterThanOrEqualTo((int) half).hasSizeLessThan(DUE).doesNotContainAnyElementsOf(stored);
        assertThat(due).allSatisfy(id -> assertThat(stored.contains(id) ^ gone.contains(id)).isTrue());
        assertThat(stored).contains(kept);
        String killedRun = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT DISTINCT run_id FROM case_file_tombstones WHERE tenant_id = :t
                        """).bind("t", tenant.id().value()).mapTo(String.class).one());
        assertThat(outcomeStored(services, killedRun)).isEqualTo("running");

        // The dead holder's lease still runs: no pass starts (nor is the run shown interrupted yet).
        LifecyclePass next = new LifecyclePass(services.jdbi(), () -> List.of(tenant), new ObjectMapper(),
                Clock.systemUTC(), new PassLock(services.jdbi()), LifecyclePass.BATCH);
        RetentionOverview overview = new RetentionOverview(services.jdbi(), new ObjectMapper());
        assertThat(next.run("test", LifecyclePass.Progress.NONE)).isEmpty();
        Thread.sleep(Duration.ofSeconds(LEASE_SECONDS).plusMillis(500).toMillis());
        // Once it has run out, the page shows the killed run interrupted, and the next pass finishes.
        assertThat(overview.lastRuns(50)).filteredOn(run -> run.id().equals(killedRun)).singleElement()
                .extracting(LifecyclePass.Run::outcome).isEqualTo("interrupted");

        LifecyclePass.Run finished = next.run("test", LifecyclePass.Progress.NONE).orElseThrow();

        assertThat(finished.outcome()).isEqualTo("finished");
        assertThat(finished.deleted()).isEqualTo(DUE - gone.size());
        assertThat(outcomeStored(services, killedRun)).isEqualTo("interrupted");
        assertThat(ids(services, "SELECT id FROM records WHERE tenant_id = :t", tenant)).containsExactly(kept);
        assertThat(ids(services, "SELECT record_id FROM case_file_tombstones WHERE tenant_id = :t", tenant))
                .containsExactlyInAnyOrderElementsOf(due);
    }

    /** {@code java -cp <this test's classpath> org.dossier.Main lifecycle run} on the test database, one service. */
    private static Process lifecycleRun(String slug) throws Exception {
        TestDatabase.Connection connection = TestDatabase.connection();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.dossier.Main", "lifecycle", "run", "--service", slug, "--batch", "8",
                "--lease-seconds", Integer.toString(LEASE_SECONDS), "--rest", "1")
                .redirectErrorStream(true);
        builder.environment().put("DOSSIER_DB_URL", connection.jdbcUrl());
        builder.environment().put("DOSSIER_DB_USER", connection.user());
        builder.environment().put("DOSSIER_DB_PASSWORD", connection.password());
        // The same data directory as this test's services: the child opens the database's sealed
        // values with the same master key (a start without it is refused).
        builder.environment().put("DOSSIER_DATA_DIR", org.dossier.Config.fromEnvironment().dataDir().toString());
        return builder.start();
    }

    private static Set<RecordId> ids(Services services, String sql, Tenant tenant) {
        return new HashSet<>(services.jdbi().withHandle(handle -> handle.createQuery(sql)
                .bind("t", tenant.id().value()).map((rs, ctx) -> RecordId.fromBytes(rs.getBytes(1))).list()));
    }

    private static String outcomeStored(Services services, String runId) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT outcome FROM lifecycle_runs WHERE id = :id")
                .bind("id", runId).mapTo(String.class).one());
    }
}
