package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two people edit the same case file; the second to save gets the merge page (409): what only
 * the other changed is taken, what both changed is a choice between both values, saved as chosen,
 * and a value the second person may not see never shows.
 */
@Tag("integration")
class ConflictPagesTest {
    private static final String SECRET = "Secret-avant";
    private static final String NEW_SECRET = "Secret-après";
    private static Services services;
    private static Tenant tenant;
    private static TestClient alice;
    private static TestClient bob;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "conflict");
        User granted = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        User notGranted = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        alice = TestClient.browser(granted);
        bob = TestClient.browser(notGranted);
    }

    private static CaseRecord stored(String lastName) {
        ObjectNode data = TestRecords.validData(lastName);
        data.putObject("logement_ressources").put("loyer", 500);
        data.putObject("notes_confidentielles").put("contenu", SECRET);
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static String url(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }

    private static List<Map.Entry<String, String>> editForm(TestClient client, CaseRecord record) {
        HttpResponse<String> page = client.get(url(record) + "/edit");
        assertThat(page.statusCode()).isEqualTo(200);
        return TestForms.asShown(page.body());
    }

    private static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> fields, String... pairs) {
        List<Map.Entry<String, String>> changed = fields;
        for (int i = 0; i < pairs.length; i += 2) {
            changed = TestForms.with(changed, pairs[i], pairs[i + 1]);
        }
        return changed;
    }

    /** Alice saves her change first; Bob, who loaded the same version, then posts his: the merge page. */
    private static HttpResponse<String> staleSave(CaseRecord record, String[] alicesChange, String[] bobsChange) {
        List<Map.Entry<String, String>> bobsForm = editForm(bob, record);
        HttpResponse<String> first = alice.postForm(url(record), with(editForm(alice, record), alicesChange));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(303);
        return bob.postForm(url(record), with(bobsForm, bobsChange));
    }

    private static HttpResponse<String> choose(HttpResponse<String> conflict, String field, String side) {
        List<Map.Entry<String, String>> form = TestForms.with(TestForms.asShown(conflict.body(), "form.conflict"),
                "choice:" + field, side);
        return bob.postForm(Jsoup.parse(conflict.body()).selectFirst("form.conflict").attr("action"), form);
    }

    private static CaseRecord reread(CaseRecord record) {
        return services.records().get(tenant.id(), record.id());
    }

    @Test
    void the_merge_page_takes_their_other_change_and_shows_both_values_of_the_conflicting_field() {
        CaseRecord record = stored("Conflit");
        HttpResponse<String> conflict = staleSave(record,
                new String[] {"identite.nom", "Conflit-Alice", "logement_ressources.loyer", "650"},
                new String[] {"identite.prenom", "Bobette", "logement_ressources.loyer", "600"});

        assertThat(conflict.statusCode()).isEqualTo(409);
        Document page = Jsoup.parse(conflict.body());
        assertThat(page.select(".conflict__choice")).hasSize(1);
        assertThat(page.selectFirst(".conflict__choice legend").text()).isEqualTo("Loyer mensuel (€)");
        assertThat(page.selectFirst("label[for=choice-logement_ressources-loyer-mine]").text()).contains("600");
        assertThat(page.selectFirst("label[for=choice-logement_ressources-loyer-theirs]").text()).contains("650");
        assertThat(page.select(".conflict__list").eachText()).anySatisfy(list -> assertThat(list).contains("Nom"));
        assertThat(page.select(".conflict__list").eachText()).anySatisfy(list -> assertThat(list).contains("Prénom"));
        assertThat(reread(record).lockVersion()).as("nothing saved yet").isEqualTo(2);
    }

    @Test
    void choosing_theirs_saves_their_value_with_both_other_changes() {
        CaseRecord record = stored("Theirs");
        HttpResponse<String> conflict = staleSave(record,
                new String[] {"identite.nom", "Theirs-Alice", "logement_ressources.loyer", "650"},
                new String[] {"identite.prenom", "Bobette", "logement_ressources.loyer", "600"});

        HttpResponse<String> saved = choose(conflict, "/logement_ressources/loyer", "theirs");

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        CaseRecord after = reread(record);
        assertThat(after.lockVersion()).isEqualTo(3);
        assertThat(after.data().at("/logement_ressources/loyer").intValue()).isEqualTo(650);
        assertThat(after.data().at("/identite/nom").asText()).isEqualTo("Theirs-Alice");
        assertThat(after.data().at("/identite/prenom").asText()).isEqualTo("Bobette");
        assertThat(after.data().at("/notes_confidentielles/contenu").asText()).isEqualTo(SECRET);
    }

    @Test
    void choosing_mine_saves_my_value_with_both_other_changes() {
        CaseRecord record = stored("Mine");
        HttpResponse<String> conflict = staleSave(record,
                new String[] {"identite.nom", "Mine-Alice", "logement_ressources.loyer", "650"},
                new String[] {"identite.prenom", "Bobette", "logement_ressources.loyer", "600"});

        HttpResponse<String> saved = choose(conflict, "/logement_ressources/loyer", "mine");

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        CaseRecord after = reread(record);
        assertThat(after.data().at("/logement_ressources/loyer").intValue()).isEqualTo(600);
        assertThat(after.data().at("/identite/nom").asText()).isEqualTo("Mine-Alice");
        assertThat(after.data().at("/identite/prenom").asText()).isEqualTo("Bobette");
    }

    @Test
    void a_confidential_value_never_shows_to_a_member_without_the_grant_and_stays_as_saved() {
        CaseRecord record = stored("Secret");
        HttpResponse<String> conflict = staleSave(record,
                new String[] {"identite.nom", "Secret-Alice", "notes_confidentielles.contenu", NEW_SECRET},
                new String[] {"identite.nom", "Secret-Bob"});

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).doesNotContain(SECRET, NEW_SECRET, "Notes confidentielles")
                .contains("Secret-Alice", "Secret-Bob");
        HttpResponse<String> saved = choose(conflict, "/identite/nom", "mine");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        CaseRecord after = reread(record);
        assertThat(after.data().at("/identite/nom").asText()).isEqualTo("Secret-Bob");
        assertThat(after.data().at("/notes_confidentielles/contenu").asText()).isEqualTo(NEW_SECRET);
    }

    @Test
    void rows_added_by_each_are_all_kept() {
        CaseRecord record = stored("Rows");
        List<Map.Entry<String, String>> bobsForm = new ArrayList<>(editForm(bob, record));
        List<Map.Entry<String, String>> alicesForm = new ArrayList<>(editForm(alice, record));
        alicesForm.add(Map.entry("membres_foyer[0].nom", "Rows"));
        alicesForm.add(Map.entry("membres_foyer[0].prenom", "Alix"));
        alicesForm.add(Map.entry("membres_foyer[0].lien", "enfant"));
        assertThat(alice.postForm(url(record), alicesForm).statusCode()).isEqualTo(303);
        bobsForm.add(Map.entry("membres_foyer[0].nom", "Rows"));
        bobsForm.add(Map.entry("membres_foyer[0].prenom", "Basile"));
        bobsForm.add(Map.entry("membres_foyer[0].lien", "enfant"));

        HttpResponse<String> conflict = bob.postForm(url(record), bobsForm);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(conflict.body()).select(".conflict__choice")).isEmpty();
        HttpResponse<String> saved = bob.postForm(url(record) + "/merge",
                TestForms.asShown(conflict.body(), "form.conflict"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        List<String> names = new ArrayList<>();
        reread(record).data().get("membres_foyer").forEach(row -> names.add(row.get("prenom").asText()));
        assertThat(names).containsExactly("Alix", "Basile");
    }

    @Test
    void a_merge_page_answered_after_yet_another_save_is_shown_again_and_saves_nothing() {
        CaseRecord record = stored("Again");
        HttpResponse<String> conflict = staleSave(record,
                new String[] {"logement_ressources.loyer", "650"}, new String[] {"logement_ressources.loyer", "600"});
        assertThat(alice.postForm(url(record), with(editForm(alice, record), "logement_ressources.loyer", "700"))
                .statusCode()).isEqualTo(303);

        HttpResponse<String> again = choose(conflict, "/logement_ressources/loyer", "mine");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(again.body()).selectFirst("label[for=choice-logement_ressources-loyer-theirs]").text())
                .contains("700");
        assertThat(reread(record).data().at("/logement_ressources/loyer").intValue()).isEqualTo(700);
    }
}
