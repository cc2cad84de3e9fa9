package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class BaseSchemaTest {

    @Test
    void each_call_returns_an_independent_copy() {
        ((ObjectNode) BaseSchema.baseSchema().at("/properties/identite")).put("x-hidden", true);

        assertThat(BaseSchema.baseSchema().at("/properties/identite").has("x-hidden")).isFalse();
    }

    @Test
    void sections_come_in_the_documented_order() {
        List<String> keys = new ArrayList<>();
        BaseSchema.baseSchema().path("properties").fieldNames().forEachRemaining(keys::add);

        assertThat(keys).containsExactly("accompagnement", "identite", "contact", "membres_foyer",
                "logement_ressources", "suivis", "prevention_expulsions", "notes_confidentielles");
    }

    @Test
    void paths_indexed_by_the_database_exist() {
        JsonNode base = BaseSchema.baseSchema();

        assertThat(base.at("/properties/identite/properties/nom/type").asText()).isEqualTo("string");
        assertThat(base.at("/properties/identite/properties/prenom/type").asText()).isEqualTo("string");
        assertThat(base.at("/properties/identite/properties/date_naissance/format").asText()).isEqualTo("date");
        assertThat(base.at("/properties/accompagnement/properties/statut/enum").size()).isEqualTo(4);
    }

    @Test
    void every_property_has_french_and_english_labels() {
        List<String> missing = new ArrayList<>();
        eachProperty(BaseSchema.baseSchema(), "", (pointer, property) -> {
            if (property.at("/x-label/fr").asText().isBlank() || property.at("/x-label/en").asText().isBlank()) {
                missing.add(pointer);
            }
        });

        assertThat(missing).isEmpty();
    }

    @Test
    void every_leaf_has_a_gdpr_entry_with_a_purpose_and_a_legal_basis() {
        List<String> leaves = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        eachProperty(BaseSchema.baseSchema(), "", (pointer, property) -> {
            if (!property.path("properties").isObject() && !property.path("items").path("properties").isObject()) {
                leaves.add(pointer);
                if (property.at("/x-gdpr/purpose").asText().isBlank() || property.at("/x-gdpr/legalBasis").asText().isBlank()) {
                    missing.add(pointer);
                }
            }
        });

        assertThat(leaves).hasSize(46);
        assertThat(missing).isEmpty();
    }

    @Test
    void every_enum_value_has_french_and_english_labels() {
        List<String> missing = new ArrayList<>();
        eachProperty(BaseSchema.baseSchema(), "", (pointer, property) -> {
            JsonNode values = property.has("enum") ? property.get("enum") : property.path("items").path("enum");
            values.forEach(value -> {
                JsonNode label = property.path("x-enum-labels").path(value.asText());
                if (label.path("fr").asText().isBlank() || label.path("en").asText().isBlank()) {
                    missing.add(pointer + " " + value.asText());
                }
            });
        });

        assertThat(missing).isEmpty();
    }

    @Test
    void confidential_notes_are_marked_as_special_category() {
        JsonNode notes = BaseSchema.baseSchema().at("/properties/notes_confidentielles");

        assertThat(notes.path("x-confidential").asBoolean()).isTrue();
        assertThat(notes.at("/properties/contenu/x-confidential").asBoolean()).isTrue();
        assertThat(notes.at("/properties/contenu/x-gdpr/specialCategory").asBoolean()).isTrue();
        assertThat(BaseSchema.baseSchema().at("/properties/prevention_expulsions/x-module").asText())
                .isEqualTo("prevention-expulsions");
    }

    private static void eachProperty(JsonNode schema, String pointer, BiConsumer<String, JsonNode> action) {
        schema.path("properties").properties().forEach(property -> {
            String child = pointer + "/properties/" + property.getKey();
            action.accept(child, property.getValue());
            eachProperty(property.getValue(), child, action);
            eachProperty(property.getValue().path("items"), child + "/items", action);
        });
    }
}
