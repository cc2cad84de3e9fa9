package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
 * The erasure page over HTTP: a DPO, who does not read case files, sees only what identifies the
 * file and erases it with a reason; a held file is refused (409) with its message in French and
 * in English and nothing changed; so is a version that changed since the page was shown.
 */
@Tag("integration")
class ErasurePagesTest {
    private static Services services;
    private static Tenant tenant;
    private static User dpo;
    private static User admin;
    private static TestClient dpoBrowser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "erase-pages");
        dpo = TestUsers.member(services, tenant, Role.DPO, false);
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        dpoBrowser = TestClient.browser(dpo);
    }

    private static CaseRecord create(String lastName) {
        return services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName),
                Actor.system("test"), Locale.FRENCH);
    }

    private static String url(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }

    private static long stored(CaseRecord record) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM records WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.id()).bind("id", record.id()).mapTo(Long.class).one());
    }

    @Test
    void a_dpo_sees_only_what_identifies_the_file_and_erases_it_with_a_reason() {
        CaseRecord record = create("Identzyx");
        assertThat(dpoBrowser.get(url(record)).statusCode()).isEqualTo(403);

        HttpResponse<String> page = dpoBrowser.get(url(record) + "/erase");

        assertThat(page.statusCode()).isEqualTo(200);
        Document shown = Jsoup.parse(page.body());
        assertThat(shown.select("dl.summary-list dd").eachText())
                .containsSubsequence("Identzyx", "Hélène", "29/02/1984").contains("Actif");
        // Nothing else of the file: not its opening date, not its status.
        assertThat(page.body()).doesNotContain("14/03/2025", "2025-03-14", "en_cours", "En cours");
        assertThat(shown.selectFirst("#erase-reason-hint").text()).contains("N’écrivez ni le nom de la personne");
        List<Map.Entry<String, String>> form = TestForms.asShown(page.body(), "form[action$=/erase]");

        HttpResponse<String> erased = dpoBrowser.postForm(url(record) + "/erase",
                TestForms.with(form, "reason", "Demande reçue le 3 mars, réf. 2026-14"));

        assertThat(erased.statusCode()).isEqualTo(303);
        assertThat(erased.headers().firstValue("Location")).hasValue("/t/" + tenant.slug() + "/admin/lifecycle?erased=1");
        assertThat(stored(record)).isZero();
        assertThat(dpoBrowser.get("/t/" + tenant.slug() + "/admin/lifecycle?erased=1").body())
                .contains("Le dossier a été effacé");
        assertThat(dpoBrowser.get(url(record) + "/erase").statusCode()).isEqualTo(404);
    }

    @Test
    void a_held_file_is_refused_with_its_message_in_french_and_english_and_nothing_changes() {
        CaseRecord record = create("Gelpagezyx");
        services.archive().placeHold(tenant.id(), record.id(), "Demande du juge", new Actor(admin.email(), "127.0.0.1"));
        HttpResponse<String> page = dpoBrowser.get(url(record) + "/erase");
        assertThat(Jsoup.parse(page.body()).select("dl.summary-list").text()).contains("sous gel juridique");
        List<Map.Entry<String, String>> form = TestForms.with(TestForms.asShown(page.body(), "form[action$=/erase]"),
                "reason", "Demande de la personne");

        HttpResponse<String> french = dpoBrowser.postForm(url(record) + "/erase", form);
        HttpResponse<String> english = dpoBrowser.postForm(url(record) + "/erase?lang=en", form);

        assertThat(french.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(french.body()).select(".error-summary").text())
                .contains("Ce dossier est sous gel juridique", "Rien n'a été effacé");
        assertThat(english.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(english.body()).select(".error-summary").text())
                .contains("This case file is under a legal hold", "Nothing was erased");
        assertThat(stored(record)).isEqualTo(1);
        dpoBrowser.get(url(record) + "/erase?lang=fr");
    }

    @Test
    void a_version_changed_since_the_page_was_shown_is_refused_and_the_file_stays() {
        CaseRecord record = create("Versionzyx");
        List<Map.Entry<String, String>> form = TestForms.with(
                TestForms.asShown(dpoBrowser.get(url(record) + "/erase").body(), "form[action$=/erase]"),
                "reason", "Demande de la personne");
        services.records().update(tenant.id(), record.id(), 1, TestRecords.validData("Versionzyx-Deux"),
                Actor.system("test"), Locale.FRENCH);

        HttpResponse<String> stale = dpoBrowser.postForm(url(record) + "/erase", form);

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(stale.body()).select(".error-summary").text()).contains("rien n'a été effacé");
        // The page shown again carries the new version: confirming again erases.
        assertThat(Jsoup.parse(stale.body()).select("input[name=_version]").attr("value")).isEqualTo("2");
        assertThat(stored(record)).isEqualTo(1);
    }
}
