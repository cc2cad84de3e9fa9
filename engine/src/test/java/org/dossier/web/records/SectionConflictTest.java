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
 * A stale save on a section's page (someone saved that section in between) gets the field-by-field
 * merge page rather than "reload and redo", and the merge is saved through that section only: a
 * required gap elsewhere does not refuse it, and the rest of the case file stays as stored.
 * Also: the "à compléter" links of the summary open the section holding the field.
 */
@Tag("integration")
class SectionConflictTest {
    private static final String SECRET = "Note-Section-Conflit";
    private static Services services;
    private static Tenant tenant;
    private static TestClient alice;
    private static TestClient bob;
    private static CaseRecord conflicting;
    private static CaseRecord merged;
    private static CaseRecord linked;

    @BeforeAll
    static void setUp() throws Exception {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "section-conflict");
        alice = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        bob = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));
        conflicting = stored("Secconflit");
        merged = stored("Secmerge");
        linked = stored("Seclinks");
        // A required gap outside the identity section in every case file: a whole-form save is refused for it.
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, (ObjectNode) new ObjectMapper().readTree("""
                {"fields": {"contact.telephone": {"required": true}}}"""), Actor.system("test"));
        services.designer().publish(tenant.id(), FormService.CASE_FILE, Actor.system("test"));
    }

    private static CaseRecord stored(String lastName) {
        ObjectNode data = TestRecords.validData(lastName);
        data.putObject("contact").put("ville", "Lyon");
        data.putObject("notes_confidentielles").put("contenu", SECRET);
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static String url(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }

    private static CaseRecord reread(CaseRecord record) {
        return services.records().get(tenant.id(), record.id());
    }

    /** Alice and Bob open the identity section; Alice saves hers first, then Bob posts his: the answer. */
    private static HttpResponse<String> staleSectionSave(CaseRecord record, String[] alicesChange, String[] bobsChange) {
        String section = url(record) + "/sections/identite";
        List<Map.Entry<String, String>> bobsPage = TestForms.asShown(bob.get(section).body());
        HttpResponse<String> first = alice.postForm(section,
                with(TestForms.asShown(alice.get(section).body()), alicesChange));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(303);
        return bob.postForm(section, with(bobsPage, bobsChange));
    }

    private static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> fields, String... pairs) {
        List<Map.Entry<String, String>> changed = fields;
        for (int i = 0; i < pairs.length; i += 2) {
            changed = TestForms.with(changed, pairs[i], pairs[i + 1]);
        }
        return changed;
    }

    @Test
    void a_stale_section_save_shows_the_merge_page_with_only_the_sections_own_changes() {
        CaseRecord record = conflicting;
        HttpResponse<String> conflict = staleSectionSave(record,
                new String[] {"identite.prenom", "Alicette", "identite.lieu_naissance", "Bron"},
                new String[] {"identite.lieu_naissance", "Vénissieux"});

        assertThat(conflict.statusCode()).isEqualTo(409);
        Document page = Jsoup.parse(conflict.body());
        assertThat(page.select("form.conflict")).hasSize(1);
        assertThat(page.select(".conflict__choice")).hasSize(1);
        assertThat(page.selectFirst("label[for=choice-identite-lieu_naissance-mine]").text()).contains("Vénissieux");
        assertThat(page.selectFirst("label[for=choice-identite-lieu_naissance-theirs]").text()).contains("Bron");
        assertThat(page.select("form.conflict input[name=_section]").attr("value")).isEqualTo("identite");
        assertThat(conflict.body()).doesNotContain(SECRET);
        assertThat(reread(record).lockVersion()).as("nothing saved yet").isEqualTo(2);
    }

    @Test
    void the_merge_of_a_section_saves_that_section_only_even_with_a_required_gap_elsewhere() {
        CaseRecord record = merged;
        HttpResponse<String> conflict = staleSectionSave(record,
                new String[] {"identite.prenom", "Alicette", "identite.lieu_naissance", "Bron"},
                new String[] {"identite.lieu_naissance", "Vénissieux"});
        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);

        HttpResponse<String> saved = bob.postForm(Jsoup.parse(conflict.body()).selectFirst("form.conflict").attr("action"),
                TestForms.with(TestForms.asShown(conflict.body(), "form.conflict"), "choice:/identite/lieu_naissance",
                        "mine"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue(url(record) + "?saved=identite#section-identite");
        CaseRecord after = reread(record);
        assertThat(after.lockVersion()).isEqualTo(3);
        assertThat(after.data().at("/identite/lieu_naissance").asText()).isEqualTo("Vénissieux");
        assertThat(after.data().at("/identite/prenom").asText()).as("her other change").isEqualTo("Alicette");
        assertThat(after.data().at("/notes_confidentielles/contenu").asText()).isEqualTo(SECRET);
        assertThat(after.data().at("/contact/telephone").isMissingNode()).as("the gap elsewhere stays").isTrue();
    }

    @Test
    void the_to_complete_links_open_the_section_holding_the_field() {
        CaseRecord record = linked;

        Document summary = Jsoup.parse(alice.get(url(record)).body());

        assertThat(summary.select(".to-complete a").eachAttr("href"))
                .containsExactly(url(record) + "/sections/contact#f-contact-telephone");
        Document section = Jsoup.parse(alice.get(url(record) + "/sections/contact").body());
        assertThat(section.getElementById("f-contact-telephone")).as("the anchor is on the section's page").isNotNull();
    }
}
