package org.dossier.web.keep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.dossier.testing.TestSessions;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Typing kept after a session expired on the pages that show part of a case file: a section's page
 * and the follow-up entry. Each comes back on its own page after login, filled in, once, never saved
 * by itself; a section at the version and section fingerprint it was typed on.
 */
@Tag("integration")
class KeptPartPostsTest {
    private static final String KEPT_COOKIE = "dossier_kept";
    private static final String RESTORED_NOTICE = "Vos saisies ont été conservées : vérifiez-les puis enregistrez.";
    private static Services services;
    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "kept-parts");
    }

    private static CaseRecord record(String lastName) {
        ObjectNode data = TestRecords.validData(lastName);
        data.putObject("notes_confidentielles").put("contenu", "Note-Parts");
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static String recordUrl(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }


    /** Types into the page at {@code path}, lets the session expire, posts: the browser's kept cookie. */
    private static String latePost(TestClient browser, String path, String... typed) {
        List<Map.Entry<String, String>> fields = TestForms.asShown(browser.get(path).body());
        for (int i = 0; i < typed.length; i += 2) {
            fields = TestForms.with(fields, typed[i], typed[i + 1]);
        }
        TestSessions.expire(services, browser);
        HttpResponse<String> late = browser.postForm(path, fields);
        assertThat(late.statusCode()).isEqualTo(303);
        assertThat(late.headers().firstValue("Location"))
                .hasValue("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&kept=1");
        String header = TestLogin.setCookie(late, KEPT_COOKIE).orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    private static String signInAgain(User user, String cookies, String next) {
        TestLogin.Form form = TestLogin.form("Cookie", cookies);
        HttpResponse<String> login = TestClient.anonymous().postForm("/login",
                List.of(Map.entry("_csrf", form.csrf()), Map.entry("email", user.email()),
                        Map.entry("password", TestUsers.PASSWORD), Map.entry("next", next)),
                "Cookie", form.cookie() + "; " + cookies);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        return TestLogin.SESSION_COOKIE + "=" + TestLogin.sessionId(login) + "; " + cookies;
    }

    private static HttpResponse<String> get(String path, String cookies) {
        return TestClient.anonymous().get(path, "Cookie", cookies);
    }

    private static String valueOf(String html, String name) {
        var control = Jsoup.parse(html).selectFirst("form[data-dossier-form] [name='" + name + "']");
        return control == null ? null : control.tagName().equals("textarea") ? control.wholeText() : control.attr("value");
    }

    @Test
    void a_section_posted_on_an_expired_session_comes_back_on_its_page_at_the_version_it_was_typed_on() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptsection");
        String section = recordUrl(record) + "/sections/identite";
        TestClient browser = TestClient.browser(caseworker);
        String typedShown = valueOf(browser.get(section).body(), "_shown");

        String cookies = signInAgain(caseworker, latePost(browser, section, "identite.prenom", "Tapee-Avant"), section);
        String restored = get(section, cookies).body();

        assertThat(restored).contains(RESTORED_NOTICE).contains("data-unsaved-restored");
        assertThat(valueOf(restored, "identite.prenom")).isEqualTo("Tapee-Avant");
        assertThat(valueOf(restored, "_version")).isEqualTo("1");
        assertThat(valueOf(restored, "_shown")).as("the section's fingerprint as typed on").isEqualTo(typedShown);
        assertThat(restored).as("only the section's controls").doesNotContain("name=\"contact.ville\"");
        assertThat(services.records().get(tenant.id(), record.id()).data().at("/identite/prenom").asText())
                .as("never saved by itself").isEqualTo("Hélène");
        assertThat(get(section, cookies).body()).as("once only").doesNotContain(RESTORED_NOTICE);

        HttpResponse<String> saved = TestClient.anonymous().postForm(section, TestForms.asShown(restored),
                "Cookie", cookies);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(services.records().get(tenant.id(), record.id()).data().at("/identite/prenom").asText())
                .isEqualTo("Tapee-Avant");
    }

    @Test
    void a_restored_section_saved_after_someone_else_saved_that_section_is_a_conflict_not_an_overwrite() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptstale");
        String section = recordUrl(record) + "/sections/identite";
        TestClient browser = TestClient.browser(caseworker);
        String kept = latePost(browser, section, "identite.lieu_naissance", "Tapee-Avant");
        TestClient colleague = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        assertThat(colleague.postForm(section, TestForms.with(TestForms.asShown(colleague.get(section).body()),
                "identite.lieu_naissance", "Entre-Temps")).statusCode()).isEqualTo(303);

        String cookies = signInAgain(caseworker, kept, section);
        String restored = get(section, cookies).body();
        HttpResponse<String> saved = TestClient.anonymous().postForm(section, TestForms.asShown(restored),
                "Cookie", cookies);

        assertThat(saved.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(saved.body()).select("form.conflict .conflict__choice")).hasSize(1);
        assertThat(services.records().get(tenant.id(), record.id()).data().at("/identite/lieu_naissance").asText())
                .isEqualTo("Entre-Temps");
    }

    @Test
    void a_follow_up_entry_posted_on_an_expired_session_comes_back_on_its_page_read_as_a_row() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        CaseRecord record = record("Keptfollow");
        String followUp = recordUrl(record) + "/follow-up";
        TestClient browser = TestClient.browser(caseworker);

        String cookies = signInAgain(caseworker, latePost(browser, followUp, "type", "visite_domicile",
                "resume", "Entretien-Tape-Avant"), followUp);
        String restored = get(followUp, cookies).body();

        assertThat(restored).contains(RESTORED_NOTICE).contains("data-unsaved-restored");
        assertThat(valueOf(restored, "resume")).isEqualTo("Entretien-Tape-Avant");
        assertThat(Jsoup.parse(restored).select("select[name=type] option[selected]").attr("value"))
                .isEqualTo("visite_domicile");
        assertThat(services.records().get(tenant.id(), record.id()).data().path("suivis").size())
                .as("never saved by itself").isZero();

        HttpResponse<String> saved = TestClient.anonymous().postForm(followUp, TestForms.asShown(restored),
                "Cookie", cookies);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(services.records().get(tenant.id(), record.id()).data().at("/suivis/0/resume").asText())
                .isEqualTo("Entretien-Tape-Avant");
    }

    @Test
    void a_merge_page_posted_on_an_expired_session_comes_back_with_its_choices_and_without_a_withdrawn_grants_values() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptmerge");
        TestClient browser = TestClient.browser(caseworker);
        List<Map.Entry<String, String>> edit = TestForms.with(TestForms.with(
                TestForms.asShown(browser.get(recordUrl(record) + "/edit").body()),
                "identite.lieu_naissance", "Tapee-Avant"), "notes_confidentielles.contenu", "Note-Tapee-Merge");
        ObjectNode theirs = record.data().deepCopy();
        ((ObjectNode) theirs.get("identite")).put("lieu_naissance", "Entre-Temps");
        services.records().update(tenant.id(), record.id(), 1, theirs, Actor.system("test"), Locale.FRENCH);
        HttpResponse<String> conflict = browser.postForm(recordUrl(record), edit);
        assertThat(conflict.statusCode()).isEqualTo(409);
        String merge = recordUrl(record) + "/merge";
        List<Map.Entry<String, String>> choices = TestForms.with(TestForms.asShown(conflict.body(), "form.conflict"),
                "choice:/identite/lieu_naissance", "theirs");
        TestSessions.expire(services, browser);
        HttpResponse<String> late = browser.postForm(merge, choices);
        assertThat(late.headers().firstValue("Location"))
                .hasValue("/login?next=" + URLEncoder.encode(merge, StandardCharsets.UTF_8) + "&kept=1");
        String header = TestLogin.setCookie(late, KEPT_COOKIE).orElseThrow();
        String kept = header.substring(0, header.indexOf(';'));
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE memberships SET confidential = FALSE WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenant.id().value()).bind("u", caseworker.id()).execute());
        String cookies = signInAgain(caseworker, kept, merge);
        HttpResponse<String> restored = get(merge, cookies);

        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.body()).contains(RESTORED_NOTICE).doesNotContain("Note-Tapee-Merge").doesNotContain("Note-Parts");
        assertThat(Jsoup.parse(restored.body()).select("#choice-identite-lieu_naissance-theirs").hasAttr("checked")).isTrue();
        assertThat(get(merge, cookies).headers().firstValue("Location")).as("once only").hasValue(recordUrl(record));

        HttpResponse<String> saved = TestClient.anonymous().postForm(merge,
                TestForms.asShown(restored.body(), "form.conflict"), "Cookie", cookies);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        CaseRecord after = services.records().get(tenant.id(), record.id());
        assertThat(after.data().at("/identite/lieu_naissance").asText()).isEqualTo("Entre-Temps");
        assertThat(after.data().at("/notes_confidentielles/contenu").asText()).isEqualTo("Note-Parts");
    }
}
