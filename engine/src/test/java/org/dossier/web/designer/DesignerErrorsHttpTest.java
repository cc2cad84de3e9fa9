package org.dossier.web.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestErrorSummary;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The designer's custom field form refused with several mistakes: every one listed at once above the
 * page, linked to its input, said by the input, in the page's language; the draft untouched.
 */
@Tag("integration")
class DesignerErrorsHttpTest {
    private static Services services;
    private static Tenant tenant;
    private static TestClient admin;
    private static String base;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "designer-errors");
        admin = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, true));
        base = "/t/" + tenant.slug() + "/admin/form";
    }

    /** No French label, a key with capitals and a space, no type, a condition without values. */
    private static List<Map.Entry<String, String>> fieldWithMistakes() {
        return List.of(Map.entry("key", "Pas Valide"), Map.entry("type", ""), Map.entry("section", "identite"),
                Map.entry("labelFr", " "), Map.entry("labelEn", "Benefit number"),
                Map.entry("whenField", "accompagnement.statut"), Map.entry("whenValues", " , "));
    }

    @Test
    void a_custom_field_with_several_mistakes_lists_them_all_in_french() {
        HttpResponse<String> refused = admin.postForm(base + "/custom-fields", fieldWithMistakes());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(TestErrorSummary.entries(refused.body())).containsExactly(
                "Saisissez le libellé en français",
                "Le nom technique ne peut contenir que des lettres minuscules sans accent, des chiffres et _, en commençant par une lettre (63 caractères au plus)",
                "Sélectionnez le type du champ",
                "Saisissez la ou les valeurs qui font afficher le champ, séparées par des virgules");
        assertThat(refused.body()).contains("href=\"#cf-labelFr\"").contains("href=\"#cf-key\"")
                .contains("href=\"#cf-type\"").contains("href=\"#cf-whenValues\"")
                .contains("value=\"Pas Valide\"").contains("value=\"Benefit number\"");
        assertThat(services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation().toString())
                .doesNotContain("Benefit number");
    }

    @Test
    void the_same_mistakes_are_said_in_english_on_an_english_page() {
        HttpResponse<String> refused = admin.postForm(base + "/custom-fields?lang=en", fieldWithMistakes());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(TestErrorSummary.entries(refused.body())).containsExactly(
                "Enter the French label",
                "The technical name can only hold lower-case letters without accents, digits and _, starting with a letter (63 characters at most)",
                "Select the type of the field",
                "Enter the value or values that show the field, separated by commas");
    }

    @Test
    void a_choice_without_options_and_a_key_already_taken_are_said_by_their_inputs() {
        HttpResponse<String> noOptions = admin.postForm(base + "/custom-fields", List.of(Map.entry("key", "canal"),
                Map.entry("type", "singleChoice"), Map.entry("section", "identite"), Map.entry("labelFr", "Canal"),
                Map.entry("options", "\n \n")));
        HttpResponse<String> taken = admin.postForm(base + "/custom-fields", List.of(Map.entry("key", "identite"),
                Map.entry("type", "text"), Map.entry("section", "identite"), Map.entry("labelFr", "Doublon")));

        assertThat(noOptions.statusCode()).isEqualTo(422);
        assertThat(TestErrorSummary.entries(noOptions.body()))
                .containsExactly("Saisissez au moins une option, une par ligne, par exemple telephone|Par téléphone");
        assertThat(taken.statusCode()).as("found by the form compiler, tied to the key all the same").isEqualTo(422);
        assertThat(TestErrorSummary.entries(taken.body()))
                .containsExactly("Ce nom technique est déjà celui d’un autre champ du formulaire : choisissez-en un autre");
        assertThat(taken.body()).contains("href=\"#cf-key\"");
    }

    @Test
    void a_draft_the_compiler_refuses_is_not_published_and_the_publish_page_says_why_without_a_pointer() {
        Tenant refusing = TestTenants.withBaseForm(services, "designer-publish-errors");
        var owner = TestUsers.member(services, refusing, Role.ADMIN, true);
        TestClient refusingAdmin = TestClient.browser(owner);
        String refusingBase = "/t/" + refusing.slug() + "/admin/form";
        // A draft stored before a rule tightened: its custom field has a type the compiler no longer knows.
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                INSERT INTO form_drafts (tenant_id, form_key, customisation, updated_at, updated_by)
                VALUES (:tenant, 'dossier', :customisation, CURRENT_TIMESTAMP(6), :actor)""")
                .bind("tenant", refusing.id().value()).bind("actor", String.valueOf(owner.id()))
                .bind("customisation", "{\"customFields\":[{\"key\":\"ancien\",\"type\":\"slider\",\"label\":{\"fr\":\"Ancien\"}}]}")
                .execute());
        int published = services.forms().latest(refusing.id(), FormService.CASE_FILE).version();

        HttpResponse<String> confirm = refusingAdmin.get(refusingBase + "/publish");
        HttpResponse<String> refused = refusingAdmin.postForm(refusingBase + "/publish", List.of());

        assertThat(confirm.statusCode()).isEqualTo(422);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(TestErrorSummary.entries(refused.body())).containsExactly("Sélectionnez un type dans la liste");
        assertThat(refused.body()).contains("href=\"#publish-form\"").doesNotContain("/customFields/0/type");
        assertThat(services.forms().latest(refusing.id(), FormService.CASE_FILE).version()).isEqualTo(published);
    }

    @Test
    void the_edit_form_of_a_custom_field_lists_its_mistakes_the_same_way() {
        assertThat(admin.postForm(base + "/custom-fields", List.of(Map.entry("key", "a_modifier"), Map.entry("type", "text"),
                Map.entry("section", "identite"), Map.entry("labelFr", "À modifier"))).statusCode()).isEqualTo(303);

        HttpResponse<String> refused = admin.postForm(base + "/custom-fields/a_modifier", List.of(
                Map.entry("section", "identite"), Map.entry("labelFr", ""), Map.entry("labelEn", "x".repeat(201)),
                Map.entry("hintFr", "y".repeat(501))));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(TestErrorSummary.entries(refused.body())).containsExactly(
                "Saisissez le libellé en français",
                "Le libellé doit contenir au plus 200 caractères",
                "L’aide doit contenir au plus 500 caractères");
        assertThat(services.designer().customField(tenant.id(), FormService.CASE_FILE, "a_modifier").label())
                .containsEntry("fr", "À modifier");
    }
}
