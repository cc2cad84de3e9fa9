package org.dossier.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The columns of an export: the union of the versions' fields, the latest form's order first. */
class ExportColumnsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void latest_fields_in_form_order_then_fields_only_older_versions_have() throws Exception {
        JsonNode v2 = schema("""
                {"properties": {
                  "identite": {"x-order": 2, "properties": {"prenom": {"x-order": 2, "x-label": {"fr": "Prénom", "en": "First name"}},
                                                          "nom": {"x-order": 1, "x-label": {"fr": "Nom", "en": "Name"}}}},
                  "statut": {"x-order": 1, "title": "Statut"},
                  "enfants": {"x-order": 3, "x-label": {"fr": "Enfants"}, "type": "array",
                              "items": {"properties": {"prenom": {"x-label": {"fr": "Prénom"}}}}}}}
                """);
        JsonNode v1 = schema("""
                {"properties": {
                  "identite": {"properties": {"nom": {}, "surnom": {"x-label": {"fr": "Surnom"}}}},
                  "allocataire": {"x-label": {"fr": "N° allocataire"}},
                  "enfants": {"type": "array", "items": {"properties": {"prenom": {}, "age": {"title": "Âge"}}}},
                  "motifs": {"type": "array", "items": {"type": "string"}}}}
                """);

        ExportColumns columns = ExportColumns.of(List.of(v2, v1), Locale.FRENCH);

        assertThat(columns.fields()).extracting(ExportColumns.Column::key)
                .containsExactly("statut", "identite/nom", "identite/prenom", "identite/surnom", "allocataire", "motifs");
        assertThat(columns.fields()).extracting(ExportColumns.Column::label)
                .containsExactly("Statut", "Nom", "Prénom", "Surnom", "N° allocataire", "motifs");
        assertThat(columns.groups()).hasSize(1);
        assertThat(columns.groups().get(0).key()).isEqualTo("enfants");
        assertThat(columns.groups().get(0).columns()).extracting(ExportColumns.Column::key)
                .containsExactly("prenom", "age");
        assertThat(ExportColumns.of(List.of(v2, v1), Locale.ENGLISH).fields().get(2).label()).isEqualTo("First name");
    }

    @Test
    void formulas_are_neutralised_and_plain_text_left_alone() {
        assertThat(SpreadsheetText.neutralised("=1+2")).isEqualTo("'=1+2");
        assertThat(SpreadsheetText.neutralised("+33 6")).isEqualTo("'+33 6");
        assertThat(SpreadsheetText.neutralised("-5")).isEqualTo("'-5");
        assertThat(SpreadsheetText.neutralised("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetText.neutralised("Berger")).isEqualTo("Berger");
        assertThat(SpreadsheetText.neutralised(null)).isEmpty();
    }

    @Test
    void sheet_names_are_cut_cleaned_and_unique() {
        java.util.Set<String> taken = new java.util.HashSet<>();
        assertThat(XlsxExportWriter.sheetName("Dossiers", taken)).isEqualTo("Dossiers");
        assertThat(XlsxExportWriter.sheetName("dossiers", taken)).isEqualTo("dossiers (2)");
        assertThat(XlsxExportWriter.sheetName("a/b:c", taken)).isEqualTo("a b c");
        assertThat(XlsxExportWriter.sheetName("x".repeat(40), taken)).hasSize(31);
    }
}
