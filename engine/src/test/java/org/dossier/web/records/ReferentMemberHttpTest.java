package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.MembershipDao;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.referent.Referents;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The référent as one of the service's members, when the service chose so: a select of its active
 * members, stored as the member's id and shown by name (view, list, filter); free text typed before
 * is kept as it is; another service's member is refused, whatever the form offered.
 */
@Tag("integration")
class ReferentMemberHttpTest {
    private static Services services;
    private static Tenant tenant;
    private static Tenant other;
    private static String base;
    private static User admin;
    private static User colleague;
    private static User stranger;
    private static TestClient browser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "referent");
        other = TestTenants.withBaseForm(services, "referent-other");
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        colleague = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        stranger = TestUsers.member(services, other, Role.CASEWORKER, false);
        browser = TestClient.browser(admin);
        base = "/t/" + tenant.slug() + "/records";
        HttpResponse<String> set = browser.postForm("/t/" + tenant.slug() + "/admin/referent",
                List.of(Map.entry("_csrf", browser.csrf()), Map.entry("referent", "members")));
        assertThat(set.statusCode()).isEqualTo(303);
    }

    private static CaseRecord create(String lastName, String referent) {
        ObjectNode data = TestRecords.validData(lastName);
        if (referent != null) {
            ((ObjectNode) data.get("accompagnement")).put("referent", referent);
        }
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private static String storedReferent(RecordId id) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT referent FROM records WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.id()).bind("id", id).mapTo(String.class).one());
    }

    private static HttpResponse<String> saveWithReferent(CaseRecord record, String referent) {
        String edit = browser.get(base + "/" + record.id() + "/edit").body();
        return browser.postForm(base + "/" + record.id(),
                TestForms.with(TestForms.asShown(edit), "accompagnement.referent", referent));
    }

    @Test
    void the_setting_is_on_and_only_an_admin_may_change_it() {
        assertThat(services.referents().membersOnly(tenant.id())).isTrue();
        assertThat(browser.get("/t/" + tenant.slug() + "/admin/referent").body())
                .contains("id=\"referent-members\" name=\"referent\" value=\"members\" checked");
        TestClient caseworker = TestClient.browser(colleague);
        assertThat(caseworker.postForm("/t/" + tenant.slug() + "/admin/referent",
                List.of(Map.entry("_csrf", caseworker.csrf()), Map.entry("referent", "free"))).statusCode())
                .isEqualTo(403);
        assertThat(services.referents().membersOnly(tenant.id())).isTrue();
        assertThat(services.referents().membersOnly(other.id())).isFalse();
        var events = org.dossier.testing.TestAudit.events(services, tenant.id().value(), "service.referentSetting",
                admin.email());
        assertThat(events).hasSize(1);
        assertThat(org.dossier.testing.TestAudit.details(events.get(0))).containsEntry("referentMembers", "true");
    }

    @Test
    void the_form_offers_the_service_s_active_members_by_name_and_no_one_else() {
        String edit = browser.get(base + "/new").body();

        assertThat(edit).contains("<select", "name=\"accompagnement.referent\"",
                "<option value=\"" + Referents.memberValue(colleague.id()) + "\">" + colleague.displayName() + "</option>",
                "<option value=\"" + Referents.memberValue(admin.id()) + "\">" + admin.displayName() + "</option>");
        assertThat(edit).doesNotContain(Referents.memberValue(stranger.id()), stranger.displayName());
    }

    @Test
    void a_member_is_stored_as_its_id_and_shown_by_name_in_the_view_and_the_list() {
        CaseRecord record = create("Ricard", null);

        HttpResponse<String> saved = saveWithReferent(record, Referents.memberValue(colleague.id()));

        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(storedReferent(record.id())).isEqualTo("member:" + colleague.id());
        assertThat(browser.get(base + "/" + record.id()).body()).contains(colleague.displayName())
                .doesNotContain("member:" + colleague.id() + "<");
        String list = browser.get(base + "?referent=member%3A" + colleague.id()).body();
        assertThat(list).contains(">Ricard</a>", "<td data-label=\"Référent\">" + colleague.displayName() + "</td>",
                "Référent : " + colleague.displayName());
    }

    @Test
    void another_service_s_member_is_refused_and_nothing_is_stored() {
        CaseRecord record = create("Sorel", null);

        HttpResponse<String> refused = saveWithReferent(record, Referents.memberValue(stranger.id()));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Choisissez le référent parmi les membres du service");
        assertThat(storedReferent(record.id())).isNull();
        // Also through the JSON API, which does not go through the form at all.
        ObjectNode data = TestRecords.validData("Sorel");
        ((ObjectNode) data.get("accompagnement")).put("referent", Referents.memberValue(stranger.id()));
        HttpResponse<String> api = TestClient.api(services, admin).postJson("/api/v1/tenants/" + tenant.slug()
                + "/records", "{\"form\":\"dossier\",\"data\":" + data + "}");
        assertThat(api.statusCode()).isEqualTo(422);
        assertThat(api.body()).contains("/accompagnement/referent", "referentMember");
    }

    @Test
    void free_text_typed_before_is_kept_shown_as_it_is_and_offered_back_but_new_free_text_is_refused() {
        CaseRecord record = create("Tellier", null);
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE records SET data = JSON_SET(data, '$.accompagnement.referent', 'Jeanne Libre')
                         WHERE tenant_id = :t AND id = :id""")
                .bind("t", tenant.id()).bind("id", record.id()).execute());
        String edit = browser.get(base + "/" + record.id() + "/edit").body();
        assertThat(edit).contains("<option value=\"Jeanne Libre\" selected>Jeanne Libre</option>");

        HttpResponse<String> kept = browser.postForm(base + "/" + record.id(), TestForms.asShown(edit));

        assertThat(kept.statusCode()).isEqualTo(303);
        assertThat(storedReferent(record.id())).isEqualTo("Jeanne Libre");
        assertThat(browser.get(base + "/" + record.id()).body()).contains("Jeanne Libre");
        assertThat(saveWithReferent(record, "Quelqu'un d'autre").statusCode()).isEqualTo(422);
        assertThat(storedReferent(record.id())).isEqualTo("Jeanne Libre");
    }

    @Test
    void a_member_who_left_is_still_shown_by_name_and_kept_on_save() {
        User leaving = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        CaseRecord record = create("Vautrin", Referents.memberValue(leaving.id()));
        services.jdbi().useTransaction(handle -> new MembershipDao(handle)
                .update(tenant.id(), leaving.id(), Role.CASEWORKER, false, false, Instant.now()));

        assertThat(browser.get(base + "/" + record.id()).body()).contains(leaving.displayName());
        assertThat(browser.get(base + "?sort=name").body()).contains(leaving.displayName());
        String edit = browser.get(base + "/" + record.id() + "/edit").body();
        assertThat(edit).contains("<option value=\"" + Referents.memberValue(leaving.id()) + "\" selected>"
                + leaving.displayName() + "</option>");
        assertThat(browser.postForm(base + "/" + record.id(), TestForms.asShown(edit)).statusCode()).isEqualTo(303);
        assertThat(storedReferent(record.id())).isEqualTo(Referents.memberValue(leaving.id()));
        // Leaving, they are no longer offered to a case file that does not name them already.
        CaseRecord another = create("Wurtz", null);
        assertThat(saveWithReferent(another, Referents.memberValue(leaving.id())).statusCode()).isEqualTo(422);
    }

    @Test
    void without_the_setting_the_referent_stays_free_text_but_another_service_s_member_is_still_refused() {
        TestClient otherBrowser = TestClient.browser(stranger);
        String form = otherBrowser.get("/t/" + other.slug() + "/records/new").body();
        assertThat(form).contains("type=\"text\"").containsPattern("name=\"accompagnement.referent\"");
        assertThat(form).doesNotContain("<select class=\"select\" id=\"f-accompagnement-referent\"");
        ObjectNode data = TestRecords.validData("Xavier");
        ((ObjectNode) data.get("accompagnement")).put("referent", "Marie Libre");
        services.records().create(other.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
        ((ObjectNode) data.get("accompagnement")).put("referent", Referents.memberValue(admin.id()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> services.records().create(other.id(),
                FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH))
                .isInstanceOf(org.dossier.record.RecordValidationException.class);
    }
}
