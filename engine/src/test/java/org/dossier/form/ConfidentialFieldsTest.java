package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConfidentialFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A section wholly confidential, a confidential leaf in an open section, and one inside rows. */
    private static final JsonNode SCHEMA = json("""
            {'type': 'object', 'properties': {
              'identite': {'type': 'object', 'properties': {
                 'nom': {'type': 'string'},
                 'nir': {'type': 'string', 'x-confidential': true}}},
              'membres': {'type': 'array', 'items': {'type': 'object', 'properties': {
                 'prenom': {'type': 'string'},
                 'sante': {'type': 'string', 'x-confidential': true}}}},
              'notes': {'type': 'object', 'x-confidential': true, 'properties': {
                 'contenu': {'type': 'string', 'x-confidential': true}}}}}
            """);

    private static final JsonNode STORED = json("""
            {'identite': {'nom': 'Durand', 'nir': '1840229123456'},
             'membres': [{'prenom': 'Léo', 'sante': 'asthme'}, {'prenom': 'Ana'}],
             'notes': {'contenu': 'secret'}}
            """);

    private final ConfidentialFields fields = ConfidentialFields.of(SCHEMA);

    @Test
    void finds_every_confidential_location_once() {
        assertThat(fields.any()).isTrue();
        assertThat(fields.pointers()).containsExactly("/identite/nir", "/membres/*/sante", "/notes");
        assertThat(ConfidentialFields.of(json("{'properties': {'a': {'type': 'string'}}}")).any()).isFalse();
    }

    @Test
    void mask_removes_every_confidential_value_and_leaves_the_input_alone() {
        ConfidentialFields.Masked masked = fields.mask(STORED);

        assertThat(masked.data()).isEqualTo(json("""
                {'identite': {'nom': 'Durand'}, 'membres': [{'prenom': 'Léo'}, {'prenom': 'Ana'}]}
                """));
        assertThat(masked.maskedPointers()).containsExactly("/identite/nir", "/membres/0/sante", "/notes");
        assertThat(STORED.at("/notes/contenu").asText()).isEqualTo("secret");
        assertThat(masked.data().toString()).doesNotContain("secret").doesNotContain("asthme").doesNotContain("1840229");
    }

    @Test
    void tells_whether_data_holds_a_confidential_value() {
        assertThat(fields.holdsValue(STORED)).isTrue();
        assertThat(fields.holdsValue(json("{'identite': {'nom': 'Durand'}, 'membres': [{'prenom': 'Léo'}]}"))).isFalse();
        assertThat(fields.postedPointers(json("{'membres': [{}, {'sante': 'x'}]}"))).containsExactly("/membres/1/sante");
    }

    @Test
    void null_and_empty_values_hold_nothing_for_mask_reads_and_posts_alike() {
        JsonNode empty = json("""
                {'identite': {'nom': 'Durand', 'nir': null},
                 'membres': [{'prenom': 'Léo', 'sante': null}, {'prenom': 'Ana', 'sante': '  '}],
                 'notes': {'contenu': null}}
                """);

        ConfidentialFields.Masked masked = fields.mask(empty);

        assertThat(masked.maskedPointers()).isEmpty();
        assertThat(masked.data()).isEqualTo(json("{'identite': {'nom': 'Durand'}, 'membres': [{'prenom': 'Léo'}, {'prenom': 'Ana'}]}"));
        assertThat(fields.holdsValue(empty)).isFalse();
        assertThat(fields.postedPointers(empty)).isEmpty();
    }

    @Test
    void an_empty_confidential_object_or_list_is_no_value() {
        assertThat(fields.holdsValue(json("{'notes': {}}"))).isFalse();
        assertThat(fields.holdsValue(json("{'notes': {'contenu': ''}}"))).isFalse();
        assertThat(fields.holdsValue(json("{'notes': []}"))).isFalse();
        assertThat(fields.mask(json("{'notes': {}}")).maskedPointers()).isEmpty();
        assertThat(fields.holdsValue(json("{'notes': {'contenu': 'x'}}"))).isTrue();
        assertThat(fields.holdsValue(json("{'notes': {'autre': false}}"))).isTrue();
        assertThat(fields.holdsValue(json("{'notes': [0]}"))).isTrue();
    }

    @Test
    void keep_stored_restores_values_a_form_without_them_would_have_erased() {
        JsonNode posted = json("{'identite': {'nom': 'Durand-Martin'}, 'membres': [{'prenom': 'Léo'}, {'prenom': 'Ana'}]}");

        JsonNode kept = fields.keepStored(posted, STORED);

        assertThat(kept).isEqualTo(json("""
                {'identite': {'nom': 'Durand-Martin', 'nir': '1840229123456'},
                 'membres': [{'prenom': 'Léo', 'sante': 'asthme'}, {'prenom': 'Ana'}],
                 'notes': {'contenu': 'secret'}}
                """));
        assertThat(posted.has("notes")).isFalse();
    }

    @Test
    void keep_stored_drops_values_the_poster_tried_to_add_or_change() {
        JsonNode posted = json("""
                {'identite': {'nom': 'Durand', 'nir': 'forged'},
                 'membres': [{'prenom': 'Léo', 'sante': 'changed'}, {'prenom': 'Ana', 'sante': 'added'}, {'prenom': 'Noé', 'sante': 'new row'}],
                 'notes': {'contenu': 'overwritten'}}
                """);

        JsonNode kept = fields.keepStored(posted, STORED);

        assertThat(kept.at("/identite/nir").asText()).isEqualTo("1840229123456");
        assertThat(kept.at("/membres/0/sante").asText()).isEqualTo("asthme");
        assertThat(kept.at("/membres/1").has("sante")).isFalse();
        assertThat(kept.at("/membres/2").has("sante")).isFalse();
        assertThat(kept.at("/membres/2/prenom").asText()).isEqualTo("Noé");
        assertThat(kept.at("/notes/contenu").asText()).isEqualTo("secret");
    }

    @Test
    void keep_stored_with_nothing_stored_removes_every_confidential_value() {
        JsonNode posted = json("{'identite': {'nom': 'Durand', 'nir': 'forged'}, 'notes': {'contenu': 'x'}}");

        assertThat(fields.keepStored(posted, null)).isEqualTo(json("{'identite': {'nom': 'Durand'}}"));
    }

    @Test
    void rows_removed_by_the_poster_take_their_confidential_values_with_them() {
        JsonNode posted = json("{'identite': {'nom': 'Durand'}, 'membres': []}");

        JsonNode kept = fields.keepStored(posted, STORED);

        assertThat(kept.get("membres")).isEmpty();
        assertThat(kept.at("/identite/nir").asText()).isEqualTo("1840229123456");
    }
}
