package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.FormService;
import org.dossier.record.ArchivedRecordException;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordQuery;
import org.dossier.retention.Retention.Phase;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Archived case files against the real database: read-only on every engine write with nothing
 * changed, reactivation, legal holds, the audit trail, the list's default and archives searches.
 */
@Tag("integration")
class RecordArchiveTest {
    private static final Actor ADMIN = new Actor("admin@test", "127.0.0.1");
    private static final Actor WORKER = new Actor("agent@test", "127.0.0.1");
    private static Services services;
    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "archive");
    }

    /** Three years ago in Paris: archived today. */
    static Instant threeYearsAgo() {
        return LocalDateTime.now(Retention.ZONE).minusYears(3).atZone(Retention.ZONE).toInstant()
                .truncatedTo(ChronoUnit.MICROS);
    }

    private static CaseRecord create(String lastName) {
        return services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName), WORKER,
                Locale.FRENCH);
    }

    /** A case file last active at {@code lastActivity}, set in SQL as the application never backdates. */
    static CaseRecord lastActive(Services services, Tenant tenant, CaseRecord record, Instant lastActivity) {
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", lastActivity).bind("t", tenant.id()).bind("id", record.id()).execute());
        return record;
    }

    static Map<String, String> row(Services services, Tenant tenant, CaseRecord record) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM records WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.id()).bind("id", record.id()).mapToMap().one())
                .entrySet().stream().filter(entry -> !(entry.getValue() instanceof byte[])) // the id, an array
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }

    static List<String> actions(Services services, Tenant tenant, CaseRecord record) {
        return services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT action FROM audit_events WHERE tenant_id = :t AND target_id = :id ORDER BY occurred_at, id""")
                .bind("t", tenant.id()).bind("id", record.id().toString()).mapTo(String.class).list());
    }

    private static String details(CaseRecord record, String action) {
        return services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT details FROM audit_events WHERE tenant_id = :t AND target_id = :id AND action = :action""")
                .bind("t", tenant.id()).bind("id", record.id().toString()).bind("action", action)
                .mapTo(String.class).one());
    }

    @Test
    void an_archived_case_file_refuses_update_and_row_append_with_nothing_changed() {
        CaseRecord record = lastActive(services, tenant, create("Archivezyx"), threeYearsAgo());
        Map<String, String> before = row(services, tenant, record);
        List<String> auditBefore = actions(services, tenant, record);
        ObjectNode changed = TestRecords.validData("Changezyx");
        ObjectNode entry = services.mapper().createObjectNode().put("date", "2026-01-05").put("type", "appel")
                .put("resume", "Appel");

        assertThatThrownBy(() -> services.records().update(tenant.id(), record.id(), 1, changed, WORKER, Locale.FRENCH))
                .isInstanceOf(ArchivedRecordException.class)
                .satisfies(e -> {
                    assertThat(((DomainException) e).code()).isEqualTo("archived");
                    assertThat(((DomainException) e).status()).isEqualTo(409);
                });
        assertThatThrownBy(() -> services.records().appendRow(tenant.id(), record.id(), "suivis", entry, WORKER,
                Locale.FRENCH, true)).isInstanceOf(ArchivedRecordException.class);

        assertThat(row(services, tenant, record)).isEqualTo(before);
        assertThat(actions(services, tenant, record)).isEqualTo(auditBefore);
    }

    @Test
    void reactivation_needs_a_reason_makes_the_case_file_active_and_writable_and_is_audited() {
        CaseRecord record = lastActive(services, tenant, create("Revientzyx"), threeYearsAgo());
        Map<String, String> before = row(services, tenant, record);

        assertThatThrownBy(() -> services.archive().reactivate(tenant.id(), record.id(), "   ", ADMIN))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("reasonRequired");
        assertThat(row(services, tenant, record)).isEqualTo(before);
        Instant start = Instant.now().minusSeconds(1);

        services.archive().reactivate(tenant.id(), record.id(), "Retour de la personne après trois ans", ADMIN);

        RecordArchive.Standing standing = services.archive().standing(tenant.id(), record.id());
        assertThat(standing.phase()).isEqualTo(Phase.ACTIVE);
        assertThat(standing.lastActivity()).isAfter(start);
        assertThat(actions(services, tenant, record)).containsExactly("record.created", "record.reactivated");
        assertThat(details(record, "record.reactivated")).contains("Retour de la personne après trois ans", "ARCHIVED");
        // The same case file, not a new one: its data and version are as they were, and it saves again.
        assertThat(row(services, tenant, record)).containsEntry("lock_version", "1").containsEntry("data", before.get("data"));
        CaseRecord saved = services.records().update(tenant.id(), record.id(), 1, TestRecords.validData("Revientzyx"),
                WORKER, Locale.FRENCH);
        assertThat(saved.lockVersion()).isEqualTo(2);
        assertThatThrownBy(() -> services.archive().reactivate(tenant.id(), record.id(), "Encore", ADMIN))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("notArchived");
    }

    @Test
    void a_held_old_case_file_stays_active_and_writable_and_lifting_the_hold_archives_it() {
        CaseRecord held = lastActive(services, tenant, create("Gelezyx"), threeYearsAgo());
        CaseRecord writable = lastActive(services, tenant, create("Gelecritzyx"), threeYearsAgo());

        services.archive().placeHold(tenant.id(), held.id(), "Contentieux en cours", ADMIN);
        services.archive().placeHold(tenant.id(), writable.id(), "Demande du juge", ADMIN);

        RecordArchive.Standing standing = services.archive().standing(tenant.id(), held.id());
        assertThat(standing.phase()).isEqualTo(Phase.ACTIVE);
        assertThat(standing.hold()).get().extracting(Hold::reason, Hold::placedBy)
                .containsExactly("Contentieux en cours", "admin@test");
        assertThat(services.records().update(tenant.id(), writable.id(), 1, TestRecords.validData("Gelecritzyx"), WORKER,
                Locale.FRENCH).lockVersion()).isEqualTo(2);
        assertThatThrownBy(() -> services.archive().placeHold(tenant.id(), held.id(), "Deux fois", ADMIN))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("alreadyHeld");

        services.archive().liftHold(tenant.id(), held.id(), "Contentieux clos", ADMIN);

        assertThat(services.archive().standing(tenant.id(), held.id()).phase()).isEqualTo(Phase.ARCHIVED);
        assertThat(services.archive().standing(tenant.id(), held.id()).hold()).isEmpty();
        assertThatThrownBy(() -> services.records().update(tenant.id(), held.id(), 1, TestRecords.validData("Gelezyx"),
                WORKER, Locale.FRENCH)).isInstanceOf(ArchivedRecordException.class);
        assertThat(actions(services, tenant, held)).containsExactly("record.created", "record.hold.placed",
                "record.hold.lifted");
        assertThat(details(held, "record.hold.placed")).contains("Contentieux en cours");
        assertThat(details(held, "record.hold.lifted")).contains("Contentieux clos");
        assertThatThrownBy(() -> services.archive().liftHold(tenant.id(), held.id(), "Encore", ADMIN))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("notHeld");
    }

    @Test
    void opening_an_archived_case_file_is_audited_and_opening_an_active_one_is_not() {
        CaseRecord archived = lastActive(services, tenant, create("Ouvertzyx"), threeYearsAgo());
        CaseRecord active = create("Actifzyx");

        assertThat(services.archive().open(tenant.id(), archived.id(), WORKER).phase()).isEqualTo(Phase.ARCHIVED);
        assertThat(services.archive().open(tenant.id(), active.id(), WORKER).phase()).isEqualTo(Phase.ACTIVE);

        assertThat(actions(services, tenant, archived)).containsExactly("record.created", "record.archive.read");
        assertThat(actions(services, tenant, active)).containsExactly("record.created");
    }

    @Test
    void the_default_search_finds_active_and_held_case_files_and_the_archives_search_the_archived_ones() {
        Tenant searched = TestTenants.withBaseForm(services, "archive-search");
        CaseRecord active = services.records().create(searched.id(), FormService.CASE_FILE,
                TestRecords.validData("Cherchezyx"), WORKER, Locale.FRENCH);
        CaseRecord archived = lastActive(services, searched, services.records().create(searched.id(),
                FormService.CASE_FILE, TestRecords.validData("Cherchezyx"), WORKER, Locale.FRENCH), threeYearsAgo());
        CaseRecord held = lastActive(services, searched, services.records().create(searched.id(),
                FormService.CASE_FILE, TestRecords.validData("Cherchezyx"), WORKER, Locale.FRENCH), threeYearsAgo());
        services.archive().placeHold(searched.id(), held.id(), "Contentieux", ADMIN);
        RecordQuery query = RecordQuery.of(FormService.CASE_FILE, "cherchezyx", 1, 20);

        assertThat(services.records().search(searched.id(), query).items()).extracting(item -> item.id())
                .containsExactlyInAnyOrder(active.id(), held.id());
        assertThat(services.records().search(searched.id(), query.inArchives()).items()).extracting(item -> item.id())
                .containsExactly(archived.id());
        assertThat(services.records().search(searched.id(), query.withCappedCount().inArchives()).total()).isEqualTo(1);
    }

    @Test
    void on_a_clock_the_test_sets_a_case_file_leaves_the_active_years_at_midnight_on_1_january_in_paris() {
        CaseRecord record = lastActive(services, tenant, create("Horlogezyx"),
                Instant.parse("2024-12-31T22:59:59Z")); // 23:59:59 on 31 December 2024 in Paris
        RecordArchive before = new RecordArchive(services.jdbi(), new AuditLog(), services.mapper(),
                Clock.fixed(Instant.parse("2025-12-31T22:59:59Z"), Retention.ZONE));
        RecordArchive after = new RecordArchive(services.jdbi(), new AuditLog(), services.mapper(),
                Clock.fixed(Instant.parse("2025-12-31T23:00:00Z"), Retention.ZONE)); // midnight, 1 January 2026 in Paris

        assertThat(before.standing(tenant.id(), record.id()).phase()).isEqualTo(Phase.ACTIVE);
        assertThat(after.standing(tenant.id(), record.id()).phase()).isEqualTo(Phase.ARCHIVED);
        assertThat(after.standing(tenant.id(), record.id()).archivedOn()).hasToString("2026-01-01");
        assertThat(after.standing(tenant.id(), record.id()).deletedOn()).hasToString("2030-01-01");
    }
}
