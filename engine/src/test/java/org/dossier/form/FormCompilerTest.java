package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossier.form.FormFixtures.fullRecord;
import static org.dossier.form.FormFixtures.json;
import static org.dossier.form.FormFixtures.minimalRecord;
import static org.dossier.form.FormFixtures.objectAt;
import static org.dossier.form.FormFixtures.violations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormCompilerTest {
    private final FormCompiler compiler = new FormCompiler();

    private CompiledForm compileBase() {
        return compiler.compile("dossier", 1, BaseSchema.baseSchema());
    }

    /** The base with the two hidings of the demo's Service B. */
    private CompiledForm compileServiceB() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/accompagnement/properties/antenne").put("x-hidden", true);
        objectAt(definition, "/properties/prevention_expulsions").put("x-hidden", true);
        return compiler.compile("dossier", 2, definition);
    }

    private static String withAccompagnement(String accompagnement) {
        return "{\"accompagnement\": " + accompagnement + ", \"identite\": {\"nom\": \"Durand\", \"prenom\": \"Élodie\"}}";
    }

    private static String withLogement(String logement) {
        return "{\"accompagnement\": {\"statut\": \"en_cours\", \"date_ouverture\": \"2024-01-15\"},"
                + " \"identite\": {\"nom\": \"Durand\", \"prenom\": \"Élodie\"}, \"logement_ressources\": " + logement + "}";
    }

    @Test
    void compiled_form_keeps_key_version_and_an_untouched_definition() {
        JsonNode definition = BaseSchema.baseSchema();

        CompiledForm form = compiler.compile("dossier", 3, definition);

        assertThat(form.formKey()).isEqualTo("dossier");
        assertThat(form.version()).isEqualTo(3);
        assertThat(form.definition()).isEqualTo(BaseSchema.baseSchema());
        assertThat(definition).isEqualTo(BaseSchema.baseSchema());
        assertThat(definition.at("/properties/accompagnement/required").size()).isEqualTo(3);
    }

    @Test
    void every_object_of_the_form_tree_refuses_additional_properties() {
        JsonNode definition = BaseSchema.baseSchema();
        walkObjects(definition, "", new ArrayList<>()).forEach(pointer ->
                objectAt(definition, pointer).remove("additionalProperties"));

        JsonNode effective = compiler.compile("dossier", 1, definition).effectiveSchema();

        List<String> objects = walkObjects(effective, "", new ArrayList<>());
        assertThat(objects).containsExactly("", "/properties/accompagnement", "/properties/identite", "/properties/contact",
                "/properties/membres_foyer/items", "/properties/logement_ressources", "/properties/suivis/items",
                "/properties/prevention_expulsions", "/properties/notes_confidentielles");
        assertThat(objects).allSatisfy(pointer ->
                assertThat(effective.at(pointer + "/additionalProperties").isBoolean()
                        && !effective.at(pointer + "/additionalProperties").booleanValue())
                        .as("additionalProperties false at '%s'", pointer).isTrue());
    }

    @Test
    void conditions_are_not_closed() {
        JsonNode effective = compileBase().effectiveSchema();

        assertThat(effective.at("/properties/logement_ressources/if").has("additionalProperties")).isFalse();
        assertThat(effective.at("/allOf/0/if").has("additionalProperties")).isFalse();
    }

    /** Pointers of every object schema reachable through properties and items. */
    private static List<String> walkObjects(JsonNode schema, String pointer, List<String> found) {
        if ("object".equals(schema.path("type").asText())) {
            found.add(pointer);
        }
        schema.path("properties").properties().forEach(property ->
                walkObjects(property.getValue(), pointer + "/properties/" + property.getKey(), found));
        if (schema.path("items").isObject()) {
            walkObjects(schema.get("items"), pointer + "/items", found);
        }
        return found;
    }

    @Test
    void minimal_and_full_records_pass() {
        CompiledForm form = compileBase();

        assertThat(violations(form, minimalRecord())).isEmpty();
        assertThat(violations(form, fullRecord())).isEmpty();
    }

    @Test
    void unknown_property_at_the_root_is_refused() {
        ObjectNode record = (ObjectNode) json(minimalRecord());
        record.put("religion", "…");

        assertThat(violations(compileBase(), record.toString()))
                .containsExactly("# additionalProperties: extraneous key [religion] is not permitted");
    }

    @Test
    void unknown_property_in_a_section_is_refused() {
        ObjectNode record = (ObjectNode) json(minimalRecord());
        objectAt(record, "/identite").put("religion", "…");

        assertThat(violations(compileBase(), record.toString()))
                .containsExactly("#/identite additionalProperties: extraneous key [religion] is not permitted");
    }

    @Test
    void unknown_property_in_an_array_row_is_refused() {
        ObjectNode record = (ObjectNode) json(minimalRecord());
        record.set("membres_foyer", json("[{\"nom\": \"Durand\", \"prenom\": \"Léo\", \"lien\": \"enfant\", \"sante\": \"…\"}]"));

        assertThat(violations(compileBase(), record.toString()))
                .containsExactly("#/membres_foyer/0 additionalProperties: extraneous key [sante] is not permitted");
    }

    @Test
    void hidden_field_is_removed_from_properties_and_required_and_refused_when_posted() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/identite/properties/prenom").put("x-hidden", true);

        CompiledForm form = compiler.compile("dossier", 1, definition);

        assertThat(form.effectiveSchema().at("/properties/identite/properties").has("prenom")).isFalse();
        assertThat(form.effectiveSchema().at("/properties/identite/required").toString()).isEqualTo("[\"nom\"]");
        assertThat(violations(form, "{\"accompagnement\": {\"statut\": \"en_cours\", \"date_ouverture\": \"2024-01-15\"},"
                + " \"identite\": {\"nom\": \"Durand\"}}")).isEmpty();
        assertThat(violations(form, minimalRecord()))
                .containsExactly("#/identite additionalProperties: extraneous key [prenom] is not permitted");
    }

    @Test
    void hidden_field_is_removed_from_the_conditional_required_of_its_object() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/logement_ressources/properties/montant_dettes").put("x-hidden", true);

        CompiledForm form = compiler.compile("dossier", 1, definition);

        assertThat(form.effectiveSchema().at("/properties/logement_ressources/then/required").toString()).isEqualTo("[]");
        assertThat(violations(form, withLogement("{\"dettes\": true}"))).isEmpty();
    }

    @Test
    void service_b_variant_drops_antenne_and_the_eviction_module() {
        CompiledForm form = compileServiceB();
        JsonNode effective = form.effectiveSchema();

        assertThat(effective.at("/properties/accompagnement/properties").has("antenne")).isFalse();
        assertThat(effective.at("/properties").has("prevention_expulsions")).isFalse();
        assertThat(effective.at("/allOf")).hasSize(1);
        assertThat(effective.at("/allOf/0/then/properties/accompagnement/required/0").asText()).isEqualTo("date_cloture");
        assertThat(violations(form, withAccompagnement("{\"statut\": \"en_cours\", \"date_ouverture\": \"2024-01-15\", \"antenne\": \"nord\"}")))
                .containsExactly("#/accompagnement additionalProperties: extraneous key [antenne] is not permitted");
        assertThat(violations(form, fullRecord())).containsExactlyInAnyOrder(
                "#/accompagnement additionalProperties: extraneous key [antenne] is not permitted",
                "# additionalProperties: extraneous key [prevention_expulsions] is not permitted");
    }

    @Test
    void field_placed_in_a_hidden_section_stays_at_the_root_without_its_section() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/prevention_expulsions").put("x-hidden", true);
        objectAt(definition, "/properties").set("numero_dossier_ccapex",
                json("{\"type\": \"string\", \"x-label\": {\"fr\": \"Numéro de dossier CCAPEX\"}, \"x-section\": \"prevention_expulsions\"}"));

        JsonNode effective = compiler.compile("dossier", 1, definition).effectiveSchema();

        assertThat(effective.at("/properties/numero_dossier_ccapex/type").asText()).isEqualTo("string");
        assertThat(effective.at("/properties/numero_dossier_ccapex").has("x-section")).isFalse();
    }

    @Test
    void required_visible_when_field_moves_to_a_root_condition() {
        JsonNode effective = compileBase().effectiveSchema();

        assertThat(effective.at("/properties/accompagnement/required").toString())
                .isEqualTo("[\"statut\",\"date_ouverture\"]");
        assertThat(effective.at("/allOf/0")).isEqualTo(json("""
                {"if": {"required": ["accompagnement"],
                        "properties": {"accompagnement": {"required": ["statut"], "properties": {"statut": {"const": "clos"}}}}},
                 "then": {"properties": {"accompagnement": {"required": ["date_cloture"]}}, "required": ["accompagnement"]}}
                """));
    }

    @Test
    void date_cloture_is_required_only_when_the_case_is_closed() {
        CompiledForm form = compileBase();

        assertThat(violations(form, withAccompagnement("{\"statut\": \"clos\", \"date_ouverture\": \"2024-01-15\"}")))
                .containsExactly("#/accompagnement required: required key [date_cloture] not found");
        assertThat(violations(form, withAccompagnement(
                "{\"statut\": \"clos\", \"date_ouverture\": \"2024-01-15\", \"date_cloture\": \"2024-11-30\"}"))).isEmpty();
        assertThat(violations(form, withAccompagnement("{\"statut\": \"en_cours\", \"date_ouverture\": \"2024-01-15\"}"))).isEmpty();
    }

    @Test
    void montant_dettes_is_required_only_when_there_are_debts() {
        CompiledForm form = compileBase();

        assertThat(violations(form, withLogement("{\"dettes\": true}")))
                .containsExactly("#/logement_ressources required: required key [montant_dettes] not found");
        assertThat(violations(form, withLogement("{\"dettes\": true, \"montant_dettes\": 1800}"))).isEmpty();
        assertThat(violations(form, withLogement("{\"dettes\": false}"))).isEmpty();
        assertThat(violations(form, withLogement("{}"))).isEmpty();
    }

    @Test
    void every_list_gets_a_max_items_the_default_when_its_definition_sets_none() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, "/properties/membres_foyer").remove("maxItems");

        JsonNode effective = compiler.compile("dossier", 1, definition).effectiveSchema();

        assertThat(effective.at("/properties/membres_foyer/maxItems").asInt()).isEqualTo(ListLimits.DEFAULT_MAX_ITEMS);
        assertThat(effective.at("/properties/accompagnement/properties/motifs/maxItems").asInt())
                .isEqualTo(ListLimits.DEFAULT_MAX_ITEMS);
        assertThat(effective.at("/properties/suivis/maxItems").asInt()).as("the definition's own").isEqualTo(200);
        assertThat(definition.at("/properties/membres_foyer").has("maxItems")).as("definition untouched").isFalse();
    }

    @Test
    void impossible_date_is_refused() {
        ObjectNode record = (ObjectNode) json(minimalRecord());
        objectAt(record, "/identite").put("date_naissance", "2024-13-45");

        assertThat(violations(compileBase(), record.toString()))
                .containsExactly("#/identite/date_naissance format: [2024-13-45] is not a valid date. Expected [yyyy-MM-dd]");
    }

    @Test
    void malformed_email_is_refused() {
        ObjectNode record = (ObjectNode) json(minimalRecord());
        record.set("contact", json("{\"email\": \"not-an-email\"}"));

        assertThat(violations(compileBase(), record.toString()))
                .containsExactly("#/contact/email format: [not-an-email] is not a valid email address");
    }

    @Test
    void visible_when_field_in_an_array_row_stays_required() {
        JsonNode definition = json("""
                {"type": "object", "properties": {
                  "suivis": {"type": "array", "items": {"type": "object", "required": ["motif_annulation"], "properties": {
                    "annule": {"type": "boolean"},
                    "motif_annulation": {"type": "string",
                      "x-visible-when": {"properties": {"suivis": {"contains": {"properties": {"annule": {"const": true}}}}}}}}}}}}
                """);

        CompiledForm form = compiler.compile("suivi", 1, definition);

        assertThat(form.effectiveSchema().at("/properties/suivis/items/required").toString()).isEqualTo("[\"motif_annulation\"]");
        assertThat(form.effectiveSchema().has("allOf")).isFalse();
        assertThat(violations(form, "{\"suivis\": [{\"annule\": false}]}"))
                .containsExactly("#/suivis/0 required: required key [motif_annulation] not found");
    }

    @Test
    void visible_when_field_at_the_root_is_required_only_when_visible() {
        JsonNode definition = json("""
                {"type": "object", "required": ["motif"], "properties": {
                  "urgent": {"type": "boolean"},
                  "motif": {"type": "string", "x-visible-when": {"properties": {"urgent": {"const": true}}, "required": ["urgent"]}}}}
                """);

        CompiledForm form = compiler.compile("signalement", 1, definition);

        assertThat(form.effectiveSchema().has("required")).isFalse();
        assertThat(form.effectiveSchema().at("/allOf/0/then")).isEqualTo(json("{\"required\": [\"motif\"]}"));
        assertThat(violations(form, "{\"urgent\": true}")).containsExactly("# required: required key [motif] not found");
        assertThat(violations(form, "{\"urgent\": false}")).isEmpty();
    }
}
