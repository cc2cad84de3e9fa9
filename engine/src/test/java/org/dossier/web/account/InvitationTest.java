package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Membership;
import org.dossier.account.MembershipDao;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditEvent;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A service admin adding someone invites them: the person accepts or declines after signing in,
 * and until they accept the membership opens nothing. The admin learns nothing of the account
 * from another service: not whether it exists, nor its name.
 */
@Tag("integration")
class InvitationTest {
    private static final Pattern ONE_TIME = Pattern.compile("id=\"one-time-password\">([A-Za-z0-9]+)<");
    private static final Pattern SUCCESS = Pattern.compile("<div class=\"alert alert-success\" role=\"status\">.*?</div>",
            Pattern.DOTALL);
    private static Services services;
    private static Tenant inviting;
    private static Tenant elsewhere;
    private static User admin;
    private static TestClient adminBrowser;
    private static String users;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        inviting = TestTenants.withBaseForm(services, "invite");
        elsewhere = TestTenants.withBaseForm(services, "invite-ailleurs");
        admin = TestUsers.member(services, inviting, Role.ADMIN, true);
        adminBrowser = TestClient.browser(admin);
        users = "/t/" + inviting.slug() + "/admin/users";
        services.records().create(inviting.id(), FormService.CASE_FILE, TestRecords.validData("Invitationzyx"),
                Actor.system("test"), Locale.FRENCH);
    }

    /** A caseworker of the other service, under a name only that service knows. */
    private static User memberElsewhere(String name) {
        User user = TestUsers.member(services, elsewhere, Role.CASEWORKER, true);
        services.jdbi().useHandle(handle -> handle.createUpdate("UPDATE users SET display_name = :name WHERE id = :id")
                .bind("name", name).bind("id", user.id()).execute());
        return user;
    }

    private static HttpResponse<String> invite(String email, String role, boolean confidential) {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(Map.entry("email", email),
                Map.entry("name", "Nom saisi par l'admin"), Map.entry("role", role)));
        if (confidential) {
            fields.add(Map.entry("confidential", "on"));
        }
        return adminBrowser.postForm(users, fields);
    }

    private static Optional<Membership> membership(User user) {
        return services.jdbi().withHandle(handle -> new MembershipDao(handle).find(inviting.id(), user.id()));
    }

    private static List<AuditEvent> events(String action, String actor, User target) {
        return TestAudit.events(services, inviting.id().value(), action, actor).stream()
                .filter(event -> event.targetId().equals(Long.toString(target.id()))).toList();
    }

    /** The pages and API calls of the inviting service, which must stay closed to the person. */
    private static void assertNoAccess(TestClient browser, TestClient script) {
        String slug = inviting.slug();
        for (String page : List.of("/t/" + slug + "/records", "/t/" + slug + "/records/new", "/t/" + slug + "/admin/users",
                "/t/" + slug + "/admin/audit")) {
            HttpResponse<String> answer = browser.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(404);
            assertThat(answer.body()).as(page).doesNotContain("Invitationzyx");
        }
        HttpResponse<String> search = script.get("/api/v1/tenants/" + slug + "/records");
        assertThat(search.statusCode()).isEqualTo(404);
        assertThat(search.body()).doesNotContain("Invitationzyx");
        assertThat(script.postJson("/api/v1/tenants/" + slug + "/records",
                "{\"form\":\"dossier\",\"data\":" + TestRecords.validData("Intrusion") + "}").statusCode()).isEqualTo(404);
    }

    @Test
    void an_existing_account_invited_has_no_access_until_it_accepts_and_its_name_elsewhere_never_shows() {
        User person = memberElsewhere("Camille Ailleurszyx");
        TestClient browser = TestClient.browser(person);
        TestClient script = TestClient.api(services, person);

        HttpResponse<String> invited = invite(person.email(), "caseworker", true);

        assertThat(invited.statusCode()).isEqualTo(201);
        assertThat(invited.body()).doesNotContain("Camille Ailleurszyx").contains("Invitation en attente");
        assertThat(adminBrowser.get(users).body()).doesNotContain("Camille Ailleurszyx").contains(person.email());
        assertThat(adminBrowser.get(users + "/" + person.id()).statusCode()).as("no page showing the name").isEqualTo(404);
        assertThat(membership(person).orElseThrow()).extracting(Membership::active, Membership::pending)
                .containsExactly(false, true);
        assertNoAccess(browser, script);

        // The person sees the invitation, on the home page as on the account page, and accepts it.
        for (String page : List.of("/", "/account")) {
            assertThat(browser.get(page).body()).as(page).contains(inviting.name())
                    .contains("action=\"/account/invitations/" + inviting.slug() + "/accept\"");
        }
        HttpResponse<String> accepted = browser.postForm("/account/invitations/" + inviting.slug() + "/accept", List.of());
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/account?accepted=1");

        assertThat(browser.get("/t/" + inviting.slug() + "/records").body()).contains("Invitationzyx");
        assertThat(script.get("/api/v1/tenants/" + inviting.slug() + "/records").statusCode()).isEqualTo(200);
        assertThat(membership(person).orElseThrow()).extracting(Membership::role, Membership::confidential,
                Membership::active, Membership::pending).containsExactly(Role.CASEWORKER, true, true, false);
        assertThat(events("membership.invited", admin.email(), person)).hasSize(1);
        assertThat(events("membership.accepted", person.email(), person)).singleElement()
                .satisfies(event -> assertThat(event.clientAddress()).isEqualTo("127.0.0.1"));
        // Once a member by their own choice, the person appears under their name.
        assertThat(adminBrowser.get(users).body()).contains("Camille Ailleurszyx");
    }

    @Test
    void the_admin_reads_the_same_answer_whether_or_not_the_email_has_an_account() {
        User known = memberElsewhere("Dominique Connuezyx");
        String unknown = "inconnue-" + System.nanoTime() + "@test.example";

        HttpResponse<String> toKnown = invite(known.email(), "viewer", false);
        HttpResponse<String> toUnknown = invite(unknown, "viewer", false);

        assertThat(toKnown.statusCode()).isEqualTo(toUnknown.statusCode()).isEqualTo(201);
        assertThat(blank(success(toKnown), known.email())).isEqualTo(blank(success(toUnknown), unknown));
        assertThat(blank(row(adminBrowser.get(users), known.email()), known.email()))
                .isEqualTo(blank(row(adminBrowser.get(users), unknown), unknown));
        assertThat(TestAudit.details(events("membership.invited", admin.email(), known).get(0)).keySet())
                .isEqualTo(TestAudit.details(events("membership.invited", admin.email(),
                        services.accounts().findByEmail(unknown).orElseThrow()).get(0)).keySet());
        // A name is required in both cases, so that a refusal does not tell them apart either.
        HttpResponse<String> nameless = adminBrowser.postForm(users, List.of(Map.entry("email", "autre-" + known.email()),
                Map.entry("name", " "), Map.entry("role", "viewer")));
        User another = memberElsewhere("Sans Nomzyx");
        HttpResponse<String> namelessKnown = adminBrowser.postForm(users, List.of(Map.entry("email", another.email()),
                Map.entry("name", " "), Map.entry("role", "viewer")));
        assertThat(nameless.statusCode()).isEqualTo(namelessKnown.statusCode()).isEqualTo(422);
        assertThat(membership(another)).isEmpty();
    }

    private static String success(HttpResponse<String> page) {
        Matcher block = SUCCESS.matcher(page.body());
        assertThat(block.find()).as(page.body()).isTrue();
        return block.group();
    }

    private static String row(HttpResponse<String> page, String email) {
        Matcher row = Pattern.compile("<tr[^>]*>(?:(?!</tr>).)*" + Pattern.quote(email) + ".*?</tr>", Pattern.DOTALL)
                .matcher(page.body());
        assertThat(row.find()).as(email).isTrue();
        return row.group();
    }

    private static String blank(String html, String email) {
        return ONE_TIME.matcher(html.replace(email, "EMAIL")).replaceAll("id=\"one-time-password\">PASSWORD<")
                .replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "").replaceAll("/admin/users/\\d+/", "/admin/users/ID/");
    }

    @Test
    void a_declined_or_withdrawn_invitation_gives_no_access_and_cannot_be_accepted_afterwards() {
        User declining = memberElsewhere("Refusezyx");
        TestClient decliningBrowser = TestClient.browser(declining);
        invite(declining.email(), "admin", true);

        HttpResponse<String> declined = decliningBrowser.postForm("/account/invitations/" + inviting.slug() + "/decline",
                List.of());

        assertThat(declined.statusCode()).isEqualTo(303);
        assertThat(membership(declining)).isEmpty();
        assertThat(events("membership.declined", declining.email(), declining)).singleElement()
                .satisfies(event -> assertThat(event.clientAddress()).as("no address given to that service").isNull());
        assertThat(decliningBrowser.postForm("/account/invitations/" + inviting.slug() + "/accept", List.of())
                .statusCode()).isEqualTo(404);
        assertNoAccess(decliningBrowser, TestClient.api(services, declining));

        User withdrawn = memberElsewhere("Retirezyx");
        TestClient withdrawnBrowser = TestClient.browser(withdrawn);
        invite(withdrawn.email(), "admin", true);
        // Nor can the admin turn the invitation into a membership by editing it.
        assertThat(adminBrowser.postForm(users + "/" + withdrawn.id(), List.of(Map.entry("role", "admin"),
                Map.entry("confidential", "on"), Map.entry("active", "on"))).statusCode()).isEqualTo(404);
        assertThat(membership(withdrawn).orElseThrow().pending()).isTrue();

        HttpResponse<String> withdrawal = adminBrowser.postForm(users + "/" + withdrawn.id() + "/withdraw", List.of());

        assertThat(withdrawal.statusCode()).isEqualTo(303);
        assertThat(membership(withdrawn)).isEmpty();
        assertThat(events("membership.withdrawn", admin.email(), withdrawn)).hasSize(1);
        assertThat(withdrawnBrowser.get("/").body()).doesNotContain(inviting.name());
        assertThat(withdrawnBrowser.postForm("/account/invitations/" + inviting.slug() + "/accept", List.of())
                .statusCode()).isEqualTo(404);
        assertNoAccess(withdrawnBrowser, TestClient.api(services, withdrawn));
        // Withdrawing concerns invitations only: a member who joined is deactivated, not removed.
        assertThat(adminBrowser.postForm(users + "/" + admin.id() + "/withdraw", List.of()).statusCode()).isEqualTo(404);
        assertThat(membership(admin).orElseThrow().active()).isTrue();
    }
}
