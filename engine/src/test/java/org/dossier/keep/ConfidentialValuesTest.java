package org.dossier.keep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Restored typing without the confidential values of a person who no longer holds the grant. */
class ConfidentialValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final JsonNode SCHEMA = json("""
            {'type': 'object', 'properties': {
              'identite': {'type': 'object', 'properties': {'nom': {'type': 'string'},
                           'sante': {'type': 'string', 'x-confidential': true}}},
              'notes': {'type': 'object', 'x-confidential': true, 'properties': {'contenu': {'type': 'string'}}},
              'suivis': {'type': 'array', 'items': {'type': 'object', 'properties': {
                           'date': {'type': 'string'}, 'detail': {'type': 'string', 'x-confidential': true}}}}}}
            """);

    @Test
    void confidential_fields_sections_and_row_fields_are_left_out_and_the_rest_kept_with_row_identities() {
        ObjectNode typed = (ObjectNode) json("""
                {'identite': {'nom': 'Martin', 'sante': 'secret 1'},
                 'notes': {'contenu': 'secret 2'},
                 'suivis': [{'date': '2026-01-02', 'detail': 'secret 3', '_row': 0}, {'date': '2026-02-03'}]}
                """);

        ObjectNode shown = ConfidentialValues.without(SCHEMA, typed);

        assertThat(shown).isEqualTo(json("""
                {'identite': {'nom': 'Martin'},
                 'suivis': [{'date': '2026-01-02', '_row': 0}, {'date': '2026-02-03'}]}
                """));
        assertThat(typed.at("/identite/sante").asText()).as("the argument is left untouched").isEqualTo("secret 1");
    }
}
