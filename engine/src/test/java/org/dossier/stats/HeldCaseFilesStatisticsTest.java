package org.dossier.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The statistics follow the one phase rule: a held case file counts as active whatever its last activity. */
@Tag("integration")
class HeldCaseFilesStatisticsTest {
    @Test
    void a_held_case_file_counts_as_active_and_a_due_one_without_hold_is_left_out() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "stats-held");
        Actor actor = Actor.system("test");
        CaseRecord active = create(services, tenant, "Actif");
        CaseRecord archived = lastActive(services, tenant, create(services, tenant, "Archive"), 3);
        CaseRecord heldOld = lastActive(services, tenant, create(services, tenant, "Gele"), 8);
        lastActive(services, tenant, create(services, tenant, "Echu"), 8);
        services.archive().placeHold(tenant.id(), heldOld.id(), "Contentieux", actor);
        Instant now = Instant.now();
        List<Instant> months = List.of(now.minusSeconds(86_400), now.plusSeconds(86_400));

        Retention retention = Retention.on(LocalDate.now(Retention.ZONE), RetentionPolicy.DEFAULT);
        StatisticsDao.CaseFiles rows = services.jdbi().withHandle(handle ->
                new RowCounts(handle).caseFiles(tenant.id(), retention, months));
        CaseFileCounts.fold(services.jdbi(), tenant.id());
        StatisticsDao.CaseFiles files = services.jdbi().withHandle(handle ->
                CaseFileCounts.read(handle, tenant.id(), retention, months).caseFiles());

        assertThat(files).usingRecursiveComparison().isEqualTo(rows);

        assertThat(files.active()).as("%s and the held %s", active.id(), heldOld.id()).isEqualTo(2);
        assertThat(files.archived()).as("%s", archived.id()).isEqualTo(1);
    }

    private static CaseRecord create(Services services, Tenant tenant, String lastName) {
        return services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName),
                Actor.system("test"), Locale.FRENCH);
    }

    private static CaseRecord lastActive(Services services, Tenant tenant, CaseRecord record, int yearsAgo) {
        Instant at = ZonedDateTime.now(Retention.ZONE).minusYears(yearsAgo).toInstant();
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", at).bind("t", tenant.id()).bind("id", record.id()).execute());
        return record;
    }
}
