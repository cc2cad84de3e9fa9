package org.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.RecordId;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.PassLock;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code lifecycle plan} prints what a pass would do and changes nothing; {@code lifecycle run} prints its progress. */
@Tag("integration")
class LifecycleCommandTest {

    @Test
    void plan_prints_the_counts_per_service_and_run_prints_progress_then_deletes() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "cycle-cli");
        for (int i = 0; i < 3; i++) {
            RecordId id = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData("Clicyclezyx"),
                    Actor.system("test"), Locale.FRENCH).id();
            services.jdbi().useHandle(handle -> handle.createUpdate(
                            "UPDATE records SET last_activity_at = '2019-03-01 10:00:00' WHERE tenant_id = :t AND id = :id")
                    .bind("t", tenant.id().value()).bind("id", id.toBytes()).execute());
        }
        LifecyclePass pass = new LifecyclePass(services.jdbi(), () -> List.of(tenant), services.mapper(),
                Clock.fixed(Instant.parse("2031-02-01T09:00:00Z"), ZoneOffset.UTC), new PassLock(services.jdbi()), 2);

        LifecycleCommand.Plan plan = new LifecycleCommand.Plan();
        plan.services = services;
        plan.pass = pass;
        ByteArrayOutputStream planned = new ByteArrayOutputStream();
        plan.out = new PrintStream(planned, true, StandardCharsets.UTF_8);
        assertThat(plan.call()).isZero();

        assertThat(planned.toString(StandardCharsets.UTF_8)).containsPattern(tenant.slug() + " +0 +3 +0")
                .contains("Nothing was changed");
        assertThat(TestRecords.storedCount(services, tenant)).isEqualTo(3);

        LifecycleCommand.Run run = new LifecycleCommand.Run();
        run.services = services;
        run.pass = pass;
        ByteArrayOutputStream ran = new ByteArrayOutputStream();
        run.out = new PrintStream(ran, true, StandardCharsets.UTF_8);
        assertThat(run.call()).isZero();

        assertThat(ran.toString(StandardCharsets.UTF_8)).contains(tenant.slug() + ": 0/3 deleted")
                .contains(tenant.slug() + ": 2/3 deleted").contains(tenant.slug() + ": 3/3 deleted")
                .containsPattern("Run [0-9a-f-]+ finished in \\d+ ms: 3 case file\\(s\\) deleted");
        assertThat(TestRecords.storedCount(services, tenant)).isZero();
    }
}
