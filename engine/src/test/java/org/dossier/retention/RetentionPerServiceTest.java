package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.FormService;
import org.dossier.modules.CaseFileReports;
import org.dossier.record.ArchivedRecordException;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.record.RecordQuery;
import org.dossier.retention.Retention.Phase;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two services, one on the platform's default retention (2 active years, kept to N-5), the other
 * on its own (3 active years, kept to N-10), with case files last active on the same dates: the
 * list, the saves, the archive's dates, the reports and the lifecycle pass each follow the
 * service's own policy.
 */
@Tag("integration")
class RetentionPerServiceTest {
    private static final Actor WORKER = new Actor("agent@test", "127.0.0.1");
    private static final RetentionPolicy LONGER = new RetentionPolicy(3, 10);

    private Services services;
    private Tenant standard;
    private Tenant longer;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        standard = TestTenants.withBaseForm(services, "policy-std");
        longer = withPolicy(TestTenants.withBaseForm(services, "policy-long"), LONGER);
    }

    /** The service with {@code policy}, set in SQL and read back as every page reads it. */
    private Tenant withPolicy(Tenant tenant, RetentionPolicy policy) {
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE tenants SET retention_active_years = :a, retention_kept_years = :k WHERE id = :tenantId""")
                .bind("a", policy.activeYears()).bind("k", policy.keptYears()).bind("tenantId", tenant.id()).execute());
        services.tenants().forgetCached();
        Tenant reread = services.tenants().require(tenant.slug());
        assertThat(reread.retention()).isEqualTo(policy);
        return reread;
    }

    private CaseRecord caseFile(Tenant tenant, String lastName, Instant lastActivity) {
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName),
                WORKER, Locale.FRENCH);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", lastActivity).bind("t", tenant.id()).bind("id", record.id()).execute());
        return record;
    }

    private static Instant yearsAgo(int years) {
        return LocalDateTime.now(Retention.ZONE).minusYears(years).atZone(Retention.ZONE).toInstant()
                .truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void a_new_service_has_the_platforms_default() {
        assertThat(standard.retention()).isEqualTo(RetentionPolicy.DEFAULT);
    }

    @Test
    void the_list_and_search_leave_out_what_the_services_own_policy_archives() {
        CaseRecord standardOld = caseFile(standard, "Deuxanszyw", yearsAgo(2));
        CaseRecord longerOld = caseFile(longer, "Deuxanszyw", yearsAgo(2));
        RecordQuery query = RecordQuery.of(FormService.CASE_FILE, "Deuxanszyw", 1, 20);

        assertThat(services.records().search(standard.id(), query).items()).isEmpty();
        assertThat(services.records().search(standard.id(), query.inArchives()).items()).extracting(item -> item.id())
                .containsExactly(standardOld.id());
        assertThat(services.records().search(longer.id(), query).items()).extracting(item -> item.id())
                .containsExactly(longerOld.id());
        assertThat(services.records().search(longer.id(), query.inArchives()).items()).isEmpty();
    }

    @Test
    void a_save_is_refused_only_where_the_services_policy_archives_the_case_file() {
        CaseRecord standardOld = caseFile(standard, "Lectureseulezyw", yearsAgo(2));
        CaseRecord longerOld = caseFile(longer, "Lectureseulezyw", yearsAgo(2));

        assertThatThrownBy(() -> services.records().update(standard.id(), standardOld.id(), standardOld.lockVersion(),
                TestRecords.validData("Changezyw"), WORKER, Locale.FRENCH)).isInstanceOf(ArchivedRecordException.class);
        assertThat(services.records().get(standard.id(), standardOld.id()).data().toString()).contains("Lectureseulezyw");
        CaseRecord saved = services.records().update(longer.id(), longerOld.id(), longerOld.lockVersion(),
                TestRecords.validData("Changezyw"), WORKER, Locale.FRENCH);
        assertThat(saved.data().toString()).contains("Changezyw");
    }

    @Test
    void on_a_clock_the_test_sets_the_archive_dates_and_phase_follow_each_services_policy() {
        Instant lastActivity = Instant.parse("2024-12-31T22:59:59Z"); // 23:59:59 on 31 December 2024 in Paris
        CaseRecord inStandard = caseFile(standard, "Horlogezyw", lastActivity);
        CaseRecord inLonger = caseFile(longer, "Horlogezyw", lastActivity);
        RecordArchive newYear2026 = new RecordArchive(services.jdbi(), new AuditLog(), services.mapper(),
                Clock.fixed(Instant.parse("2025-12-31T23:00:00Z"), Retention.ZONE)); // midnight, 1 January 2026 in Paris
        RecordArchive newYear2027 = new RecordArchive(services.jdbi(), new AuditLog(), services.mapper(),
                Clock.fixed(Instant.parse("2026-12-31T23:00:00Z"), Retention.ZONE));

        RecordArchive.Standing standing = newYear2026.standing(standard.id(), inStandard.id());
        assertThat(standing.phase()).isEqualTo(Phase.ARCHIVED);
        assertThat(standing.archivedOn()).hasToString("2026-01-01");
        assertThat(standing.deletedOn()).hasToString("2030-01-01");

        RecordArchive.Standing longStanding = newYear2026.standing(longer.id(), inLonger.id());
        assertThat(longStanding.phase()).isEqualTo(Phase.ACTIVE);
        assertThat(longStanding.archivedOn()).hasToString("2027-01-01");
        assertThat(longStanding.deletedOn()).hasToString("2035-01-01");
        assertThat(newYear2027.standing(longer.id(), inLonger.id()).phase()).isEqualTo(Phase.ARCHIVED);
        assertThat(newYear2027.retention(longer).activeSince()).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
    }

    @Test
    void the_reports_count_the_active_case_files_by_the_services_policy() {
        caseFile(standard, "Rapportzyw", yearsAgo(2));
        caseFile(longer, "Rapportzyw", yearsAgo(2));
        CaseFileReports reports = new CaseFileReports(services.jdbi());

        assertThat(reports.byStatus(standard.id()).values().stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(reports.byStatus(longer.id()).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }

    @Test
    void a_lifecycle_pass_deletes_per_each_services_own_policy_on_the_same_dates() {
        // The pass runs on 1 February 2031: default keeps from 1 January 2026, the longer policy from 1 January 2021.
        Clock clock = Clock.fixed(Instant.parse("2031-02-01T09:00:00Z"), Retention.ZONE);
        Instant twoYearsBefore = Instant.parse("2029-06-15T10:00:00Z");
        Instant sevenYearsBefore = Instant.parse("2024-06-15T10:00:00Z");
        Instant thirteenYearsBefore = Instant.parse("2018-06-15T10:00:00Z");
        RecordId standardArchived = caseFile(standard, "Passezyw", twoYearsBefore).id();
        RecordId standardDue = caseFile(standard, "Passezyw", sevenYearsBefore).id();
        caseFile(standard, "Passezyw", thirteenYearsBefore);
        RecordId longerActive = caseFile(longer, "Passezyw", twoYearsBefore).id();
        RecordId longerArchived = caseFile(longer, "Passezyw", sevenYearsBefore).id();
        caseFile(longer, "Passezyw", thirteenYearsBefore);
        LifecyclePass pass = new LifecyclePass(services.jdbi(), () -> List.of(standard, longer), services.mapper(), clock,
                new PassLock(services.jdbi()), 100);

        assertThat(pass.plan()).containsExactly(
                new LifecyclePass.ServiceCounts(standard.id(), standard.slug(), 1, 2, 0),
                new LifecyclePass.ServiceCounts(longer.id(), longer.slug(), 1, 1, 0));
        Optional<LifecyclePass.Run> run = pass.run("test", LifecyclePass.Progress.NONE);

        assertThat(run).isPresent();
        assertThat(run.get().services()).extracting(LifecyclePass.ServiceCounts::deleted).containsExactly(2L, 1L);
        assertThat(stored(standard)).containsExactly(standardArchived);
        assertThat(stored(longer)).containsExactlyInAnyOrder(longerActive, longerArchived);
        assertThat(standardDue).isNotIn(stored(standard));
    }

    private Set<RecordId> stored(Tenant tenant) {
        return Set.copyOf(services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM records WHERE tenant_id = :t").bind("t", tenant.id())
                .map((rs, ctx) -> RecordId.fromBytes(rs.getBytes(1))).list()));
    }
}
