package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossier.form.ConfidentialFixtures.STORED;
import static org.dossier.form.ConfidentialFixtures.SCHEMA;
import static org.dossier.form.ConfidentialFixtures.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dossier.form.ConfidentialFields.Problem;
import org.junit.jupiter.api.Test;

class HiddenDataTest {
    private final HiddenData withoutGrant = HiddenData.of(SCHEMA, false);
    private final HiddenData withGrant = HiddenData.of(SCHEMA, true);

    // ---- confidential values, for a member without the grant -----------------------------------

    @Test
    void a_read_without_the_grant_removes_every_confidential_value_and_leaves_the_input_alone() {
        JsonNode visible = withoutGrant.visible(STORED);

        assertThat(visible).isEqualTo(json("""
                {'identite': {'nom': 'Durand'}, 'membres': [{'prenom': 'Léo', '_row': 0}, {'prenom': 'Ana', '_row': 1}]}
                """));
        assertThat(STORED.at("/notes/contenu").asText()).isEqualTo("secret");
        assertThat(visible.toString()).doesNotContain("secret").doesNotContain("asthme").doesNotContain("1840229");
    }

    @Test
    void a_read_with_the_grant_shows_everything_the_form_defines_and_numbers_no_row() {
        assertThat(withGrant.visible(STORED)).isEqualTo(STORED);
    }

    @Test
    void a_save_without_the_grant_restores_values_a_form_without_them_would_have_erased() {
        JsonNode posted = json("""
                {'identite': {'nom': 'Durand-Martin'}, 'membres': [{'_row': 0, 'prenom': 'Léo'}, {'_row': 1, 'prenom': 'Ana'}]}
                """);

        HiddenData.Merged merged = withoutGrant.carryOver(posted, STORED);

        assertThat(merged.problems()).isEmpty();
        assertThat(merged.data()).isEqualTo(json("""
                {'identite': {'nom': 'Durand-Martin', 'nir': '1840229123456'},
                 'membres': [{'prenom': 'Léo', 'sante': 'asthme'}, {'prenom': 'Ana'}],
                 'notes': {'contenu': 'secret'}}
                """));
        assertThat(posted.has("notes")).isFalse();
        assertThat(posted.at("/membres/0/_row").intValue()).isEqualTo(0);
    }

    @Test
    void a_save_without_the_grant_drops_confidential_values_the_poster_tried_to_add_or_change() {
        JsonNode posted = json("""
                {'identite': {'nom': 'Durand', 'nir': 'forged'},
                 'membres': [{'_row': 0, 'prenom': 'Léo', 'sante': 'changed'}, {'_row': 1, 'prenom': 'Ana', 'sante': 'added'},
                             {'prenom': 'Noé', 'sante': 'new row'}],
                 'notes': {'contenu': 'overwritten'}}
                """);

        JsonNode kept = withoutGrant.carryOver(posted, STORED).data();

        assertThat(kept.at("/identite/nir").asText()).isEqualTo("1840229123456");
        assertThat(kept.at("/membres/0/sante").asText()).isEqualTo("asthme");
        assertThat(kept.at("/membres/1").has("sante")).isFalse();
        assertThat(kept.at("/membres/2").has("sante")).isFalse();
        assertThat(kept.at("/membres/2/prenom").asText()).isEqualTo("Noé");
        assertThat(kept.at("/notes/contenu").asText()).isEqualTo("secret");
    }

    @Test
    void a_new_record_without_the_grant_keeps_no_confidential_value() {
        JsonNode posted = json("{'identite': {'nom': 'Durand', 'nir': 'forged'}, 'notes': {'contenu': 'x'}}");

        assertThat(withoutGrant.carryOver(posted, null).data()).isEqualTo(json("{'identite': {'nom': 'Durand'}}"));
    }

    @Test
    void hidden_values_follow_their_row_when_rows_are_reordered_or_added_before_them() {
        JsonNode posted = json("""
                {'membres': [{'prenom': 'Noé'}, {'_row': 1, 'prenom': 'Ana'}, {'_row': 0, 'prenom': 'Léo B.'}]}
                """);

        HiddenData.Merged merged = withoutGrant.carryOver(posted, STORED);

        assertThat(merged.problems()).isEmpty();
        assertThat(merged.data().get("membres")).isEqualTo(json("""
                [{'prenom': 'Noé'}, {'prenom': 'Ana'}, {'prenom': 'Léo B.', 'sante': 'asthme'}]
                """));
    }

    @Test
    void a_stored_row_left_out_by_a_member_without_the_grant_is_refused_rather_than_dropped_or_shifted() {
        for (String posted : List.of("{'membres': [{'_row': 1, 'prenom': 'Ana'}]}",
                "{'identite': {'nom': 'Durand'}, 'membres': []}", "{'identite': {'nom': 'Durand'}}",
                "{'membres': [{'prenom': 'Ana'}]}")) {
            assertThat(withoutGrant.carryOver(json(posted), STORED).problems()).as(posted)
                    .containsExactly(new Problem("/membres", ConfidentialFields.ROW_REMOVED));
        }
        JsonNode rowsWithoutValue = json("{'membres': [{'prenom': 'Léo'}, {'prenom': 'Ana'}]}");
        assertThat(withoutGrant.carryOver(json("{'membres': [{'_row': 0, 'prenom': 'Léo'}]}"), rowsWithoutValue)
                .problems()).as("rows without a confidential value are kept too, so a refusal reveals nothing")
                .containsExactly(new Problem("/membres", ConfidentialFields.ROW_REMOVED));
    }

    @Test
    void a_row_identity_matching_no_stored_row_or_given_twice_is_refused() {
        HiddenData.Merged merged = withoutGrant.carryOver(json("""
                {'membres': [{'_row': 0, 'prenom': 'Léo'}, {'_row': 0, 'prenom': 'Léa'}, {'_row': 1}, {'_row': 2},
                             {'_row': 'x'}, {'_row': -1}, {'_row': 1.5}]}
                """), STORED);

        assertThat(merged.problems()).containsExactly(
                new Problem("/membres/1", ConfidentialFields.UNKNOWN_ROW),
                new Problem("/membres/3", ConfidentialFields.UNKNOWN_ROW),
                new Problem("/membres/4", ConfidentialFields.UNKNOWN_ROW),
                new Problem("/membres/5", ConfidentialFields.UNKNOWN_ROW),
                new Problem("/membres/6", ConfidentialFields.UNKNOWN_ROW));
        assertThat(withoutGrant.carryOver(json("{'membres': [{'_row': 0, 'prenom': 'Léo'}]}"), null).problems())
                .containsExactly(new Problem("/membres/0", ConfidentialFields.UNKNOWN_ROW));
    }

    /** Rows of rows: each inner row is known by its place in the stored outer row it came from. */
    @Test
    void rows_inside_rows_keep_their_hidden_values_through_both_levels() {
        HiddenData nested = HiddenData.of(json("""
                {'type': 'object', 'properties': {'visites': {'type': 'array', 'items': {'type': 'object', 'properties': {
                   'date': {'type': 'string'},
                   'presents': {'type': 'array', 'items': {'type': 'object', 'properties': {
                      'nom': {'type': 'string'}, 'sante': {'type': 'string', 'x-confidential': true}}}}}}}}}
                """), false);
        JsonNode stored = json("""
                {'visites': [{'date': '2025-01-01', 'presents': [{'nom': 'A', 'sante': 'a'}, {'nom': 'B', 'sante': 'b'}]},
                             {'date': '2025-02-01', 'presents': [{'nom': 'C', 'sante': 'c'}]}]}
                """);

        JsonNode visible = nested.visible(stored);
        assertThat(visible.at("/visites/1/_row").intValue()).isEqualTo(1);
        assertThat(visible.at("/visites/0/presents/1/_row").intValue()).isEqualTo(1);
        assertThat(visible.toString()).doesNotContain("sante");

        HiddenData.Merged merged = nested.carryOver(json("""
                {'visites': [{'_row': 1, 'date': '2025-02-02', 'presents': [{'_row': 0, 'nom': 'C'}]},
                             {'_row': 0, 'date': '2025-01-01', 'presents': [{'_row': 1, 'nom': 'B'}, {'_row': 0, 'nom': 'A'}]}]}
                """), stored);

        assertThat(merged.problems()).isEmpty();
        assertThat(merged.data()).isEqualTo(json("""
                {'visites': [{'date': '2025-02-02', 'presents': [{'nom': 'C', 'sante': 'c'}]},
                             {'date': '2025-01-01', 'presents': [{'nom': 'B', 'sante': 'b'}, {'nom': 'A', 'sante': 'a'}]}]}
                """));
        assertThat(nested.carryOver(json("""
                {'visites': [{'_row': 0, 'presents': [{'_row': 0, 'nom': 'A'}]}, {'_row': 1, 'presents': [{'_row': 0}]}]}
                """), stored).problems())
                .containsExactly(new Problem("/visites/0/presents", ConfidentialFields.ROW_REMOVED));
    }

    @Test
    void a_member_with_the_grant_may_change_and_remove_everything_and_sends_no_row_identity() {
        HiddenData.Merged merged = withGrant.carryOver(json("""
                {'identite': {'nom': 'Durand', 'nir': '2'}, 'membres': [{'_row': 1, 'prenom': 'Ana'}]}
                """), STORED);

        assertThat(merged.problems()).isEmpty();
        assertThat(merged.data()).isEqualTo(json("{'identite': {'nom': 'Durand', 'nir': '2'}, 'membres': [{'prenom': 'Ana'}]}"));
    }

    // ---- what the form hides, for everyone -------------------------------------------------------

    /** Stored under an earlier version: a section now hidden (or of a module switched off), a base field now hidden. */
    private static final JsonNode STORED_WITH_HIDDEN = json("""
            {'identite': {'nom': 'Durand', 'nir': '1840229123456', 'lieu_naissance': 'Lyon'},
             'membres': [{'prenom': 'Léo', 'sante': 'asthme', 'lien': 'fils'}, {'prenom': 'Ana'}],
             'prevention_expulsions': {'procedure': 'assignation', 'dettes': [{'montant': 1200}]},
             'notes': {'contenu': 'secret'}}
            """);

    @Test
    void a_read_leaves_out_what_the_form_hides_whatever_the_grant() {
        assertThat(withGrant.visible(STORED_WITH_HIDDEN)).isEqualTo(json("""
                {'identite': {'nom': 'Durand', 'nir': '1840229123456'},
                 'membres': [{'prenom': 'Léo', 'sante': 'asthme', '_row': 0}, {'prenom': 'Ana', '_row': 1}],
                 'notes': {'contenu': 'secret'}}
                """));
        assertThat(withoutGrant.visible(STORED_WITH_HIDDEN).toString())
                .doesNotContain("Lyon").doesNotContain("assignation").doesNotContain("fils").doesNotContain("secret");
    }

    @Test
    void a_save_of_what_was_read_keeps_every_hidden_value_exactly_with_or_without_the_grant() {
        for (HiddenData person : List.of(withGrant, withoutGrant)) {
            JsonNode read = person.visible(STORED_WITH_HIDDEN);

            HiddenData.Merged merged = person.carryOver(read, STORED_WITH_HIDDEN);

            assertThat(merged.problems()).isEmpty();
            assertThat(merged.data()).isEqualTo(STORED_WITH_HIDDEN);
            assertThat(merged.carriedPointers()).containsExactlyInAnyOrder(
                    "/identite/lieu_naissance", "/membres/0/lien", "/prevention_expulsions");
        }
    }

    @Test
    void a_page_post_without_hidden_sections_keeps_them_and_changes_what_it_shows() {
        JsonNode posted = json("{'identite': {'nom': 'Durand-Martin'}, 'membres': [{'_row': 0, 'prenom': 'Léo'}, {'_row': 1, 'prenom': 'Ana'}]}");

        HiddenData.Merged merged = withGrant.carryOver(posted, STORED_WITH_HIDDEN);

        assertThat(merged.problems()).isEmpty();
        assertThat(merged.data()).isEqualTo(json("""
                {'identite': {'nom': 'Durand-Martin', 'lieu_naissance': 'Lyon'},
                 'membres': [{'prenom': 'Léo', 'lien': 'fils'}, {'prenom': 'Ana'}],
                 'prevention_expulsions': {'procedure': 'assignation', 'dettes': [{'montant': 1200}]}}
                """));
    }

    @Test
    void a_section_cleared_by_the_post_keeps_only_its_hidden_values() {
        JsonNode posted = json("{'membres': [{'_row': 0, 'prenom': 'Léo', 'sante': 'asthme'}, {'_row': 1, 'prenom': 'Ana'}]}");

        JsonNode merged = withGrant.carryOver(posted, STORED_WITH_HIDDEN).data();

        assertThat(merged.get("identite")).isEqualTo(json("{'lieu_naissance': 'Lyon'}"));
    }

    @Test
    void a_row_holding_a_hidden_field_may_be_removed_and_takes_it_along_but_others_keep_theirs() {
        JsonNode reordered = json("{'membres': [{'_row': 1, 'prenom': 'Ana'}, {'_row': 0, 'prenom': 'Léo', 'sante': 'asthme'}]}");
        assertThat(withGrant.carryOver(reordered, STORED_WITH_HIDDEN).data().get("membres")).isEqualTo(json("""
                [{'prenom': 'Ana'}, {'prenom': 'Léo', 'sante': 'asthme', 'lien': 'fils'}]
                """));

        HiddenData.Merged removed = withGrant.carryOver(json("{'membres': [{'_row': 1, 'prenom': 'Ana'}]}"),
                STORED_WITH_HIDDEN);
        assertThat(removed.problems()).isEmpty();
        assertThat(removed.data().get("membres")).isEqualTo(json("[{'prenom': 'Ana'}]"));
    }

    @Test
    void a_posted_value_for_a_hidden_field_is_refused_when_it_differs_from_the_stored_one() {
        JsonNode posted = json("""
                {'identite': {'nom': 'Durand', 'lieu_naissance': 'Paris'},
                 'prevention_expulsions': {'procedure': 'assignation', 'dettes': [{'montant': 1200}]}}
                """);

        HiddenData.Merged merged = withGrant.carryOver(posted, STORED_WITH_HIDDEN);

        assertThat(merged.problems()).containsExactly(new Problem("/identite/lieu_naissance", HiddenData.HIDDEN_CHANGED));
        assertThat(merged.data().at("/identite/lieu_naissance").asText()).isEqualTo("Lyon");
    }

    @Test
    void a_new_record_carries_nothing_and_keeps_an_undefined_key_for_the_validator_to_refuse() {
        HiddenData.Merged merged = withGrant.carryOver(json("{'identite': {'nom': 'Durand', 'inconnu': 1}}"), null);

        assertThat(merged.problems()).isEmpty();
        assertThat(merged.carriedPointers()).isEmpty();
        assertThat(merged.data()).isEqualTo(json("{'identite': {'nom': 'Durand', 'inconnu': 1}}"));
    }

    @Test
    void a_read_only_field_in_rows_keeps_its_stored_value_whatever_is_posted_and_wherever_its_row_moved() {
        JsonNode schema = json("""
                {"type": "object", "properties": {"rows": {"type": "array", "items": {"type": "object", "properties": {
                    "name": {"type": "string"}, "code": {"type": "string", "readOnly": true}}}}}}
                """);
        JsonNode stored = json("{\"rows\": [{\"name\": \"x\", \"code\": \"K1\"}, {\"name\": \"y\", \"code\": \"K2\"}]}");
        HiddenData hidden = HiddenData.of(schema, true);
        assertThat(hidden.visible(stored)).isEqualTo(json("""
                {"rows": [{"name": "x", "code": "K1", "_row": 0}, {"name": "y", "code": "K2", "_row": 1}]}"""));

        JsonNode posted = json("""
                {"rows": [{"_row": 1, "name": "y2", "code": "HACK"}, {"_row": 0, "name": "x"}, {"name": "new", "code": "N"}]}""");
        assertThat(hidden.carryOver(posted, stored).data()).isEqualTo(json("""
                {"rows": [{"name": "y2", "code": "K2"}, {"name": "x", "code": "K1"}, {"name": "new"}]}"""));
    }

    @Test
    void a_read_only_field_takes_its_default_on_a_new_case_file_only() {
        JsonNode schema = json("""
                {"type": "object", "properties": {"channel": {"type": "string", "readOnly": true, "default": "desk"},
                                                  "name": {"type": "string"}}}
                """);
        HiddenData hidden = HiddenData.of(schema, true);
        assertThat(hidden.carryOver(json("{\"name\": \"a\", \"channel\": \"web\"}"), null).data())
                .isEqualTo(json("{\"name\": \"a\", \"channel\": \"desk\"}"));
        assertThat(hidden.carryOver(json("{\"name\": \"a\", \"channel\": \"web\"}"), json("{\"name\": \"b\"}")).data())
                .isEqualTo(json("{\"name\": \"a\"}"));
    }
}
