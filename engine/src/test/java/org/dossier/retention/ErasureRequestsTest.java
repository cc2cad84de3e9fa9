package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.offboarding.TableDump;
import org.dossier.record.CaseRecord;
import org.dossier.record.NoSuchRecordException;
import org.dossier.record.RecordId;
import org.dossier.record.StaleRecordException;
import org.dossier.retention.Retention.Phase;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An erasure request (GDPR Art. 17) through the one deletion path: the case file goes, a
 * tombstone stays, the audit log keeps {@code record.erased} with the reason and no trace of the
 * person's name anywhere in the database; a held file and a stale version are refused with
 * nothing changed; an archived file can be erased.
 */
@Tag("integration")
class ErasureRequestsTest {
    private Services services;
    private Tenant tenant;
    private Actor dpo;
    private Actor worker;
    private ErasureRequests erasures;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "erase");
        dpo = new Actor(TestUsers.member(services, tenant, Role.DPO, false).email(), "127.0.0.1");
        worker = new Actor(TestUsers.member(services, tenant, Role.CASEWORKER, true).email(), "127.0.0.1");
        erasures = new ErasureRequests(services.jdbi(), services.audit(), services.mapper(), Clock.systemUTC());
    }

    private CaseRecord create(String lastName) {
        return services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName), worker,
                Locale.FRENCH);
    }

    @Test
    void an_erasure_leaves_a_tombstone_an_audited_reason_and_no_trace_of_the_name_in_any_table() {
        String name = "Oubliezyx" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        CaseRecord record = create(name);
        services.records().update(tenant.id(), record.id(), 1, TestRecords.validData(name + "-Martin"), worker,
                Locale.FRENCH);
        services.archive().placeHold(tenant.id(), record.id(), "Contentieux en cours", worker);
        services.archive().liftHold(tenant.id(), record.id(), "Contentieux clos", worker);
        // An edit of the file typed when the session had expired, kept for after the login (V12).
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO kept_posts (browser_key, user_id, tenant_id, page_path, post_path, fields, created_at,
                                                expires_at)
                        VALUES (:key, 1, :t, :path, :path, :fields, NOW(6), NOW(6) + INTERVAL 4 HOUR)
                        """).bind("key", new byte[32]).bind("t", tenant.id().value())
                .bind("path", "/t/" + tenant.slug() + "/records/" + record.id() + "/sections/identite")
                .bind("fields", "[[\"identite.nom\",\"" + name + "-Kept\"]]").execute());
        assertThat(TableDump.whereFound(services, name)).contains("kept_posts.fields (1)");

        erasures.erase(tenant.id(), record.id(), 2, "Demande d'effacement reçue le 3 mars, réf. 2026-14", dpo);

        assertThat(TableDump.whereFound(services, name)).isEmpty();
        String tombstone = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT CONCAT(form_key, ' ', run_id IS NULL, ' ', deleted_at IS NOT NULL) FROM case_file_tombstones
                         WHERE tenant_id = :t AND record_id = :id
                        """).bind("t", tenant.id().value()).bind("id", record.id().toBytes()).mapTo(String.class).one());
        assertThat(tombstone).isEqualTo("dossier 1 1");
        // The audit log keeps every event about the file, by id: who did what and when, never what it said.
        List<String> events = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT CONCAT(action, ' ', actor, ' ', COALESCE(JSON_VALUE(details, '$.reason'), ''))
                          FROM audit_events WHERE tenant_id = :t AND target_id = :id ORDER BY id
                        """).bind("t", tenant.id().value()).bind("id", record.id().toString()).mapTo(String.class).list());
        assertThat(events).containsExactly(
                "record.created " + worker.id() + " ",
                "record.updated " + worker.id() + " ",
                "record.hold.placed " + worker.id() + " Contentieux en cours",
                "record.hold.lifted " + worker.id() + " Contentieux clos",
                "record.erased " + dpo.id() + " Demande d'effacement reçue le 3 mars, réf. 2026-14");
    }

    @Test
    void a_held_case_file_is_refused_with_409_and_nothing_changes() {
        CaseRecord record = create("Gelezyx");
        services.archive().placeHold(tenant.id(), record.id(), "Demande du juge", worker);

        assertThatThrownBy(() -> erasures.erase(tenant.id(), record.id(), 1, "Demande de la personne", dpo))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> {
                    assertThat(((DomainException) e).code()).isEqualTo("held");
                    assertThat(((DomainException) e).status()).isEqualTo(409);
                });

        assertThat(services.records().get(tenant.id(), record.id()).lockVersion()).isEqualTo(1);
        assertThat(erasures.identify(tenant.id(), record.id()).held()).isTrue();
        assertThat(actions(record.id())).doesNotContain("record.erased");
        assertThat(tombstones(record.id())).isZero();
    }

    @Test
    void a_stale_version_or_a_missing_reason_is_refused_and_nothing_changes() {
        CaseRecord record = create("Perimezyx");
        services.records().update(tenant.id(), record.id(), 1, TestRecords.validData("Perimezyx-Deux"), worker,
                Locale.FRENCH);

        assertThatThrownBy(() -> erasures.erase(tenant.id(), record.id(), 1, "Demande de la personne", dpo))
                .isInstanceOf(StaleRecordException.class);
        assertThatThrownBy(() -> erasures.erase(tenant.id(), record.id(), 2, "   ", dpo))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).status()).isEqualTo(422));

        assertThat(services.records().get(tenant.id(), record.id()).data().at("/identite/nom").asText())
                .isEqualTo("Perimezyx-Deux");
        assertThat(actions(record.id())).doesNotContain("record.erased");
        assertThat(tombstones(record.id())).isZero();
    }

    @Test
    void an_archived_case_file_can_be_erased_and_a_gone_one_is_not_found() {
        CaseRecord record = create("Archivezyx");
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", Instant.now().minusSeconds(3L * 366 * 24 * 3600)).bind("t", tenant.id().value())
                .bind("id", record.id().toBytes()).execute());
        assertThat(erasures.identify(tenant.id(), record.id()).phase()).isEqualTo(Phase.ARCHIVED);

        erasures.erase(tenant.id(), record.id(), 1, "Demande de la personne", dpo);

        assertThat(tombstones(record.id())).isEqualTo(1);
        assertThatThrownBy(() -> erasures.erase(tenant.id(), record.id(), 1, "Encore", dpo))
                .isInstanceOf(NoSuchRecordException.class);
        assertThat(actions(record.id())).containsExactly("record.created", "record.erased");
    }

    private List<String> actions(RecordId id) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT action FROM audit_events WHERE tenant_id = :t AND target_id = :id ORDER BY id")
                .bind("t", tenant.id().value()).bind("id", id.toString()).mapTo(String.class).list());
    }

    private long tombstones(RecordId id) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM case_file_tombstones WHERE tenant_id = :t AND record_id = :id")
                .bind("t", tenant.id().value()).bind("id", id.toBytes()).mapTo(Long.class).one());
    }
}
