package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
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
                {'identite': {'nom': 'Durand'}, 'membres': [{'prenom': 'Léo', '_row': 0}, {'prenom': 'Ana', '_row': 1}]}
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
        assertThat(masked.data()).isEqualTo(json("""
                {'identite': {'nom': 'Durand'}, 'membres': [{'prenom': 'Léo', '_row': 0}, {'prenom': 'Ana', '_row': 1}]}
                """));
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
    void mask_gives_each_row_of_a_group_with_confidential_fields_its_identity() {
        JsonNode masked = fields.mask(STORED).data();

        assertThat(masked.at("/membres/0/_row").intValue()).isEqualTo(0);
        assertThat(masked.at("/membres/1/_row").intValue()).isEqualTo(1);
        assertThat(masked.at("/identite").has("_row")).isFalse();
        assertThat(fields.withoutRowIds(masked)).isEqualTo(json("""
                {'identite': {'nom': 'Durand'}, 'membres': [{'prenom': 'Léo'}, {'prenom': 'Ana'}]}
                """));
        assertThat(masked.at("/membres/0/_row").intValue()).as("left untouched").isEqualTo(0);
    }

    @Test
    void keep_stored_restores_values_a_form_without_them_would_have_erased() {
        JsonNode posted = json("""
                {'identite': {'nom': 'Durand-Martin'}, 'membres': [{'_row': 0, 'prenom': 'Léo'}, {'_row': 1, 'prenom': 'Ana'}]}
                """);

        ConfidentialFields.Kept kept = fields.keepStored(posted, STORED);

        assertThat(kept.problems()).isEmpty();
        assertThat(kept.data()).isEqualTo(json("""
                {'identite': {'nom': 'Durand-Martin', 'nir': '1840229123456'},
                 'membres': [{'prenom': 'Léo', 'sante': 'asthme'}, {'prenom': 'Ana'}],
                 'notes': {'contenu': 'secret'}}
                """));
        assertThat(posted.has("notes")).isFalse();
        assertThat(posted.at("/membres/0/_row").intValue()).isEqualTo(0);
    }

    @Test
    void keep_stored_drops_values_the_poster_tried_to_add_or_change() {
        JsonNode posted = json("""
                {'identite': {'nom': 'Durand', 'nir': 'forged'},
                 'membres': [{'_row': 0, 'prenom': 'Léo', 'sante': 'changed'}, {'_row': 1, 'prenom': 'Ana', 'sante': 'added'},
                             {'prenom': 'Noé', 'sante': 'new row'}],
                 'notes': {'contenu': 'overwritten'}}
                """);

        JsonNode kept = fields.keepStored(posted, STORED).data();

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

        assertThat(fields.keepStored(posted, null).data()).isEqualTo(json("{'identite': {'nom': 'Durand'}}"));
    }

    @Test
    void hidden_values_follow_their_row_when_rows_are_reordered_or_added_before_them() {
        JsonNode posted = json("""
                {'membres': [{'prenom': 'Noé'}, {'_row': 1, 'prenom': 'Ana'}, {'_row': 0, 'prenom': 'Léo B.'}]}
                """);

        ConfidentialFields.Kept kept = fields.keepStored(posted, STORED);

        assertThat(kept.problems()).isEmpty();
        assertThat(kept.data().get("membres")).isEqualTo(json("""
                [{'prenom': 'Noé'}, {'prenom': 'Ana'}, {'prenom': 'Léo B.', 'sante': 'asthme'}]
                """));
    }

    @Test
    void a_stored_row_left_out_of_the_post_is_refused_rather_than_dropped_or_shifted() {
        ConfidentialFields.Kept middle = fields.keepStored(json("{'membres': [{'_row': 1, 'prenom': 'Ana'}]}"), STORED);
        ConfidentialFields.Kept emptied = fields.keepStored(json("{'identite': {'nom': 'Durand'}, 'membres': []}"), STORED);
        ConfidentialFields.Kept omitted = fields.keepStored(json("{'identite': {'nom': 'Durand'}}"), STORED);
        ConfidentialFields.Kept unnumbered = fields.keepStored(json("{'membres': [{'prenom': 'Ana'}]}"), STORED);

        for (ConfidentialFields.Kept kept : List.of(middle, emptied, omitted, unnumbered)) {
            assertThat(kept.problems()).containsExactly(
                    new ConfidentialFields.Problem("/membres", ConfidentialFields.ROW_REMOVED));
        }
    }

    @Test
    void stored_rows_without_any_confidential_value_are_kept_too_so_a_refusal_reveals_nothing() {
        JsonNode stored = json("{'membres': [{'prenom': 'Léo'}, {'prenom': 'Ana'}]}");

        assertThat(fields.keepStored(json("{'membres': [{'_row': 0, 'prenom': 'Léo'}]}"), stored).problems())
                .containsExactly(new ConfidentialFields.Problem("/membres", ConfidentialFields.ROW_REMOVED));
        assertThat(fields.keepStored(json("{'membres': [{'_row': 0, 'prenom': 'Léo'}, {'_row': 1, 'prenom': 'Ana'}]}"),
                stored).problems()).isEmpty();
    }

    @Test
    void a_row_identity_matching_no_stored_row_or_given_twice_is_refused() {
        ConfidentialFields.Kept kept = fields.keepStored(json("""
                {'membres': [{'_row': 0, 'prenom': 'Léo'}, {'_row': 0, 'prenom': 'Léa'}, {'_row': 1}, {'_row': 2},
                             {'_row': 'x'}, {'_row': -1}, {'_row': 1.5}]}
                """), STORED);

        assertThat(kept.problems()).containsExactly(
                new ConfidentialFields.Problem("/membres/1", ConfidentialFields.UNKNOWN_ROW),
                new ConfidentialFields.Problem("/membres/3", ConfidentialFields.UNKNOWN_ROW),
                new ConfidentialFields.Problem("/membres/4", ConfidentialFields.UNKNOWN_ROW),
                new ConfidentialFields.Problem("/membres/5", ConfidentialFields.UNKNOWN_ROW),
                new ConfidentialFields.Problem("/membres/6", ConfidentialFields.UNKNOWN_ROW));
        assertThat(fields.keepStored(json("{'membres': [{'_row': 0, 'prenom': 'Léo'}]}"), null).problems())
                .containsExactly(new ConfidentialFields.Problem("/membres/0", ConfidentialFields.UNKNOWN_ROW));
    }

    /** Rows of rows: each inner row is known by its place in the stored outer row it came from. */
    @Test
    void rows_inside_rows_keep_their_hidden_values_through_both_levels() {
        ConfidentialFields nested = ConfidentialFields.of(json("""
                {'type': 'object', 'properties': {'visites': {'type': 'array', 'items': {'type': 'object', 'properties': {
                   'date': {'type': 'string'},
                   'presents': {'type': 'array', 'items': {'type': 'object', 'properties': {
                      'nom': {'type': 'string'}, 'sante': {'type': 'string', 'x-confidential': true}}}}}}}}}
                """));
        JsonNode stored = json("""
                {'visites': [{'date': '2025-01-01', 'presents': [{'nom': 'A', 'sante': 'a'}, {'nom': 'B', 'sante': 'b'}]},
                             {'date': '2025-02-01', 'presents': [{'nom': 'C', 'sante': 'c'}]}]}
                """);

        JsonNode masked = nested.mask(stored).data();
        assertThat(masked.at("/visites/1/_row").intValue()).isEqualTo(1);
        assertThat(masked.at("/visites/0/presents/1/_row").intValue()).isEqualTo(1);
        assertThat(masked.toString()).doesNotContain("sante");

        JsonNode posted = json("""
                {'visites': [{'_row': 1, 'date': '2025-02-02', 'presents': [{'_row': 0, 'nom': 'C'}]},
                             {'_row': 0, 'date': '2025-01-01', 'presents': [{'_row': 1, 'nom': 'B'}, {'_row': 0, 'nom': 'A'}]}]}
                """);
        ConfidentialFields.Kept kept = nested.keepStored(posted, stored);

        assertThat(kept.problems()).isEmpty();
        assertThat(kept.data()).isEqualTo(json("""
                {'visites': [{'date': '2025-02-02', 'presents': [{'nom': 'C', 'sante': 'c'}]},
                             {'date': '2025-01-01', 'presents': [{'nom': 'B', 'sante': 'b'}, {'nom': 'A', 'sante': 'a'}]}]}
                """));
        assertThat(nested.keepStored(json("""
                {'visites': [{'_row': 0, 'presents': [{'_row': 0, 'nom': 'A'}]}, {'_row': 1, 'presents': [{'_row': 0}]}]}
                """), stored).problems())
                .containsExactly(new ConfidentialFields.Problem("/visites/0/presents", ConfidentialFields.ROW_REMOVED));
    }

    @Test
    void keep_pruned_puts_back_the_confidential_values_pruning_took_and_nothing_else() {
        JsonNode before = json("""
                {'identite': {'nom': 'Durand', 'nir': '1840229123456', 'alias': 'D'},
                 'membres': [{'prenom': 'Léo', 'sante': 'asthme', 'age': 4}], 'notes': {'contenu': 'secret'}, 'autre': 1}
                """);
        JsonNode pruned = json("{'identite': {'nom': 'Durand'}, 'membres': [{'prenom': 'Léo'}]}");

        assertThat(fields.keepPruned(pruned, before)).isEqualTo(json("""
                {'identite': {'nom': 'Durand', 'nir': '1840229123456'},
                 'membres': [{'prenom': 'Léo', 'sante': 'asthme'}], 'notes': {'contenu': 'secret'}}
                """));
        assertThat(fields.keepPruned(json("{}"), before).get("identite"))
                .as("a section pruned whole comes back whole").isEqualTo(before.get("identite"));
        assertThat(pruned.has("notes")).isFalse();
    }
}
