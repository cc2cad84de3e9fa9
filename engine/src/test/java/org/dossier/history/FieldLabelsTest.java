package org.dossier.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Labels and values as a person reads them, on a JSON fixture (no database). */
class FieldLabelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final String SCHEMA = """
            {"type": "object", "properties": {
               "foyer": {"type": "array", "x-label": {"fr": "Foyer", "en": "Household"}, "items": {"type": "object",
                  "properties": {"lien": {"type": "string", "x-label": {"fr": "Lien", "en": "Relationship"},
                                          "enum": ["enfant"], "x-enum-labels": {"enfant": {"fr": "Enfant", "en": "Child"}}}}}},
               "motifs": {"type": "array", "x-label": {"fr": "Motifs"}, "items": {"type": "string"},
                          "x-enum-labels": {"logement": {"fr": "Logement", "en": "Housing"}, "budget": {"fr": "Budget"}}},
               "ne": {"type": "string", "format": "date", "x-label": {"fr": "Né le", "en": "Born on"}},
               "ok": {"type": "boolean"}}}""";

    @Test
    void a_row_is_named_by_its_number_and_each_step_by_its_label_in_the_language() throws Exception {
        FieldLabels english = new FieldLabels(json(SCHEMA), Locale.ENGLISH);

        assertThat(english.path("/foyer/1/lien", row -> "Row " + row)).containsExactly("Household", "Row 2",
                "Relationship");
        assertThat(english.section("/foyer/1/lien")).isEqualTo("Household");
        assertThat(new FieldLabels(json(SCHEMA), Locale.FRENCH).path("/gone/field", row -> "")).containsExactly("gone",
                "field");
    }

    @Test
    void choices_yes_no_and_dates_read_as_words() throws Exception {
        FieldLabels french = new FieldLabels(json(SCHEMA), Locale.FRENCH);

        assertThat(french.value("/motifs", json("[\"logement\", \"budget\"]"), "Oui", "Non", iso -> iso))
                .isEqualTo("Logement, Budget");
        assertThat(french.value("/foyer/0/lien", json("\"enfant\""), "Oui", "Non", iso -> iso)).isEqualTo("Enfant");
        assertThat(french.value("/ok", json("true"), "Oui", "Non", iso -> iso)).isEqualTo("Oui");
        assertThat(french.value("/ne", json("\"1984-02-29\""), "Oui", "Non", iso -> "29/02/1984"))
                .isEqualTo("29/02/1984");
        assertThat(new FieldLabels(json(SCHEMA), Locale.ENGLISH).value("/motifs", json("[\"budget\"]"), "Yes", "No",
                iso -> iso)).isEqualTo("Budget");
    }
}
