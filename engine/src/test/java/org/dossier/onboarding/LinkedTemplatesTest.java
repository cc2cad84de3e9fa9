package org.dossier.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.designer.Upstreams;
import org.dossier.form.CustomisationCompiler;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A clone takes its source's updates into a draft: fields added upstream are added, the clone's
 * own choices kept, conflicts settled by its admin; and a template service holds no case file.
 */
@Tag("integration")
class LinkedTemplatesTest {
    private static final String FORM = FormService.CASE_FILE;
    private static final Actor SOURCE_ADMIN = Actor.system("source-admin");
    private Services services;
    private Tenant source;
    private Tenant clone;
    private TestClient cloneAdmin;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        source = TestTenants.withBaseForm(services, "upstream");
        ObjectNode first = json("""
                {"fields": {"contact.telephone": {"label": {"fr": "Téléphone"}}}}""");
        publishSource(first);
        String slug = "clone-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 1_000_000);
        services.onboarding().clone(new CloneRequest(source.slug(), slug, "Clone", slug + "@test.example", null),
                Actor.system("super-admin"));
        clone = services.tenants().require(slug);
        cloneAdmin = TestClient.browser(TestUsers.member(services, clone, Role.ADMIN, true));

        // The clone makes the form its own: another label for the same field, a hidden field, a field of its own.
        ObjectNode own = json("""
                {"fields": {"contact.telephone": {"label": {"fr": "Téléphone du foyer"}},
                            "identite.nom_naissance": {"hidden": true}},
                 "customFields": [{"key": "numero_dossier_local", "type": "text", "section": "identite",
                                   "label": {"fr": "Numéro de dossier local"}}]}""");
        services.designer().saveDraft(clone.id(), FORM, own, Actor.system("clone-admin"));
        services.designer().publish(clone.id(), FORM, Actor.system("clone-admin"));
    }

    private ObjectNode json(String text) {
        try {
            return (ObjectNode) services.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private long count(String sql, Object tenant) {
        return services.jdbi().withHandle(handle -> handle.createQuery(sql).bind("t", tenant).mapTo(Long.class).one());
    }

    private void publishSource(ObjectNode customisation) {
        services.designer().saveDraft(source.id(), FORM, customisation, SOURCE_ADMIN);
        services.designer().publish(source.id(), FORM, SOURCE_ADMIN);
    }

    /** The source relabels the field the clone relabelled, makes another required and adds a field. */
    private int sourcePublishesAnImprovement() {
        publishSource(json("""
                {"fields": {"contact.telephone": {"label": {"fr": "Téléphone portable"}},
                            "contact.email": {"required": true}},
                 "customFields": [{"key": "numero_caf", "type": "text", "section": "identite",
                                   "label": {"fr": "Numéro CAF"}}]}"""));
        return services.forms().latest(source.id(), FORM).version();
    }

    private String updatesUrl() {
        return "/t/" + clone.slug() + "/admin/form/updates";
    }

    private JsonNode draftDefinition() {
        return new CustomisationCompiler().compile(org.dossier.form.BaseSchema.baseSchema(),
                services.designer().draft(clone.id(), FORM).customisation()).definition();
    }

    private static String label(JsonNode definition, String path) {
        return CustomisationCompiler.locate(definition, path).field().path("x-label").path("fr").asText();
    }

    @Test
    void pulling_an_upstream_change_into_a_clone_that_customised_the_same_field_keeps_its_choice_unless_told_otherwise() {
        assertThat(cloneAdmin.get("/t/" + clone.slug() + "/admin/form").body()).doesNotContain(updatesUrl());
        int clonePublished = services.forms().latest(clone.id(), FORM).version();
        int version = sourcePublishesAnImprovement();

        String designer = cloneAdmin.get("/t/" + clone.slug() + "/admin/form").body();
        assertThat(designer).contains(updatesUrl()).contains("a publié la version " + version);

        String page = cloneAdmin.get(updatesUrl()).body();
        assertThat(page).contains("Nouveau champ « Numéro CAF »").contains("Champ « Adresse électronique » désormais obligatoire")
                .contains("Choix à faire (1)").contains("Coordonnées › Téléphone").contains("« Téléphone du foyer »").contains("« Téléphone portable »")
                .contains("name=\"c:fields/contact.telephone/label\"");

        HttpResponse<String> pulled = cloneAdmin.postForm(updatesUrl(), List.of(Map.entry("version", Integer.toString(version)),
                Map.entry("c:fields/contact.telephone/label", "local")));
        assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(303);
        assertThat(pulled.headers().firstValue("Location")).hasValue("/t/" + clone.slug() + "/admin/form?pulled=" + version);

        JsonNode draft = draftDefinition();
        assertThat(label(draft, "contact.telephone")).as("the clone's own label").isEqualTo("Téléphone du foyer");
        assertThat(CustomisationCompiler.locate(draft, "identite.nom_naissance").field().path("x-hidden").asBoolean()).isTrue();
        assertThat(CustomisationCompiler.locate(draft, "numero_dossier_local")).as("the clone's own field").isNotNull();
        assertThat(CustomisationCompiler.locate(draft, "numero_caf")).as("the field added upstream").isNotNull();
        assertThat(CustomisationCompiler.locate(draft, "contact.email").required()).as("the rule changed upstream").isTrue();
        assertThat(services.forms().latest(clone.id(), FORM).version()).as("nothing published yet").isEqualTo(clonePublished);
        assertThat(cloneAdmin.get("/t/" + clone.slug() + "/admin/form").body())
                .contains("Ce brouillon contient les mises à jour de la version " + version + " de ");
        assertThat(cloneAdmin.get("/t/" + clone.slug() + "/admin/form?pulled=" + version).body()).doesNotContain(updatesUrl())
                .contains("Les mises à jour de la version " + version + " de la source sont dans le brouillon");
        assertThat(count("""
                SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action = 'form.updates.pulled'
                   AND JSON_UNQUOTE(JSON_EXTRACT(details, '$.conflicts[0].decision')) = 'local'
                """, clone.id())).isEqualTo(1);

        services.designer().publish(clone.id(), FORM, Actor.system("clone-admin"));
        assertThat(services.upstreams().updates(clone.id(), Locale.FRENCH).fromSource()).isFalse();
        assertThat(label(services.forms().latest(clone.id(), FORM).definition(), "contact.telephone")).isEqualTo("Téléphone du foyer");
        assertThat(services.forms().latest(source.id(), FORM).version()).as("the source is untouched").isEqualTo(version);
    }

    @Test
    void restoring_a_version_from_before_a_pull_offers_the_sources_updates_again() {
        int beforePull = services.forms().latest(clone.id(), FORM).version();
        int version = sourcePublishesAnImprovement();
        assertThat(cloneAdmin.postForm(updatesUrl(), List.of(Map.entry("version", Integer.toString(version))))
                .statusCode()).isEqualTo(303);
        services.designer().publish(clone.id(), FORM, Actor.system("clone-admin"));
        assertThat(services.upstreams().updates(clone.id(), Locale.FRENCH).fromSource()).isFalse();

        assertThat(cloneAdmin.postForm("/t/" + clone.slug() + "/admin/form/history/" + beforePull + "/restore", List.of())
                .statusCode()).isEqualTo(303);
        Upstreams.Updates offered = services.upstreams().updates(clone.id(), Locale.FRENCH);
        assertThat(offered.fromSource()).as("the restored draft lacks the source's version " + version).isTrue();
        assertThat(offered.takenVersion()).as("the source version cloned").isEqualTo(version - 1);
        services.designer().publish(clone.id(), FORM, Actor.system("clone-admin"));
        assertThat(CustomisationCompiler.locate(services.forms().latest(clone.id(), FORM).definition(), "numero_caf")).isNull();
        assertThat(services.upstreams().updates(clone.id(), Locale.FRENCH).fromSource()).isTrue();
        assertThat(cloneAdmin.get(updatesUrl()).body()).contains("Nouveau champ « Numéro CAF »");
    }

    @Test
    void the_admin_may_take_the_sources_value_for_a_conflict() {
        int version = sourcePublishesAnImprovement();
        assertThat(cloneAdmin.postForm(updatesUrl(), List.of(Map.entry("version", Integer.toString(version)),
                Map.entry("c:fields/contact.telephone/label", "upstream"))).statusCode()).isEqualTo(303);

        assertThat(label(draftDefinition(), "contact.telephone")).isEqualTo("Téléphone portable");
        assertThat(CustomisationCompiler.locate(draftDefinition(), "numero_dossier_local")).isNotNull();
    }

    @Test
    void updates_seen_before_the_source_published_again_are_not_pulled_and_nothing_changes() {
        int seen = sourcePublishesAnImprovement();
        publishSource(json("""
                {"fields": {"contact.telephone": {"label": {"fr": "Portable"}}}}"""));
        JsonNode before = services.designer().draft(clone.id(), FORM).customisation();

        HttpResponse<String> stale = cloneAdmin.postForm(updatesUrl(), List.of(Map.entry("version", Integer.toString(seen))));

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("vient de publier une nouvelle version");
        assertThat(services.designer().draft(clone.id(), FORM).customisation()).isEqualTo(before);
        assertThat(services.designer().draft(clone.id(), FORM).saved()).isFalse();
    }

    @Test
    void a_service_without_a_source_has_no_updates_to_pull_and_another_service_cannot_see_them() {
        assertThat(cloneAdmin.postForm("/t/" + clone.slug() + "/admin/form/updates", List.of(Map.entry("version", "1")))
                .statusCode()).as("the clone's updates are already taken").isEqualTo(409);
        TestClient sourceAdmin = TestClient.browser(TestUsers.member(services, source, Role.ADMIN, true));
        assertThat(sourceAdmin.get("/t/" + source.slug() + "/admin/form/updates").body())
                .contains("votre formulaire est à jour avec le formulaire commun");
        assertThat(sourceAdmin.postForm("/t/" + source.slug() + "/admin/form/updates", List.of(Map.entry("version", "1")))
                .statusCode()).isEqualTo(404);
        assertThat(sourceAdmin.get(updatesUrl()).statusCode()).as("another service's admin").isEqualTo(404);
        TestClient caseworker = TestClient.browser(TestUsers.member(services, clone, Role.CASEWORKER, true));
        assertThat(caseworker.get(updatesUrl()).statusCode()).isEqualTo(403);
    }

    @Test
    void a_base_form_improved_since_the_last_publish_is_announced_and_applied_at_the_next_one() {
        // A version published under an older base form, which had no e-mail field.
        ObjectNode older = new CustomisationCompiler().compile(org.dossier.form.BaseSchema.baseSchema(),
                services.designer().draft(clone.id(), FORM).customisation()).definition();
        ((ObjectNode) older.get("properties").get("contact").get("properties")).remove("email");
        services.jdbi().useTransaction(handle -> services.forms().publish(handle, clone.id(), FORM, older,
                services.designer().draft(clone.id(), FORM).customisation(), "old-release"));

        Upstreams.Updates updates = services.upstreams().updates(clone.id(), Locale.FRENCH);
        assertThat(updates.fromSource()).isFalse();
        assertThat(updates.baseChanges()).containsExactly("Nouveau champ « Adresse électronique »");
        assertThat(cloneAdmin.get("/t/" + clone.slug() + "/admin/form").body()).contains("Le formulaire commun a évolué")
                .contains(updatesUrl());
        assertThat(cloneAdmin.get(updatesUrl()).body()).contains("Nouveau champ « Adresse électronique »")
                .contains("/admin/form/publish");

        services.designer().publish(clone.id(), FORM, Actor.system("clone-admin"));
        assertThat(services.upstreams().updates(clone.id(), Locale.FRENCH).any()).isFalse();
        assertThat(CustomisationCompiler.locate(services.forms().latest(clone.id(), FORM).definition(), "contact.email")).isNotNull();
    }

    @Test
    void a_template_holds_no_case_file_and_a_service_holding_some_cannot_become_one() {
        TestClient superAdmin = TestClient.browser(TestUsers.superAdmin(services));
        services.records().create(source.id(), FORM, TestRecords.validData("Tenu"), Actor.system("test"), Locale.FRENCH);

        assertThat(superAdmin.get("/admin/services").body()).as("not offered to a service holding case files")
                .doesNotContain("/admin/services/" + source.slug() + "/template")
                .contains("/admin/services/" + clone.slug() + "/template");
        HttpResponse<String> refused = superAdmin.postForm("/admin/services/" + source.slug() + "/template",
                List.of(Map.entry("template", "on")));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Ce service contient des dossiers");
        assertThat(services.tenants().require(source.slug()).template()).isFalse();

        HttpResponse<String> marked = superAdmin.postForm("/admin/services/" + clone.slug() + "/template",
                List.of(Map.entry("template", "on")));
        assertThat(marked.statusCode()).isEqualTo(200);
        assertThat(marked.body()).contains("est maintenant un modèle").contains("(modèle)");
        assertThat(services.tenants().require(clone.slug()).template()).isTrue();

        TestClient caseworker = TestClient.browser(TestUsers.member(services, clone, Role.CASEWORKER, true));
        assertThat(caseworker.get("/t/" + clone.slug() + "/records").body()).contains("Ce service est un modèle")
                .doesNotContain("/t/" + clone.slug() + "/records/new");
        assertThat(caseworker.get("/t/" + clone.slug() + "/records/new").statusCode()).isEqualTo(409);
        List<Map.Entry<String, String>> post = new ArrayList<>(TestRecords.validPost("Refusé"));
        HttpResponse<String> page = caseworker.postForm("/t/" + clone.slug() + "/records", post);
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("ne reçoit pas de dossier");
        TestClient api = TestClient.api(services, TestUsers.member(services, clone, Role.CASEWORKER, true));
        HttpResponse<String> json = api.postJson("/api/v1/tenants/" + clone.slug() + "/records",
                services.mapper().createObjectNode().put("form", FORM).set("data", TestRecords.validData("Api")).toString());
        assertThat(json.statusCode()).isEqualTo(409);
        assertThat(json.body()).contains("templateService");
        assertThat(count("SELECT COUNT(*) FROM records WHERE tenant_id = :t", clone.id())).isZero();

        assertThat(superAdmin.postForm("/admin/services/" + clone.slug() + "/template", List.of(Map.entry("template", "off")))
                .statusCode()).isEqualTo(200);
        assertThat(caseworker.postForm("/t/" + clone.slug() + "/records", post).statusCode()).isEqualTo(303);
        assertThat(count("""
                SELECT COUNT(*) FROM audit_events WHERE tenant_id = 0 AND target_id = :t
                   AND action IN ('tenant.template.marked', 'tenant.template.unmarked')
                """, clone.id().toString())).isEqualTo(2);
    }
}
