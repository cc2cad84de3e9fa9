package org.dossier.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormPostCoercerTest {
    private static final JsonNode SCHEMA = Fixtures.json("effective-dossier.json");
    private final FormPostCoercer coercer = new FormPostCoercer(new Messages());

    private static Map<String, List<String>> post(String... namesAndValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.computeIfAbsent(namesAndValues[i], ignored -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return params;
    }

    private CoercionResult coerce(String... namesAndValues) {
        return coercer.coerce(SCHEMA, post(namesAndValues));
    }

    @Test
    void full_post_becomes_the_expected_typed_record() {
        JsonNode fixture = Fixtures.json("post-full.json");

        CoercionResult result = coercer.coerce(SCHEMA, Fixtures.params(fixture.path("params")));

        assertThat(result.errors()).isEmpty();
        // Compared as text: the coercer keeps decimals exact where the fixture reader makes doubles.
        assertThat(result.data().toString()).isEqualTo(fixture.path("expected").toString());
    }

    @Test
    void french_decimal_comma_and_spaced_thousands_are_numbers() {
        CoercionResult result = coerce("logement_ressources.loyer", "12,5",
                "logement_ressources.ressources_mensuelles", "1 200",
                "logement_ressources.montant_dettes", "1\u202F234,75");

        JsonNode section = result.data().path("logement_ressources");
        assertThat(section.path("loyer").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(section.path("ressources_mensuelles").isIntegralNumber()).isTrue();
        assertThat(section.path("ressources_mensuelles").asLong()).isEqualTo(1200L);
        assertThat(section.path("montant_dettes").decimalValue()).isEqualByComparingTo("1234.75");
    }

    @Test
    void number_that_does_not_parse_is_kept_as_typed() {
        CoercionResult result = coerce("logement_ressources.loyer", " abc ",
                "logement_ressources.nombre_personnes_foyer", "1,200.5");

        assertThat(result.errors()).isEmpty();
        assertThat(result.data().at("/logement_ressources/loyer").isTextual()).isTrue();
        assertThat(result.data().at("/logement_ressources/loyer").asText()).isEqualTo("abc");
        assertThat(result.data().at("/logement_ressources/nombre_personnes_foyer").asText()).isEqualTo("1,200.5");
    }

    @Test
    void integer_field_with_a_fraction_stays_a_number_for_the_validator_to_refuse() {
        CoercionResult result = coerce("logement_ressources.nombre_personnes_foyer", "2,5");

        JsonNode value = result.data().at("/logement_ressources/nombre_personnes_foyer");
        assertThat(value.isNumber()).isTrue();
        assertThat(value.decimalValue()).isEqualByComparingTo("2.5");
    }

    @Test
    void booleans_come_from_true_false_and_on() {
        CoercionResult result = coerce("contact.accepte_sms", "on",
                "logement_ressources.dettes", "false",
                "prevention_expulsions.saisine_ccapex", "true",
                "prevention_expulsions.procedure_en_cours", "peut-être");

        assertThat(result.data().at("/contact/accepte_sms").booleanValue()).isTrue();
        assertThat(result.data().at("/logement_ressources/dettes").isBoolean()).isTrue();
        assertThat(result.data().at("/logement_ressources/dettes").booleanValue()).isFalse();
        assertThat(result.data().at("/prevention_expulsions/saisine_ccapex").booleanValue()).isTrue();
        assertThat(result.data().at("/prevention_expulsions/procedure_en_cours").asText()).isEqualTo("peut-être");
    }

    @Test
    void hidden_false_followed_by_a_checked_box_gives_true() {
        CoercionResult result = coerce("contact.accepte_sms", "false", "contact.accepte_sms", "true");

        assertThat(result.data().at("/contact/accepte_sms").booleanValue()).isTrue();
    }

    @Test
    void repeated_checkbox_values_become_an_array_in_posted_order() {
        CoercionResult result = coerce("accompagnement.motifs", "sante", "accompagnement.motifs", "",
                "accompagnement.motifs", "logement");

        assertThat(result.data().at("/accompagnement/motifs")).isEqualTo(Fixtures.parse("[\"sante\",\"logement\"]"));
    }

    @Test
    void rows_with_gaps_are_compacted_and_blank_rows_dropped() {
        CoercionResult result = coerce(
                "suivis[7].date", "2024-05-02", "suivis[7].type", "appel", "suivis[7].resume", "Deuxième",
                "suivis[3].date", "", "suivis[3].resume", "  ",
                "suivis[1].date", "2024-05-01", "suivis[1].type", "entretien", "suivis[1].resume", "Premier");

        JsonNode rows = result.data().path("suivis");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.path(0).path("resume").asText()).isEqualTo("Premier");
        assertThat(rows.path(1).path("resume").asText()).isEqualTo("Deuxième");
    }

    @Test
    void all_rows_blank_means_no_array() {
        CoercionResult result = coerce("membres_foyer[0].nom", "", "membres_foyer[0].a_charge", "");

        assertThat(result.data().has("membres_foyer")).isFalse();
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void empty_strings_are_absent_and_empty_optional_sections_too() {
        CoercionResult result = coerce("contact.ville", "", "contact.email", "   ",
                "notes_confidentielles.contenu", "");

        assertThat(result.data().has("contact")).isFalse();
        assertThat(result.data().has("notes_confidentielles")).isFalse();
    }

    @Test
    void required_sections_are_kept_empty_so_errors_point_at_their_fields() {
        CoercionResult result = coercer.coerce(SCHEMA, Map.of());

        assertThat(result.data()).isEqualTo(Fixtures.parse("{\"accompagnement\":{},\"identite\":{}}"));
    }

    @Test
    void text_is_trimmed_with_line_ends_normalised_and_markup_kept_verbatim() {
        CoercionResult result = coerce("suivis[0].resume", "  <b>Entretien</b>\r\nsuite\r ",
                "identite.nom", "<script>alert(1)</script>");

        assertThat(result.data().at("/suivis/0/resume").asText()).isEqualTo("<b>Entretien</b>\nsuite");
        assertThat(result.data().at("/identite/nom").asText()).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void french_typed_date_is_stored_as_iso() {
        CoercionResult result = coerce("identite.date_naissance", "7/4/1990", "accompagnement.date_ouverture", "2024-13-01");

        assertThat(result.data().at("/identite/date_naissance").asText()).isEqualTo("1990-04-07");
        assertThat(result.data().at("/accompagnement/date_ouverture").asText()).isEqualTo("2024-13-01");
    }

    @Test
    void control_fields_starting_with_underscore_are_ignored() {
        CoercionResult result = coerce("_csrf", "abc", "_version", "3", "identite.nom", "Martin");

        assertThat(result.errors()).isEmpty();
        assertThat(result.data().has("_csrf")).isFalse();
        assertThat(result.data().at("/identite/nom").asText()).isEqualTo("Martin");
    }

    @Test
    void unknown_name_is_refused_with_its_path_and_kept_out_of_the_data() {
        CoercionResult result = coerce("identite.nom", "Martin", "identite.religion", "x", "champ_libre", "y",
                "membres_foyer[4].nom", "Paul", "membres_foyer[4].surnom", "Polo");

        assertThat(result.errors()).extracting(FieldError::path, FieldError::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/champ_libre", "additionalProperties"),
                org.assertj.core.groups.Tuple.tuple("/identite/religion", "additionalProperties"),
                org.assertj.core.groups.Tuple.tuple("/membres_foyer/0/surnom", "additionalProperties"));
        assertThat(result.errors()).extracting(FieldError::message)
                .containsOnly("Ce champ ne fait pas partie du formulaire.");
        assertThat(result.data().toString()).doesNotContain("religion", "champ_libre", "surnom", "Polo");
    }

    @Test
    void field_hidden_for_a_service_is_refused_when_posted() {
        JsonNode serviceB = Fixtures.json("effective-service-b.json");

        CoercionResult result = coercer.coerce(serviceB,
                post("accompagnement.antenne", "nord", "prevention_expulsions.stade", "audience"), Locale.ENGLISH);

        assertThat(result.errors()).extracting(FieldError::path)
                .containsExactlyInAnyOrder("/accompagnement/antenne", "/prevention_expulsions");
        assertThat(result.errors()).extracting(FieldError::message).containsOnly("This field is not part of the form.");
        assertThat(result.data().path("accompagnement").has("antenne")).isFalse();
        assertThat(result.data().has("prevention_expulsions")).isFalse();
    }

    @Test
    void malformed_names_are_refused() {
        CoercionResult result = coerce("identite..nom", "a", "membres_foyer[abc].nom", "b",
                "membres_foyer[99999999999].nom", "c", "membres_foyer[201].nom", "d", "identite.nom[0]", "e",
                "membres_foyer[0]", "f", "identite", "g", "membres_foyer[01].nom", "h", "contact.ville.", "i", "membres_foyer[0][1]", "j", "x[]", "k", "[0]", "l");

        assertThat(result.errors()).as("one per field").hasSize(7);
        assertThat(result.errors()).extracting(FieldError::code).containsOnly("malformedName");
        assertThat(result.errors()).extracting(FieldError::path).contains("/identite", "/membres_foyer", "/identite/nom");
        assertThat(result.data()).isEqualTo(Fixtures.parse("{\"accompagnement\":{},\"identite\":{}}"));
    }

    @Test
    void row_index_up_to_ten_times_max_items_is_accepted() {
        CoercionResult result = coerce("membres_foyer[200].nom", "Martin");

        assertThat(result.errors()).isEmpty();
        assertThat(result.data().at("/membres_foyer/0/nom").asText()).isEqualTo("Martin");
    }

    @Test
    void rows_beyond_the_groups_max_items_are_refused_on_the_group_before_they_are_typed() {
        List<String> fields = new java.util.ArrayList<>();
        for (int row = 0; row < 25; row++) {
            fields.addAll(List.of("membres_foyer[" + row + "].nom", "Durand" + row, "membres_foyer[" + row + "].prenom", "Léo",
                    "membres_foyer[" + row + "].lien", "enfant"));
        }

        CoercionResult result = coercer.coerce(SCHEMA, post(fields.toArray(String[]::new)), Locale.ENGLISH);

        assertThat(result.errors()).extracting(FieldError::path, FieldError::code, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/membres_foyer", "maxItems", "“Household members” can hold 20 rows at most"));
        assertThat(result.data().get("membres_foyer")).hasSize(20);
        assertThat(result.data().at("/membres_foyer/19/nom").asText()).isEqualTo("Durand19");
    }

    @Test
    void a_flood_of_bad_names_gives_one_error_per_field_and_at_most_fifty() {
        List<String> fields = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            fields.addAll(List.of("membres_foyer[" + (300 + i) + "].nom", "x", "inconnu_" + i, "y"));
        }

        CoercionResult result = coercer.coerce(SCHEMA, post(fields.toArray(String[]::new)));

        assertThat(result.errors()).hasSize(50);
        assertThat(result.errors()).filteredOn(error -> error.path().equals("/membres_foyer")).hasSize(1);
    }

    @Test
    void a_saved_rows_identity_stays_in_its_row_even_when_every_field_is_blank() {
        CoercionResult result = coerce("membres_foyer[0]._row", "2", "membres_foyer[0].nom", "Durand",
                "membres_foyer[3]._row", "0", "membres_foyer[3].nom", "",
                "membres_foyer[5]._row", "x1", "membres_foyer[5].nom", "Roux",
                "membres_foyer[6].nom", "");

        assertThat(result.errors()).isEmpty();
        JsonNode rows = result.data().get("membres_foyer");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("_row").intValue()).isEqualTo(2);
        assertThat(rows.get(1).get("_row").intValue()).isZero();
        assertThat(rows.get(1).has("nom")).isFalse();
        assertThat(rows.get(2).get("_row").asText()).as("kept for the record service to refuse").isEqualTo("x1");
    }

    @Test
    void a_row_identity_outside_a_row_is_an_unknown_field() {
        CoercionResult result = coerce("identite._row", "1", "_row", "2", "membres_foyer[0]._row.x", "1");

        assertThat(result.errors()).extracting(FieldError::path, FieldError::code).contains(
                org.assertj.core.groups.Tuple.tuple("/identite/_row", "additionalProperties"));
        assertThat(result.data().toString()).doesNotContain("_row");
    }
}
