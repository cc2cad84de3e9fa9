package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.history.ChangeEntry;
import org.dossier.history.FieldChange;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The history over HTTP: each way a person saves a case file (new-record page, whole edit, a
 * section, a follow-up entry, the merge page of a stale save, the API) keeps exactly the fields
 * it changed; the "Historique" page shows them under their labels, newest first, paged, with a
 * confidential field's values for the grant holder only (an audited read) and "modifié" for others.
 */
@Tag("integration")
class HistoryPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "Mesure de protection en cours";
    private static Services services;
    private static Tenant tenant;
    private static User granted;
    private static User notGranted;
    private static TestClient alice;
    private static TestClient bob;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "history-http");
        granted = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        notGranted = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        alice = TestClient.browser(granted);
        bob = TestClient.browser(notGranted);
    }

    private static CaseRecord stored(String lastName) {
        ObjectNode data = TestRecords.validData(lastName);
        data.putObject("logement_ressources").put("loyer", 500);
        data.putObject("notes_confidentielles").put("contenu", SECRET);
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static String url(RecordId id) {
        return "/t/" + tenant.slug() + "/records/" + id;
    }

    private static ChangeEntry newest(RecordId id) {
        return services.records().history().all(tenant.id(), id, true).get(0);
    }

    private static List<String> changedPointers(RecordId id) {
        return newest(id).changes().stream().map(FieldChange::pointer).toList();
    }

    private static List<Map.Entry<String, String>> edit(TestClient client, RecordId id, String suffix, String... pairs) {
        List<Map.Entry<String, String>> form = TestForms.asShown(client.get(url(id) + suffix).body());
        for (int i = 0; i < pairs.length; i += 2) {
            form = TestForms.with(form, pairs[i], pairs[i + 1]);
        }
        return form;
    }

    // ---- every save path ---------------------------------------------------------------------

    @Test
    void the_new_record_page_keeps_the_creation_by_its_author() {
        HttpResponse<String> created = alice.postForm("/t/" + tenant.slug() + "/records", TestRecords.validPost("Créée"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String location = created.headers().firstValue("Location").orElseThrow();
        RecordId id = RecordId.parse(location.replaceAll(".*/records/([^/?#]+).*", "$1")).orElseThrow();

        ChangeEntry creation = newest(id);
        assertThat(creation.creation()).isTrue();
        assertThat(creation.changedBy()).isEqualTo(granted.email());
        assertThat(changedPointers(id)).contains("/identite/nom", "/membres_foyer/0/prenom", "/logement_ressources/loyer")
                .doesNotContain("/identite/lieu_naissance");
    }

    @Test
    void the_whole_edit_keeps_exactly_the_changed_fields() {
        CaseRecord record = stored("Entier");

        HttpResponse<String> saved = alice.postForm(url(record.id()), edit(alice, record.id(), "/edit",
                "identite.prenom", "Hélèna", "logement_ressources.loyer", "610,5"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(changedPointers(record.id())).containsExactly("/identite/prenom", "/logement_ressources/loyer");
        assertThat(newest(record.id()).changes().get(1).after().orElseThrow().decimalValue())
                .isEqualByComparingTo("610.5");
    }

    @Test
    void a_section_save_keeps_exactly_its_changed_fields() {
        CaseRecord record = stored("Section");

        HttpResponse<String> saved = bob.postForm(url(record.id()) + "/sections/identite",
                edit(bob, record.id(), "/sections/identite", "identite.lieu_naissance", "Villeurbanne"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(changedPointers(record.id())).containsExactly("/identite/lieu_naissance");
        assertThat(newest(record.id()).changedBy()).isEqualTo(notGranted.email());
    }

    @Test
    void a_follow_up_entry_keeps_the_new_row_only() {
        CaseRecord record = stored("Suivi");

        HttpResponse<String> saved = bob.postForm(url(record.id()) + "/follow-up", List.of(Map.entry("date", "2025-05-01"),
                Map.entry("type", "appel"), Map.entry("intervenant", "Claire"), Map.entry("resume", "Relance")));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(changedPointers(record.id())).containsExactly("/suivis/0/date", "/suivis/0/type",
                "/suivis/0/intervenant", "/suivis/0/resume");
    }

    @Test
    void the_merge_of_a_stale_save_keeps_what_it_changed_over_the_save_in_between() {
        CaseRecord record = stored("Fusion");
        List<Map.Entry<String, String>> bobsForm = edit(bob, record.id(), "/edit", "identite.prenom", "Bobette",
                "logement_ressources.loyer", "600");
        assertThat(alice.postForm(url(record.id()), edit(alice, record.id(), "/edit", "identite.nom", "Fusion-Alice",
                "logement_ressources.loyer", "650")).statusCode()).isEqualTo(303);
        HttpResponse<String> conflict = bob.postForm(url(record.id()), bobsForm);
        assertThat(conflict.statusCode()).isEqualTo(409);

        HttpResponse<String> merged = bob.postForm(url(record.id()) + "/merge", TestForms.with(
                TestForms.asShown(conflict.body(), "form.conflict"), "choice:/logement_ressources/loyer", "mine"));

        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(303);
        assertThat(newest(record.id()).lockVersion()).isEqualTo(3);
        assertThat(changedPointers(record.id())).containsExactly("/identite/prenom", "/logement_ressources/loyer");
    }

    @Test
    void the_api_create_and_put_keep_their_changes_under_the_token_s_owner() throws Exception {
        User scripted = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        TestClient api = TestClient.api(services, scripted);
        String records = "/api/v1/tenants/" + tenant.slug() + "/records";
        ObjectNode body = JSON.createObjectNode().put("form", "dossier");
        body.set("data", TestRecords.validData("Api"));
        HttpResponse<String> created = api.postJson(records, body.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        RecordId id = RecordId.parse(TestClient.json(created).get("id").asText()).orElseThrow();
        ObjectNode changed = TestRecords.validData("Api");
        ((ObjectNode) changed.get("identite")).put("prenom", "Paul");
        ObjectNode update = JSON.createObjectNode().put("version", 1);
        update.set("data", changed);

        HttpResponse<String> put = api.putJson(records + "/" + id, update.toString());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(services.records().history().all(tenant.id(), id, true)).extracting(ChangeEntry::lockVersion)
                .containsExactly(2, 1);
        assertThat(changedPointers(id)).containsExactly("/identite/prenom");
        assertThat(newest(id).changedBy()).isEqualTo(scripted.email());
    }

    // ---- the page ----------------------------------------------------------------------------

    private static CaseRecord withConfidentialChange(String lastName) {
        CaseRecord record = stored(lastName);
        ObjectNode changed = record.data().deepCopy();
        ((ObjectNode) changed.get("identite")).put("prenom", "Odile");
        ((ObjectNode) changed.get("notes_confidentielles")).put("contenu", "Nouvelle mesure décidée");
        services.records().update(tenant.id(), record.id(), 1, changed, new Actor(granted.email(), "127.0.0.1"),
                Locale.FRENCH);
        return record;
    }

    private static Element rowOf(Document page, String version, String label) {
        return page.select("#history-" + version).first().parent().select("tbody tr").stream()
                .filter(row -> row.selectFirst("th").ownText().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void the_page_lists_the_saves_newest_first_under_their_labels() {
        CaseRecord record = withConfidentialChange("Libellés");

        HttpResponse<String> response = alice.get(url(record.id()) + "/history");

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select(".history-entry__title").eachAttr("id")).containsExactly("history-2", "history-1");
        Element firstName = rowOf(page, "2", "Identité › Prénom");
        assertThat(firstName.select("td").eachText()).containsExactly("Hélène", "Odile");
        assertThat(rowOf(page, "1", "Accompagnement › Statut de l'accompagnement").select("td").eachText())
                .containsExactly("En cours");
        assertThat(rowOf(page, "1", "Identité › Date de naissance").select("td").eachText())
                .containsExactly("29/02/1984");
        assertThat(page.select(".history-entry__title").first().text()).contains(granted.email());
        // And in English.
        Document english = Jsoup.parse(alice.get(url(record.id()) + "/history?lang=en").body());
        assertThat(rowOf(english, "2", "Identity › First name").select("td").eachText()).containsExactly("Hélène", "Odile");
    }

    @Test
    void rows_of_a_repeatable_group_are_named_by_their_number() {
        CaseRecord record = stored("Lignes");
        ObjectNode changed = record.data().deepCopy();
        changed.putArray("membres_foyer").addObject().put("nom", "Lignes").put("prenom", "Léo").put("lien", "enfant");
        services.records().update(tenant.id(), record.id(), 1, changed, Actor.system("test"), Locale.FRENCH);

        Document page = Jsoup.parse(alice.get(url(record.id()) + "/history").body());

        assertThat(rowOf(page, "2", "Composition du foyer › Ligne 1 › Lien avec l'usager").select("td").eachText())
                .containsExactly("(vide)", "Enfant");
    }

    @Test
    void a_confidential_change_shows_its_values_to_the_grant_holder_as_an_audited_read() {
        CaseRecord record = withConfidentialChange("Habilitée");
        int before = TestAudit.events(services, tenant.id().value(), "record.confidential.read", granted.email()).size();

        Document page = Jsoup.parse(alice.get(url(record.id()) + "/history").body());

        assertThat(rowOf(page, "2", "Notes confidentielles › Contenu").select("td").eachText())
                .containsExactly(SECRET, "Nouvelle mesure décidée");
        assertThat(TestAudit.events(services, tenant.id().value(), "record.confidential.read", granted.email()))
                .hasSize(before + 1);
    }

    @Test
    void a_confidential_change_shows_only_modifie_without_the_grant_and_is_not_a_read() {
        CaseRecord record = withConfidentialChange("Masquée");

        HttpResponse<String> response = bob.get(url(record.id()) + "/history");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(SECRET).doesNotContain("Nouvelle mesure décidée");
        Document page = Jsoup.parse(response.body());
        assertThat(rowOf(page, "2", "Notes confidentielles › Contenu").select("td").eachText())
                .containsExactly("modifié");
        assertThat(rowOf(page, "2", "Identité › Prénom").select("td").eachText()).containsExactly("Hélène", "Odile");
        assertThat(TestAudit.events(services, tenant.id().value(), "record.confidential.read", notGranted.email()))
                .isEmpty();
    }

    @Test
    void the_history_is_paged_twenty_saves_a_page() {
        CaseRecord record = stored("Pages");
        for (int version = 1; version <= 21; version++) {
            ObjectNode changed = services.records().get(tenant.id(), record.id()).data().deepCopy();
            ((ObjectNode) changed.get("logement_ressources")).put("loyer", 500 + version);
            services.records().update(tenant.id(), record.id(), version, changed, Actor.system("test"), Locale.FRENCH);
        }

        Document first = Jsoup.parse(alice.get(url(record.id()) + "/history").body());
        Document second = Jsoup.parse(alice.get(first.selectFirst("a[rel=next]").attr("href")).body());

        assertThat(first.select(".history-entry")).hasSize(20);
        assertThat(first.select(".history-entry__title").first().id()).isEqualTo("history-22");
        assertThat(second.select(".history-entry__title").eachAttr("id")).containsExactly("history-2", "history-1");
        assertThat(second.selectFirst("a[rel=prev]")).isNotNull();
    }

    @Test
    void the_case_file_page_links_to_its_history() {
        CaseRecord record = stored("Lien");

        Document page = Jsoup.parse(bob.get(url(record.id())).body());

        assertThat(page.select("a[href=" + url(record.id()) + "/history]")).hasSize(1);
        assertThat(page.select("a[href=" + url(record.id()) + "/access]")).as("not for a caseworker").isEmpty();
    }
}
