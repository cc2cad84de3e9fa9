package org.dossier.web.formfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.formfile.FormFixtures;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Forms as files over HTTP: the API, the admin's page, who may use them, and the super-admin's creation. */
@Tag("integration")
class FormFilesHttpTest {
    private static final String FORM = FormService.CASE_FILE;
    private static final Pattern PUBLISH_CHOICE = Pattern.compile("name=\"([^\"]+)\" value=\"new\"");

    private Services services;
    private Tenant source;
    private Tenant target;
    private TestClient scriptOfSource;
    private TestClient scriptOfTarget;
    private TestClient browserOfTarget;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        source = TestTenants.withForm(services, "ffh-src", FormFixtures.foodAid());
        target = TestTenants.withBaseForm(services, "ffh-dst");
        scriptOfSource = TestClient.api(services, TestUsers.member(services, source, Role.ADMIN, true));
        User adminOfTarget = TestUsers.member(services, target, Role.ADMIN, true);
        scriptOfTarget = TestClient.api(services, adminOfTarget);
        browserOfTarget = TestClient.browser(adminOfTarget);
    }

    private String api(Tenant tenant, String rest) {
        return "/api/v1/tenants/" + tenant.slug() + "/forms/" + FORM + rest;
    }

    @Test
    void api_export_then_import_into_another_service_then_publish_gives_the_same_definition() {
        HttpResponse<String> exported = scriptOfSource.get(api(source, "/definition"));
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Form-Version")).hasValue("1");

        HttpResponse<String> put = scriptOfTarget.putJson(api(target, "/draft"), exported.body());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(TestClient.json(put).path("changes").size()).isPositive();
        assertThat(TestClient.json(scriptOfTarget.get(api(target, "/draft")))).isEqualTo(FormFixtures.foodAid());
        assertThat(TestClient.json(scriptOfTarget.get(api(target, "/definition")))).as("published is unchanged")
                .isEqualTo(BaseSchema.baseSchema());

        HttpResponse<String> published = scriptOfTarget.postJson(api(target, "/publish"), "");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(TestClient.json(published).path("version").asInt()).isEqualTo(2);
        assertThat(TestClient.json(scriptOfTarget.get(api(target, "/definition")))).isEqualTo(TestClient.json(exported));
        assertThat(TestClient.json(scriptOfTarget.get(api(target, "/customisation")))).isEmpty();
        assertThat(scriptOfTarget.postJson(api(target, "/publish"), "").statusCode()).as("no draft left").isEqualTo(409);
    }

    @Test
    void api_refuses_an_invalid_definition_with_422_listing_every_problem_and_stores_nothing() {
        HttpResponse<String> refused = scriptOfTarget.putJson(api(target, "/draft"), FormFixtures.refused().toString());

        assertThat(refused.statusCode()).isEqualTo(422);
        List<String> problems = new ArrayList<>();
        TestClient.json(refused).path("errors").forEach(error ->
                problems.add(error.path("path").asText() + " " + error.path("keyword").asText()));
        assertThat(problems).contains("/required/1 required", "/properties/demandeur/properties/nom/x-couleur x-couleur",
                "/properties/demandeur/properties/enfants/maxItems maxItems");
        assertThat(TestClient.json(scriptOfTarget.get(api(target, "/draft")))).isEqualTo(BaseSchema.baseSchema());
        assertThat(services.designer().draft(target.id(), FORM).saved()).isFalse();
        assertThat(services.forms().history(target.id(), FORM)).hasSize(1);
        assertThat(scriptOfTarget.postJson(api(target, "/publish"), "").statusCode()).isEqualTo(409);
    }

    @Test
    void only_the_service_admin_may_use_them_and_another_service_is_not_found() {
        for (Role role : List.of(Role.CASEWORKER, Role.VIEWER)) {
            TestClient member = TestClient.api(services, TestUsers.member(services, target, role, true));
            assertThat(member.get(api(target, "/definition")).statusCode()).as(role + " GET").isEqualTo(403);
            assertThat(member.putJson(api(target, "/draft"), FormFixtures.foodAid().toString()).statusCode())
                    .as(role + " PUT").isEqualTo(403);
            assertThat(member.postJson(api(target, "/publish"), "").statusCode()).as(role + " publish").isEqualTo(403);
        }
        assertThat(scriptOfSource.get(api(target, "/definition")).statusCode()).isEqualTo(404);
        assertThat(scriptOfSource.putJson(api(target, "/draft"), FormFixtures.foodAid().toString()).statusCode())
                .isEqualTo(404);
        assertThat(scriptOfTarget.get("/api/v1/tenants/" + target.slug() + "/forms/nope/definition").statusCode())
                .isEqualTo(404);
        assertThat(services.designer().draft(target.id(), FORM).saved()).isFalse();
    }

    @Test
    void the_page_shows_a_refused_file_problem_by_problem_then_imports_and_publishes_a_good_one() {
        String page = "/t/" + target.slug() + "/admin/form/files";
        assertThat(browserOfTarget.get(page).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = browserOfTarget.postMultipart(page, List.of(), "definition", "mauvais.json",
                "application/json", FormFixtures.bytes("refused.schema.json"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("error-summary").contains("href=\"#form-file\"")
                .contains("/properties/demandeur/properties/nom/x-couleur (x-couleur)")
                .contains("/required/1 (required)").contains("mauvais.json")
                .contains("aria-invalid=\"true\"");
        assertThat(refused.body()).as("each problem explained in the page's language, the check's words kept as detail")
                .contains("Ce mot-clé x- ne fait pas partie du vocabulaire du formulaire")
                .contains("Un champ déclaré obligatoire n’existe pas dans « properties »")
                .contains("<td lang=\"en\">required names")
                .doesNotContain("(x-couleur) : unknown keyword");
        assertThat(services.designer().draft(target.id(), FORM).saved()).isFalse();

        HttpResponse<String> imported = browserOfTarget.postMultipart(page, List.of(), "definition", "aide.json",
                "application/json", FormFixtures.bytes("aide-alimentaire.schema.json"));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(303);
        assertThat(browserOfTarget.get(page + "?imported=1").body()).contains("id=\"imported-notice\"")
                .contains("id=\"draft-imported\"");
        HttpResponse<String> designer = browserOfTarget.get("/t/" + target.slug() + "/admin/form");
        assertThat(designer.statusCode()).as("the designer still shows an imported draft").isEqualTo(200);
        assertThat(designer.body()).contains("Nombre de personnes");
        assertThat(browserOfTarget.postForm("/t/" + target.slug() + "/admin/form/preview", List.of()).body())
                .as("the live preview shows the imported draft, not the base").contains("Nombre de personnes")
                .doesNotContain("Situation familiale");
        assertThat(browserOfTarget.postForm("/t/" + target.slug() + "/admin/form", List.of()).statusCode())
                .as("a designer save would replace the imported draft").isEqualTo(409);
        assertThat(services.designer().draft(target.id(), FORM).imported()).isTrue();

        String publishPage = browserOfTarget.get("/t/" + target.slug() + "/admin/form/publish").body();
        List<Map.Entry<String, String>> choices = new ArrayList<>();
        Matcher choice = PUBLISH_CHOICE.matcher(publishPage);
        while (choice.find()) {
            choices.add(Map.entry(choice.group(1), "new"));
        }
        HttpResponse<String> published = browserOfTarget.postForm("/t/" + target.slug() + "/admin/form/publish", choices);

        assertThat(published.statusCode()).as(published.body()).isEqualTo(303);
        assertThat(services.forms().latest(target.id(), FORM).definition()).isEqualTo(FormFixtures.foodAid());
        assertThat(browserOfTarget.get(page + "/definition.json").body()).contains("Demande d'aide alimentaire");
    }

    @Test
    void the_page_says_in_english_when_no_file_was_chosen() {
        HttpResponse<String> refused = browserOfTarget.postMultipart("/t/" + target.slug() + "/admin/form/files?lang=en",
                List.of(), "definition", "", "application/json", null);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Choose a definition file.");
        HttpResponse<String> refusedInEnglish = browserOfTarget.postMultipart("/t/" + target.slug() + "/admin/form/files?lang=en",
                List.of(), "definition", "bad.json", "application/json", FormFixtures.bytes("refused.schema.json"));
        assertThat(refusedInEnglish.body()).contains("This x- keyword is not part of the form vocabulary")
                .contains("Technical detail");
    }

    @Test
    void a_super_admin_creates_a_service_from_a_file_on_the_page_and_through_the_api() {
        User superAdmin = TestUsers.superAdmin(services);
        TestClient browser = TestClient.browser(superAdmin);
        String slug = "ffh-page-" + ProcessHandle.current().pid();

        HttpResponse<String> refused = browser.postMultipart("/admin/services/import", List.of(Map.entry("name", "Épicerie"),
                Map.entry("slug", slug), Map.entry("adminEmail", "pas-un-email")), "definition", "mauvais.json",
                "application/json", FormFixtures.bytes("refused.schema.json"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("href=\"#imp-adminEmail\"").contains("/required/1 (required)");
        assertThat(services.tenants().find(slug)).isEmpty();

        HttpResponse<String> created = browser.postMultipart("/admin/services/import", List.of(Map.entry("name", "Épicerie"),
                Map.entry("slug", slug), Map.entry("adminEmail", "epicerie-" + slug + "@formfiles.test")), "definition",
                "aide.json", "application/json", FormFixtures.bytes("aide-alimentaire.schema.json"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("id=\"one-time-password\"");
        Tenant tenant = services.tenants().find(slug).orElseThrow();
        assertThat(services.forms().latest(tenant.id(), FORM).definition()).isEqualTo(FormFixtures.foodAid());

        TestClient script = TestClient.api(services, superAdmin);
        String apiSlug = "ffh-api-" + ProcessHandle.current().pid();
        HttpResponse<String> apiRefused = script.postJson("/api/v1/tenants/from-definition",
                "{\"slug\":\"" + apiSlug + "\",\"name\":\"Par l'API\",\"adminEmail\":\"api-" + apiSlug
                        + "@formfiles.test\",\"definition\":" + FormFixtures.refused() + "}");
        assertThat(apiRefused.statusCode()).isEqualTo(422);
        assertThat(apiRefused.body()).contains("/required/1");
        assertThat(services.tenants().find(apiSlug)).isEmpty();
        HttpResponse<String> apiCreated = script.postJson("/api/v1/tenants/from-definition",
                "{\"slug\":\"" + apiSlug + "\",\"name\":\"Par l'API\",\"adminEmail\":\"api-" + apiSlug
                        + "@formfiles.test\",\"definition\":" + FormFixtures.foodAid() + "}");
        assertThat(apiCreated.statusCode()).as(apiCreated.body()).isEqualTo(201);
        JsonNode answer = TestClient.json(apiCreated);
        assertThat(answer.path("slug").asText()).isEqualTo(apiSlug);
        assertThat(services.forms().latest(services.tenants().find(apiSlug).orElseThrow().id(), FORM).definition())
                .isEqualTo(FormFixtures.foodAid());

        TestClient member = TestClient.api(services, TestUsers.member(services, target, Role.ADMIN, true));
        assertThat(member.postJson("/api/v1/tenants/from-definition", "{}").statusCode()).isEqualTo(403);
        assertThat(TestClient.browser(TestUsers.member(services, target, Role.ADMIN, true))
                .get("/admin/services/import").statusCode()).isEqualTo(403);
    }
}
