package org.dossier.web.keep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.Secrets;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditEvent;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestSessions;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A case-file form posted after its session expired: kept for its person and browser, the
 * login page saying so, and the form shown again filled in, once, after they sign in; never
 * saved by itself, never shown to anyone else, without the confidential values of a grant
 * withdrawn meanwhile, and gone after its lifetime.
 */
@Tag("integration")
class KeptPostsTest {
    private static final String KEPT_COOKIE = "dossier_kept";
    private static final String RESTORED_NOTICE = "Vos saisies ont été conservées : vérifiez-les puis enregistrez.";
    private static final String LOGIN_NOTICE = "vos saisies ont été conservées. Connectez-vous pour les retrouver";
    private static final String LOST_NOTICE = "n’a pas pu être conservé";
    private static final String NOTE = "Suivi psychiatrique depuis 2019";
    private static Services services;
    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "kept");
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static CaseRecord record(String lastName) {
        ObjectNode data = TestRecords.validData(lastName);
        data.putObject("notes_confidentielles").put("contenu", NOTE);
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static String recordUrl(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }


    /** {@code fields} with {@code name}'s value replaced, or added when the form had none. */
    private static List<Map.Entry<String, String>> typed(List<Map.Entry<String, String>> fields, String name, String value) {
        List<Map.Entry<String, String>> changed = new ArrayList<>(TestForms.with(fields, name, value));
        if (changed.stream().noneMatch(field -> field.getKey().equals(name))) {
            changed.add(Map.entry(name, value));
        }
        return changed;
    }

    /** The cookie pair ({@code dossier_kept=...}) a keeping answer set. */
    private static String keptCookie(HttpResponse<String> answer) {
        String header = TestLogin.setCookie(answer, KEPT_COOKIE).orElseThrow(() ->
                new AssertionError("no kept cookie in " + answer.headers().allValues("Set-Cookie")));
        return header.substring(0, header.indexOf(';'));
    }

    /**
     * Signs {@code user} in on the browser holding {@code cookies} through the login page, sent
     * back to {@code next}; returns that browser's cookies with the new session's.
     */
    private static String signInAgain(User user, String cookies, String next) {
        TestLogin.Form form = TestLogin.form("Cookie", cookies);
        HttpResponse<String> login = TestClient.anonymous().postForm("/login",
                List.of(Map.entry("_csrf", form.csrf()), Map.entry("email", user.email()),
                        Map.entry("password", TestUsers.PASSWORD), Map.entry("next", next)),
                "Cookie", form.cookie() + "; " + cookies);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue(next);
        return TestLogin.SESSION_COOKIE + "=" + TestLogin.sessionId(login) + "; " + cookies;
    }

    private static HttpResponse<String> get(String path, String cookies) {
        return TestClient.anonymous().get(path, "Cookie", cookies);
    }

    private static String valueOf(String html, String name) {
        Document page = Jsoup.parse(html);
        var control = page.selectFirst("form[data-dossier-form] [name='" + name + "']");
        return control == null ? null : control.tagName().equals("textarea") ? control.wholeText() : control.attr("value");
    }

    private static long keptRows(User user) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM kept_posts WHERE user_id = :u")
                .bind("u", user.id()).mapTo(Long.class).one());
    }

    /** An edit typed on an expired session and posted: the answer, and the edit page's URL. */
    private record LateEdit(HttpResponse<String> answer, String editUrl) {}

    private static LateEdit lateEdit(TestClient browser, CaseRecord record, String name, String value) {
        String editUrl = recordUrl(record) + "/edit";
        List<Map.Entry<String, String>> fields = typed(TestForms.asShown(browser.get(editUrl).body()), name, value);
        TestSessions.expire(services, browser);
        return new LateEdit(browser.postForm(recordUrl(record), fields), editUrl);
    }

    // ---- tests -------------------------------------------------------------------------------

    @Test
    void an_edit_posted_on_an_expired_session_is_kept_then_shown_again_filled_in_after_login_and_not_saved() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptedit");
        TestClient browser = TestClient.browser(caseworker);

        LateEdit late = lateEdit(browser, record, "identite.nom", "Saisie-longue-Kept");

        assertThat(late.answer().statusCode()).isEqualTo(303);
        assertThat(late.answer().headers().firstValue("Location"))
                .hasValue("/login?next=" + URLEncoder.encode(late.editUrl(), StandardCharsets.UTF_8) + "&kept=1");
        assertThat(TestLogin.clearedCookie(late.answer(), TestLogin.SESSION_COOKIE)).as("the dead session's cookie").isPresent();
        String kept = keptCookie(late.answer());
        assertThat(TestLogin.setCookie(late.answer(), KEPT_COOKIE).orElseThrow()).contains("HttpOnly").contains("SameSite=Lax");

        HttpResponse<String> loginPage = get(late.answer().headers().firstValue("Location").orElseThrow(), kept);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains(LOGIN_NOTICE);

        TestLogin.Form form = TestLogin.form("Cookie", kept);
        List<Map.Entry<String, String>> loginFields = new ArrayList<>();
        Jsoup.parse(loginPage.body()).select("form[action='/login'] input[type=hidden]").forEach(hidden ->
                loginFields.add(Map.entry(hidden.attr("name"), hidden.attr("name").equals("_csrf") ? form.csrf() : hidden.attr("value"))));
        loginFields.add(Map.entry("email", caseworker.email()));
        loginFields.add(Map.entry("password", "not the password"));
        HttpResponse<String> mistyped = TestClient.anonymous().postForm("/login", loginFields,
                "Cookie", form.cookie() + "; " + kept);
        assertThat(mistyped.statusCode()).isEqualTo(401);
        assertThat(mistyped.body()).as("a mistyped password keeps the notice").contains(LOGIN_NOTICE);

        String cookies = signInAgain(caseworker, kept, late.editUrl());
        HttpResponse<String> restored = get(late.editUrl(), cookies);

        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.body()).contains(RESTORED_NOTICE).contains("data-unsaved-restored");
        assertThat(valueOf(restored.body(), "identite.nom")).isEqualTo("Saisie-longue-Kept");
        assertThat(valueOf(restored.body(), "_version")).as("the version it was typed on").isEqualTo("1");
        assertThat(services.records().get(tenant.id(), record.id()).data().at("/identite/nom").asText())
                .as("never saved by itself").isEqualTo("Keptedit");

        List<AuditEvent> keptEvents = TestAudit.events(services, tenant.id().value(), "post.kept", caseworker.email());
        List<AuditEvent> restoredEvents = TestAudit.events(services, tenant.id().value(), "post.restored", caseworker.email());
        assertThat(keptEvents).hasSize(1);
        assertThat(restoredEvents).hasSize(1);
        assertThat(keptEvents.get(0).targetId()).isEqualTo("/records/" + record.id() + "/edit");
        assertThat(TestAudit.details(keptEvents.get(0))).containsEntry("page", late.editUrl())
                .containsEntry("post", recordUrl(record)).containsKey("fields");
        assertThat(keptEvents.get(0).details() + restoredEvents.get(0).details()).doesNotContain("Saisie-longue-Kept");
    }

    @Test
    void the_restored_form_saves_like_any_other_post() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptsave");
        TestClient browser = TestClient.browser(caseworker);
        LateEdit late = lateEdit(browser, record, "identite.nom", "Enfin-Enregistre");
        String cookies = signInAgain(caseworker, keptCookie(late.answer()), late.editUrl());
        String restored = get(late.editUrl(), cookies).body();

        HttpResponse<String> saved = TestClient.anonymous().postForm(recordUrl(record), TestForms.asShown(restored),
                "Cookie", cookies);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        CaseRecord stored = services.records().get(tenant.id(), record.id());
        assertThat(stored.data().at("/identite/nom").asText()).isEqualTo("Enfin-Enregistre");
        assertThat(stored.data().at("/notes_confidentielles/contenu").asText()).isEqualTo(NOTE);
        // Its history holds the one field typed before the session expired, under the member who typed it.
        var kept = services.records().history().all(tenant.id(), record.id(), true).get(0);
        assertThat(kept.changes()).extracting(org.dossier.history.FieldChange::pointer).containsExactly("/identite/nom");
        assertThat(kept.changedBy()).isEqualTo(caseworker.email());
    }

    @Test
    void a_new_case_file_posted_on_an_expired_session_comes_back_on_the_new_page() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        TestClient browser = TestClient.browser(caseworker);
        TestSessions.expire(services, browser);
        long before = TestRecords.storedCount(services, tenant);

        HttpResponse<String> late = browser.postForm("/t/" + tenant.slug() + "/records", TestRecords.validPost("Nouveaukept"));

        String newUrl = "/t/" + tenant.slug() + "/records/new";
        assertThat(late.headers().firstValue("Location"))
                .hasValue("/login?next=" + URLEncoder.encode(newUrl, StandardCharsets.UTF_8) + "&kept=1");
        String restored = get(newUrl, signInAgain(caseworker, keptCookie(late), newUrl)).body();
        assertThat(restored).contains(RESTORED_NOTICE);
        assertThat(valueOf(restored, "identite.nom")).isEqualTo("Nouveaukept");
        assertThat(valueOf(restored, "membres_foyer[0].prenom")).isEqualTo("Léo");
        assertThat(TestRecords.storedCount(services, tenant)).as("nothing created by itself").isEqualTo(before);
    }

    @Test
    void typing_is_restored_once_only() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptonce");
        LateEdit late = lateEdit(TestClient.browser(caseworker), record, "identite.nom", "Une-Seule-Fois");
        String cookies = signInAgain(caseworker, keptCookie(late.answer()), late.editUrl());

        assertThat(valueOf(get(late.editUrl(), cookies).body(), "identite.nom")).isEqualTo("Une-Seule-Fois");
        HttpResponse<String> again = get(late.editUrl(), cookies);

        assertThat(again.body()).doesNotContain(RESTORED_NOTICE).doesNotContain("data-unsaved-restored");
        assertThat(valueOf(again.body(), "identite.nom")).isEqualTo("Keptonce");
        assertThat(keptRows(caseworker)).isZero();
    }

    @Test
    void someone_else_signing_in_on_the_same_browser_gets_nothing() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        User colleague = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptother");
        LateEdit late = lateEdit(TestClient.browser(caseworker), record, "identite.nom", "Pas-Pour-Vous");
        String kept = keptCookie(late.answer());

        HttpResponse<String> colleaguePage = get(late.editUrl(), signInAgain(colleague, kept, late.editUrl()));

        assertThat(colleaguePage.statusCode()).isEqualTo(200);
        assertThat(colleaguePage.body()).doesNotContain("Pas-Pour-Vous").doesNotContain(RESTORED_NOTICE);
        assertThat(valueOf(colleaguePage.body(), "identite.nom")).isEqualTo("Keptother");
        assertThat(get(late.editUrl(), signInAgain(caseworker, kept, late.editUrl())).body())
                .as("still there for its own person").contains("Pas-Pour-Vous");
    }

    @Test
    void the_same_person_on_another_browser_gets_nothing() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptbrowser");
        LateEdit late = lateEdit(TestClient.browser(caseworker), record, "identite.nom", "Autre-Navigateur");
        keptCookie(late.answer());

        String elsewhere = TestClient.browser(caseworker).get(late.editUrl()).body();

        assertThat(elsewhere).doesNotContain("Autre-Navigateur").doesNotContain(RESTORED_NOTICE);
    }

    @Test
    void confidential_values_are_left_out_when_the_grant_was_withdrawn_meanwhile() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptconf");
        TestClient browser = TestClient.browser(caseworker);
        String editUrl = recordUrl(record) + "/edit";
        List<Map.Entry<String, String>> fields = typed(typed(TestForms.asShown(browser.get(editUrl).body()),
                "notes_confidentielles.contenu", "Note-Secrete-Tapee"), "identite.nom", "Visible-Tapee");
        TestSessions.expire(services, browser);
        HttpResponse<String> late = browser.postForm(recordUrl(record), fields);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE memberships SET confidential = FALSE WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenant.id().value()).bind("u", caseworker.id()).execute());

        String restored = get(editUrl, signInAgain(caseworker, keptCookie(late), editUrl)).body();

        assertThat(restored).contains(RESTORED_NOTICE);
        assertThat(valueOf(restored, "identite.nom")).isEqualTo("Visible-Tapee");
        assertThat(restored).doesNotContain("Note-Secrete-Tapee").doesNotContain(NOTE);
    }

    @Test
    void confidential_values_are_restored_to_a_person_who_still_holds_the_grant() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptconfok");
        LateEdit late = lateEdit(TestClient.browser(caseworker), record, "notes_confidentielles.contenu", "Note-Gardee");

        String restored = get(late.editUrl(), signInAgain(caseworker, keptCookie(late.answer()), late.editUrl())).body();

        assertThat(valueOf(restored, "notes_confidentielles.contenu")).isEqualTo("Note-Gardee");
    }

    @Test
    void kept_typing_expires() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptexpired");
        LateEdit late = lateEdit(TestClient.browser(caseworker), record, "identite.nom", "Trop-Tard-Kept");
        String kept = keptCookie(late.answer());
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE kept_posts SET expires_at = :past WHERE user_id = :u")
                .bind("past", Instant.now().minusSeconds(1)).bind("u", caseworker.id()).execute());

        assertThat(get(late.answer().headers().firstValue("Location").orElseThrow(), kept).body())
                .doesNotContain(LOGIN_NOTICE).contains(LOST_NOTICE);
        String page = get(late.editUrl(), signInAgain(caseworker, kept, late.editUrl())).body();

        assertThat(page).doesNotContain("Trop-Tard-Kept").doesNotContain(RESTORED_NOTICE);
        // The next keep purges what has expired.
        lateEdit(TestClient.browser(caseworker), record, "identite.nom", "Plus-Tard");
        assertThat(keptRows(caseworker)).isEqualTo(1);
    }

    @Test
    void a_post_without_the_expired_sessions_csrf_token_is_not_kept_and_the_login_page_says_so() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptforged");
        TestClient browser = TestClient.browser(caseworker);
        List<Map.Entry<String, String>> fields = typed(TestForms.asShown(browser.get(recordUrl(record) + "/edit").body()),
                "_csrf", "not-the-sessions-token");
        TestSessions.expire(services, browser);

        HttpResponse<String> late = browser.postForm(recordUrl(record), typed(fields, "identite.nom", "Forge"));

        assertThat(late.statusCode()).isEqualTo(303);
        assertThat(late.headers().firstValue("Location").orElseThrow()).endsWith("&lost=1");
        assertThat(TestLogin.setCookie(late, KEPT_COOKIE)).isEmpty();
        assertThat(keptRows(caseworker)).isZero();
        assertThat(get(late.headers().firstValue("Location").orElseThrow(), "").body()).contains(LOST_NOTICE);
    }

    @Test
    void a_post_after_logging_out_is_not_kept() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        CaseRecord record = record("Keptlogout");
        TestClient browser = TestClient.browser(caseworker);
        List<Map.Entry<String, String>> fields = TestForms.asShown(browser.get(recordUrl(record) + "/edit").body());
        assertThat(browser.postForm("/logout", List.of()).statusCode()).isEqualTo(303);

        HttpResponse<String> late = browser.postForm(recordUrl(record), fields);

        assertThat(late.headers().firstValue("Location").orElseThrow()).endsWith("&lost=1");
        assertThat(keptRows(caseworker)).isZero();
    }

    @Test
    void the_login_page_does_not_claim_typing_is_kept_on_the_query_string_alone() {
        HttpResponse<String> page = get("/login?next=%2F&kept=1", KEPT_COOKIE + "=" + Secrets.token(32));

        assertThat(page.body()).doesNotContain(LOGIN_NOTICE).contains(LOST_NOTICE);
    }
}
