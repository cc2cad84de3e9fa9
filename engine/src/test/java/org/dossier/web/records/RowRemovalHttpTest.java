package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.dossier.audit.AuditEvent;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
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
 * Without JavaScript, removing a saved row of a repeatable group is a confirmation step; a row
 * added and not saved yet goes at once. A saved row removed is audited (group and row, no value)
 * whichever way the save came. And every row button returns to where the person was: its
 * {@code formaction} carries a fragment naming an element of the page it answers.
 */
@Tag("integration")
class RowRemovalHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Services services;
    private static Tenant tenant;
    private static User member;
    private static TestClient browser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "row-removal");
        member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        browser = TestClient.browser(member);
    }

    /** A case file with two household members, Léo then Ana. */
    private static CaseRecord household(String lastName) {
        ObjectNode data = TestRecords.validData(lastName);
        data.putArray("membres_foyer").add(row(lastName, "Léo")).add(row(lastName, "Ana"));
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static ObjectNode row(String lastName, String firstName) {
        return JSON.createObjectNode().put("nom", lastName).put("prenom", firstName).put("lien", "enfant");
    }

    private static String url(CaseRecord record) {
        return "/t/" + tenant.slug() + "/records/" + record.id();
    }

    /** Presses a submit button of the case-file form as a browser without JavaScript would: to its formaction. */
    private static HttpResponse<String> press(String html, String action) {
        Document page = Jsoup.parse(html);
        Element button = page.selectFirst("form[data-dossier-form] button[name=_action][value=" + action + "]");
        assertThat(button).as("a button " + action).isNotNull();
        List<Map.Entry<String, String>> fields = new ArrayList<>(TestForms.asShown(html));
        fields.add(Map.entry("_action", action));
        String target = button.hasAttr("formaction") ? button.attr("formaction")
                : page.selectFirst("form[data-dossier-form]").attr("action");
        HttpResponse<String> answer = browser.postForm(target.contains("#") ? target.substring(0, target.indexOf('#'))
                : target, fields);
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 303);
        if (target.contains("#") && answer.statusCode() == 200) {
            String fragment = target.substring(target.indexOf('#') + 1);
            assertThat(Jsoup.parse(answer.body()).getElementById(fragment))
                    .as("the answer holds #" + fragment + ", where " + action + " returns").isNotNull();
        }
        return answer;
    }

    private static List<String> prenoms(String html) {
        return Jsoup.parse(html).select("form[data-dossier-form] input[name^=membres_foyer][name$=.prenom]:not([name*=__index__])")
                .eachAttr("value");
    }

    private static List<AuditEvent> removals(CaseRecord record) {
        return TestAudit.events(services, tenant.id().value(), "record.row.removed", member.email()).stream()
                .filter(event -> event.targetId().equals(record.id().toString())).toList();
    }

    @Test
    void removing_a_saved_row_asks_first_then_removes_it_and_audits_it_on_save() {
        CaseRecord record = household("Confirme");
        String edit = browser.get(url(record) + "/edit").body();

        HttpResponse<String> asked = press(edit, "remove:/membres_foyer/0");

        assertThat(asked.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(asked.body());
        assertThat(page.getElementById("f-membres_foyer-0-confirm").text()).contains("Supprimer la ligne");
        assertThat(prenoms(asked.body())).containsExactly("Léo", "Ana");

        HttpResponse<String> cancelled = press(asked.body(), "cancel-remove:/membres_foyer/0");
        assertThat(Jsoup.parse(cancelled.body()).getElementById("f-membres_foyer-0-confirm")).isNull();
        assertThat(prenoms(cancelled.body())).containsExactly("Léo", "Ana");

        HttpResponse<String> removed = press(press(cancelled.body(), "remove:/membres_foyer/0").body(),
                "confirm-remove:/membres_foyer/0");
        assertThat(prenoms(removed.body())).containsExactly("Ana");
        assertThat(removals(record)).isEmpty();

        HttpResponse<String> saved = press(removed.body(), "save");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(services.records().get(tenant.id(), record.id()).data().get("membres_foyer"))
                .extracting(row -> row.get("prenom").asText()).containsExactly("Ana");
        List<AuditEvent> events = removals(record);
        assertThat(events).hasSize(1);
        assertThat(TestAudit.details(events.get(0))).containsEntry("group", "/membres_foyer").containsEntry("row", "0");
        assertThat(events.get(0).details()).doesNotContain("Léo");
    }

    @Test
    void a_row_added_and_not_saved_is_removed_at_once() {
        CaseRecord record = household("Direct");
        HttpResponse<String> added = press(browser.get(url(record) + "/edit").body(), "add:/membres_foyer");
        assertThat(Jsoup.parse(added.body()).getElementById("f-membres_foyer-2")).isNotNull();

        // What the person typed in the new row, so that the row is posted at all.
        String typed = added.body().replace("name=\"membres_foyer[2].prenom\"", "name=\"membres_foyer[2].prenom\" value=\"Zoé\"");

        HttpResponse<String> removed = press(typed, "remove:/membres_foyer/2");

        assertThat(Jsoup.parse(removed.body()).getElementById("f-membres_foyer-2-confirm")).isNull();
        assertThat(Jsoup.parse(removed.body()).getElementById("f-membres_foyer-2")).isNull();
        assertThat(prenoms(removed.body())).containsExactly("Léo", "Ana");
    }

    @Test
    void a_saved_row_removed_through_the_api_is_audited() {
        CaseRecord record = household("Api");
        TestClient api = TestClient.api(services, member);
        ObjectNode data = TestRecords.validData("Api");
        data.putArray("membres_foyer").add(row("Api", "Léo"));
        ObjectNode body = JSON.createObjectNode().put("version", 1);
        body.set("data", data);

        HttpResponse<String> put = api.putJson("/api/v1/tenants/" + tenant.slug() + "/records/" + record.id(),
                body.toString());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        List<AuditEvent> events = removals(record);
        assertThat(events).hasSize(1);
        assertThat(TestAudit.details(events.get(0))).containsEntry("group", "/membres_foyer").containsEntry("row", "1");
    }
}
