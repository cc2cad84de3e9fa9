package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.dossier.form.FormFixtures.json;
import static org.dossier.form.FormFixtures.objectAt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaSchemaTest {
    private static final String NOM = "/properties/identite/properties/nom";

    private final MetaSchema metaSchema = new MetaSchema();

    private List<DefinitionProblem> problemsOf(JsonNode definition) {
        InvalidFormDefinitionException refused =
                catchThrowableOfType(InvalidFormDefinitionException.class, () -> metaSchema.check(definition));
        assertThat(refused).as("the definition should be refused").isNotNull();
        return refused.problems();
    }

    @Test
    void base_schema_is_accepted() {
        JsonNode base = BaseSchema.baseSchema();

        metaSchema.check(base);

        assertThat(base.at("/properties/identite/x-label/fr").asText()).isEqualTo("Identité");
    }

    @Test
    void service_b_variant_with_hidden_fields_is_accepted() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/accompagnement/properties/antenne").put("x-hidden", true);
        objectAt(definition, "/properties/prevention_expulsions").put("x-hidden", true);

        metaSchema.check(definition);

        assertThat(definition.at("/properties/prevention_expulsions/x-hidden").asBoolean()).isTrue();
    }

    @Test
    void problem_in_a_field_named_properties_is_reported_under_its_x_keyword() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties").set("properties",
                json("{\"type\": \"string\", \"x-label\": {\"en\": \"Properties\"}}"));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/properties/properties/x-label", "x-label"));
    }

    @Test
    void a_list_may_raise_its_max_items_up_to_the_platform_cap_and_no_further() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/membres_foyer").put("maxItems", ListLimits.MAX_ITEMS);
        metaSchema.check(definition);

        objectAt(definition, "/properties/membres_foyer").put("maxItems", ListLimits.MAX_ITEMS + 1);
        List<DefinitionProblem> problems = problemsOf(definition);

        assertThat(problems).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/properties/membres_foyer/maxItems", "maxItems"));
        assertThat(problems.get(0).message()).contains("1001").contains("at most 1000");
    }

    @Test
    void unknown_x_keyword_is_refused_at_its_path() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, NOM).put("x-couleur", "rouge");

        assertThat(problemsOf(definition))
                .extracting(DefinitionProblem::path, DefinitionProblem::keyword, DefinitionProblem::reason)
                .containsExactly(tuple(NOM + "/x-couleur", "x-couleur", "unknownKeyword"));
        assertThat(problemsOf(definition).get(0).message()).startsWith("unknown keyword x-couleur");
    }

    @Test
    void unknown_x_keyword_is_refused_inside_array_rows_and_conditions() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/membres_foyer/items/properties/lien").put("x-tooltip", "…");
        objectAt(definition, "/properties/logement_ressources/then").put("x-note", "…");

        assertThat(problemsOf(definition))
                .extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactlyInAnyOrder(
                        tuple("/properties/membres_foyer/items/properties/lien/x-tooltip", "x-tooltip"),
                        tuple("/properties/logement_ressources/then/x-note", "x-note"));
    }

    @Test
    void x_label_without_fr_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, NOM).set("x-label", json("{\"en\": \"Surname\"}"));

        List<DefinitionProblem> problems = problemsOf(definition);

        assertThat(problems).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple(NOM + "/x-label", "x-label"));
        assertThat(problems.get(0).message()).contains("fr");
    }

    @Test
    void x_widget_outside_the_list_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, NOM).put("x-widget", "slider");

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple(NOM + "/x-widget", "x-widget"));
    }

    @Test
    void unknown_legal_basis_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, NOM + "/x-gdpr").put("legalBasis", "because");

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple(NOM + "/x-gdpr/legalBasis", "x-gdpr"));
    }

    @Test
    void x_confidential_on_the_items_of_a_list_is_refused_since_it_would_mask_nothing() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/membres_foyer/items").put("x-confidential", true);

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/properties/membres_foyer/items/x-confidential", "x-confidential"));
    }

    @Test
    void x_section_naming_a_missing_section_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties").set("numero_allocataire", json("""
                {"type": "string", "x-label": {"fr": "Numéro d'allocataire CAF"}, "x-section": "droits"}
                """));

        List<DefinitionProblem> problems = problemsOf(definition);

        assertThat(problems).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/properties/numero_allocataire/x-section", "x-section"));
        assertThat(problems.get(0).message()).contains("droits");
    }

    @Test
    void x_section_naming_an_existing_section_is_accepted() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties").set("numero_allocataire", json("""
                {"type": "string", "x-label": {"fr": "Numéro d'allocataire CAF"}, "x-section": "logement_ressources"}
                """));

        metaSchema.check(definition);

        assertThat(definition.at("/properties/numero_allocataire/x-section").asText()).isEqualTo("logement_ressources");
    }

    @Test
    void x_section_naming_a_scalar_field_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties").set("numero_allocataire", json("""
                {"type": "string", "x-label": {"fr": "Numéro d'allocataire CAF"}, "x-section": "suivis"}
                """));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/properties/numero_allocataire/x-section", "x-section"));
    }

    @Test
    void required_naming_an_unknown_property_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        ((ArrayNode) definition.at("/properties/identite/required")).add("nom_usage");

        List<DefinitionProblem> problems = problemsOf(definition);

        assertThat(problems).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/properties/identite/required/2", "required"));
        assertThat(problems.get(0).message()).contains("nom_usage");
    }

    @Test
    void required_in_a_condition_naming_an_unknown_property_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/logement_ressources").set("then", json("{\"required\": [\"montant_dette\"]}"));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/properties/logement_ressources/then/required/0", "required"));
    }

    @Test
    void enum_label_for_a_value_outside_the_enum_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/accompagnement/properties/statut/x-enum-labels")
                .set("archive", json("{\"fr\": \"Archivé\"}"));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple(
                        "/properties/accompagnement/properties/statut/x-enum-labels/archive", "x-enum-labels"));
    }

    @Test
    void visible_when_that_is_not_a_loadable_schema_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/accompagnement/properties/date_cloture")
                .set("x-visible-when", json("{\"type\": \"statut\"}"));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple(
                        "/properties/accompagnement/properties/date_cloture/x-visible-when", "x-visible-when"));
    }

    @Test
    void data_key_with_other_characters_than_letters_digits_and_underscore_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/identite/properties").set("nom-usage", json("{\"type\": \"string\"}"));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/properties/identite/properties/nom-usage", "pattern"));
    }

    @Test
    void camel_case_data_key_is_accepted_as_authors_write_it() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/identite/properties").set("nomUsage", json("{\"type\": \"string\"}"));

        metaSchema.check(definition);
    }

    @Test
    void root_that_is_not_an_object_schema_is_refused() {
        List<DefinitionProblem> problems = problemsOf(json("{\"type\": \"array\", \"properties\": {}}"));

        assertThat(problems).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/type", "const"));
    }

    @Test
    void definition_that_is_not_a_json_object_is_refused() {
        assertThat(problemsOf(json("[]"))).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("", "type"));
    }

    @Test
    void standard_json_schema_keywords_stay_allowed() {
        JsonNode definition = BaseSchema.baseSchema();
        ObjectNode nom = objectAt(definition, NOM);
        nom.put("description", "Nom d'usage");
        nom.put("$comment", "indexed by a generated column");
        nom.put("default", "");

        metaSchema.check(definition);

        assertThat(definition.at(NOM + "/description").asText()).isEqualTo("Nom d'usage");
    }

    @Test
    void exception_message_names_the_path_and_the_keyword() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, NOM).put("x-widget", "slider");

        InvalidFormDefinitionException refused =
                catchThrowableOfType(InvalidFormDefinitionException.class, () -> metaSchema.check(definition));

        assertThat(refused.getMessage()).contains(NOM + "/x-widget", "(x-widget)");
        assertThat(refused.code()).isEqualTo("invalidFormDefinition");
    }

    /** A confidential choice the dossier can hold: "signalement", yes or no, inside the confidential notes. */
    private static JsonNode withConfidentialChoice() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/notes_confidentielles/properties")
                .set("signalement", json("{\"type\": \"boolean\", \"x-label\": {\"fr\": \"Signalement\"}}"));
        return definition;
    }

    private static final String SIGNALEMENT_CONDITION = """
            {"required": ["notes_confidentielles"], "properties": {"notes_confidentielles": {
              "required": ["signalement"], "properties": {"signalement": {"const": true}}}}}
            """;

    @Test
    void a_field_shown_by_a_confidential_value_is_refused_unless_it_is_confidential_too() {
        JsonNode definition = withConfidentialChoice();
        objectAt(definition, "/properties/contact/properties").set("suivi_signalement",
                json("{\"type\": \"string\", \"x-visible-when\": " + SIGNALEMENT_CONDITION + "}"));

        List<DefinitionProblem> problems = problemsOf(definition);

        assertThat(problems).extracting(DefinitionProblem::path, DefinitionProblem::keyword).containsExactly(
                tuple("/properties/contact/properties/suivi_signalement/x-visible-when", "x-visible-when"));
        assertThat(problems.get(0).message()).contains("/notes_confidentielles").contains("confidential");

        objectAt(definition, "/properties/contact/properties/suivi_signalement").put("x-confidential", true);
        metaSchema.check(definition);
    }

    @Test
    void a_field_in_a_confidential_section_may_depend_on_a_confidential_value() {
        JsonNode definition = withConfidentialChoice();
        objectAt(definition, "/properties/notes_confidentielles/properties").set("suite",
                json("{\"type\": \"string\", \"x-visible-when\": " + SIGNALEMENT_CONDITION + "}"));

        metaSchema.check(definition);

        assertThat(definition.at("/properties/notes_confidentielles/properties/suite/x-visible-when").isObject()).isTrue();
    }

    @Test
    void a_rule_whose_if_reads_a_confidential_value_is_refused_wherever_it_stands() {
        JsonNode definition = withConfidentialChoice();
        ((ObjectNode) definition).putArray("allOf").add(json("{\"if\": " + SIGNALEMENT_CONDITION
                + ", \"then\": {\"required\": [\"contact\"]}}"));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple("/allOf/0/if", "if"));
    }

    @Test
    void a_condition_on_a_field_in_rows_is_read_through_the_rows() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/membres_foyer/items/properties/lien").put("x-confidential", true);
        objectAt(definition, "/properties/contact/properties").set("note_lien", json("""
                {"type": "string", "x-visible-when": {"properties": {"membres_foyer": {
                  "contains": {"properties": {"lien": {"const": "autre"}}}}}}}
                """));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::keyword).containsExactly("x-visible-when");
    }
}
