package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossier.form.ConfidentialFixtures.STORED;
import static org.dossier.form.ConfidentialFixtures.SCHEMA;
import static org.dossier.form.ConfidentialFixtures.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ConfidentialFieldsTest {
    private final ConfidentialFields fields = ConfidentialFields.of(SCHEMA);

    @Test
    void finds_every_confidential_location_once() {
        assertThat(fields.any()).isTrue();
        assertThat(fields.pointers()).containsExactly("/identite/nir", "/membres/*/sante", "/notes");
        assertThat(ConfidentialFields.of(json("{'properties': {'a': {'type': 'string'}}}")).any()).isFalse();
    }

    @Test
    void tells_whether_data_holds_a_confidential_value() {
        assertThat(fields.holdsValue(STORED)).isTrue();
        assertThat(fields.holdsValue(json("{'identite': {'nom': 'Durand'}, 'membres': [{'prenom': 'Léo'}]}"))).isFalse();
        assertThat(fields.postedPointers(json("{'membres': [{}, {'sante': 'x'}]}"))).containsExactly("/membres/1/sante");
    }

    @Test
    void null_and_empty_values_hold_nothing_for_reads_and_posts_alike() {
        JsonNode empty = json("""
                {'identite': {'nom': 'Durand', 'nir': null},
                 'membres': [{'prenom': 'Léo', 'sante': null}, {'prenom': 'Ana', 'sante': '  '}],
                 'notes': {'contenu': null}}
                """);

        assertThat(fields.holdsValue(empty)).isFalse();
        assertThat(fields.postedPointers(empty)).isEmpty();
    }

    @Test
    void an_empty_confidential_object_or_list_is_no_value() {
        assertThat(fields.holdsValue(json("{'notes': {}}"))).isFalse();
        assertThat(fields.holdsValue(json("{'notes': {'contenu': ''}}"))).isFalse();
        assertThat(fields.holdsValue(json("{'notes': []}"))).isFalse();
        assertThat(fields.postedPointers(json("{'notes': {}}"))).isEmpty();
        assertThat(fields.holdsValue(json("{'notes': {'contenu': 'x'}}"))).isTrue();
        assertThat(fields.holdsValue(json("{'notes': {'autre': false}}"))).isTrue();
        assertThat(fields.holdsValue(json("{'notes': [0]}"))).isTrue();
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
