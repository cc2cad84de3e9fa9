package org.dossier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.keep.KeptPost;
import org.dossier.keep.KeptPostStore;
import org.dossier.offboarding.TableDump;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordDao;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Confidential values at rest: a scan of every column of every table finds none of them, while
 * the case file still reads them back; a sealed value moved to another case file or service does
 * not open; values stored in clear before V19 are sealed by the first start, once.
 */
@Tag("integration")
class ConfidentialAtRestTest {
    private static Services services;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
    }

    private static String marker(String what) {
        return what + "Zq" + ProcessHandle.current().pid() + "x" + System.nanoTime();
    }

    private static ObjectNode withNote(String lastName, String note) {
        ObjectNode data = TestRecords.validData(lastName);
        data.putObject("notes_confidentielles").put("contenu", note);
        return data;
    }

    private static String storedData(Tenant tenant, RecordId id) {
        return services.jdbi().withHandle(handle -> new RecordDao(handle).find(tenant.id(), id).orElseThrow().data());
    }

    @Test
    void a_dump_of_every_table_shows_no_confidential_value_and_the_case_file_reads_it_back() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "sealed");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        Actor actor = new Actor(caseworker.email(), "127.0.0.1");
        String created = marker("Creee");
        String updated = marker("Modifiee");
        String kept = marker("Gardee");

        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, withNote("Dumont", created),
                actor, Locale.FRENCH);
        assertThat(TableDump.whereFound(services, created)).isEmpty();
        services.records().update(tenant.id(), record.id(), 1, withNote("Dumont", updated), actor, Locale.FRENCH);
        services.keptPosts().keep("browser-" + kept, caseworker, tenant.id(),
                "/t/" + tenant.slug() + "/records/" + record.id() + "/edit", "/t/" + tenant.slug() + "/records/" + record.id(),
                Map.of("notes_confidentielles.contenu", List.of(kept)), actor);

        for (String value : List.of(created, updated, kept)) {
            assertThat(TableDump.whereFound(services, value)).as(value).isEmpty();
        }
        JsonNode read = services.records().read(tenant.id(), record.id(), actor, true).data();
        assertThat(read.at("/notes_confidentielles/contenu").asText()).isEqualTo(updated);
        String stored = storedData(tenant, record.id());
        assertThat(services.mapper().readTree(stored).at("/notes_confidentielles/contenu").asText())
                .startsWith(ConfidentialCipher.PREFIX);
        // What is not confidential stays in clear: the list and its search read it in SQL.
        assertThat(TableDump.whereFound(services, "Dumont")).contains("records.data (1)", "records.last_name (1)");
        KeptPost restored = services.keptPosts().take("browser-" + kept, caseworker, tenant.id(),
                "/t/" + tenant.slug() + "/records/" + record.id() + "/edit", actor).orElseThrow();
        assertThat(restored.first("notes_confidentielles.contenu")).isEqualTo(kept);
    }

    @Test
    void a_sealed_value_copied_to_another_case_file_or_service_does_not_open() {
        Tenant tenant = TestTenants.withBaseForm(services, "sealed-copy");
        Tenant other = TestTenants.withBaseForm(services, "sealed-other");
        Actor actor = Actor.system("test");
        CaseRecord source = services.records().create(tenant.id(), FormService.CASE_FILE, withNote("Source", marker("N")),
                actor, Locale.FRENCH);
        CaseRecord sameService = services.records().create(tenant.id(), FormService.CASE_FILE, withNote("Cible", "x"),
                actor, Locale.FRENCH);
        CaseRecord otherService = services.records().create(other.id(), FormService.CASE_FILE, withNote("Autre", "y"),
                actor, Locale.FRENCH);
        String sealed = storedData(tenant, source.id());
        for (var target : List.of(Map.entry(tenant, sameService.id()), Map.entry(other, otherService.id()))) {
            services.jdbi().useHandle(handle -> handle.createUpdate(
                            "UPDATE records SET data = :data WHERE tenant_id = :tenantId AND id = :id")
                    .bind("data", sealed).bind("tenantId", target.getKey().id()).bind("id", target.getValue()).execute());
            assertThatThrownBy(() -> services.records().get(target.getKey().id(), target.getValue()))
                    .isInstanceOf(SealedValueException.class);
        }
        assertThat(services.records().get(tenant.id(), source.id()).data().at("/identite/nom").asText()).isEqualTo("Source");
    }

    @Test
    void a_string_that_only_looks_sealed_is_read_back_as_typed() {
        Tenant tenant = TestTenants.withBaseForm(services, "sealed-lookalike");
        String lookalike = ConfidentialCipher.PREFIX + "pas-un-secret";
        ObjectNode data = withNote("Sosie", lookalike);
        ((ObjectNode) data.get("identite")).put("lieu_naissance", lookalike);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"),
                Locale.FRENCH);
        JsonNode read = services.records().get(tenant.id(), record.id()).data();
        assertThat(read.at("/identite/lieu_naissance").asText()).isEqualTo(lookalike);
        assertThat(read.at("/notes_confidentielles/contenu").asText()).isEqualTo(lookalike);
        assertThat(TableDump.whereFound(services, "pas-un-secret")).isEmpty();
    }

    @Test
    void values_stored_in_clear_before_are_sealed_by_the_first_start_once_without_touching_versions() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "sealed-legacy");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        Actor actor = new Actor(caseworker.email(), "127.0.0.1");
        String note = marker("Ancienne");
        String typed = marker("Tapee");
        RecordId id = RecordId.generate();
        Instant then = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(3600);
        services.jdbi().useHandle(handle -> new RecordDao(handle).insert(tenant.id(), id, FormService.CASE_FILE,
                services.forms().latest(tenant.id(), FormService.CASE_FILE).version(),
                withNote("Ancien", note).toString(), then, "before-v19"));
        String page = "/t/" + tenant.slug() + "/records/new";
        new KeptPostStore(services.jdbi(), services.mapper(), services.audit(), Clock.systemUTC())
                .keep("browser-" + typed, caseworker, tenant.id(), page, "/t/" + tenant.slug() + "/records",
                        Map.of("notes_confidentielles.contenu", List.of(typed)), actor);
        assertThat(TableDump.whereFound(services, note)).containsExactly("records.data (1)");
        assertThat(TableDump.whereFound(services, typed)).containsExactly("kept_posts.fields (1)");

        LegacySealing sealing = new LegacySealing(services.jdbi(), services.forms(), services.encryption(), services.mapper());
        LegacySealing.Sealed first = sealing.run();

        assertThat(first.caseFiles()).isGreaterThanOrEqualTo(1);
        assertThat(first.keptPosts()).isGreaterThanOrEqualTo(1);
        assertThat(TableDump.whereFound(services, note)).isEmpty();
        assertThat(TableDump.whereFound(services, typed)).isEmpty();
        CaseRecord read = services.records().get(tenant.id(), id);
        assertThat(read.data().at("/notes_confidentielles/contenu").asText()).isEqualTo(note);
        assertThat(read.lockVersion()).isEqualTo(1);
        assertThat(read.updatedAt()).isEqualTo(then);
        String afterFirst = storedData(tenant, id);

        sealing.run();
        assertThat(storedData(tenant, id)).isEqualTo(afterFirst);
        assertThat(services.keptPosts().take("browser-" + typed, caseworker, tenant.id(), page, actor).orElseThrow()
                .first("notes_confidentielles.contenu")).isEqualTo(typed);
    }
}
