package org.dossier.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.dossier.form.CustomField;
import org.junit.jupiter.api.Test;

/** The designer's custom field form, posted and shown again. */
class CustomFieldFormTest {

    private static Map<String, List<String>> posted(String... nameValues) {
        Map<String, List<String>> posted = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            posted.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return posted;
    }

    @Test
    void a_filled_form_is_stored_in_the_shape_the_designer_always_wrote() {
        Map<String, String> entered = CustomFieldForm.entered(posted("key", " canal ", "type", "singleChoice",
                "section", "accompagnement", "labelFr", " Canal ", "labelEn", "Channel", "hintFr", "Le premier",
                "options", "tel|Téléphone\n\nguichet", "whenField", "accompagnement.statut",
                "whenValues", "en_cours, 3, true,", "purpose", " Suivi ", "legalBasis", "consent",
                "required", "on", "confidential", ""));

        String stored = CustomFieldForm.parse(entered).toJson().toString();

        assertThat(stored).isEqualTo("{\"key\":\"canal\",\"type\":\"singleChoice\",\"section\":\"accompagnement\","
                + "\"label\":{\"fr\":\"Canal\",\"en\":\"Channel\"},\"hint\":{\"fr\":\"Le premier\"},"
                + "\"required\":true,\"confidential\":false,\"order\":1000,"
                + "\"options\":[{\"value\":\"tel\",\"label\":{\"fr\":\"Téléphone\"}},{\"value\":\"guichet\",\"label\":{\"fr\":\"guichet\"}}],"
                + "\"visibleWhen\":{\"field\":\"accompagnement.statut\",\"oneOf\":[\"en_cours\",3,true]},"
                + "\"gdpr\":{\"purpose\":\"Suivi\",\"legalBasis\":\"consent\"}}");
    }

    @Test
    void an_empty_form_gives_a_field_the_compiler_refuses_rather_than_nothing() {
        String stored = CustomFieldForm.parse(CustomFieldForm.entered(Map.of())).toJson().toString();

        assertThat(stored).isEqualTo("{\"key\":\"\",\"type\":\"\",\"label\":{\"fr\":\"\"},\"required\":false,"
                + "\"confidential\":false,\"order\":1000}");
    }

    @Test
    void a_stored_field_is_shown_as_it_was_typed() {
        Map<String, String> typed = Map.ofEntries(Map.entry("key", "canal"), Map.entry("type", "multipleChoice"),
                Map.entry("section", "contact"), Map.entry("labelFr", "Canal"), Map.entry("labelEn", ""),
                Map.entry("hintFr", "Un ou plusieurs"), Map.entry("options", "tel|Téléphone\nguichet|Au guichet"),
                Map.entry("whenField", "accompagnement.statut"), Map.entry("whenValues", "en_cours, 2"),
                Map.entry("purpose", "Suivi"), Map.entry("legalBasis", "public-task"), Map.entry("required", "on"),
                Map.entry("confidential", ""));

        CustomField field = CustomFieldForm.parse(typed);

        assertThat(CustomFieldForm.entered(field)).isEqualTo(typed);
    }

    @Test
    void the_edit_form_keeps_the_stored_key_and_type() {
        CustomField existing = CustomFieldForm.parse(Map.of("key", "canal", "type", "singleChoice", "labelFr", "Canal"));

        Map<String, String> entered = CustomFieldForm.edited(posted("key", "autre", "type", "text", "labelFr", "Autre"),
                existing);

        assertThat(entered).containsEntry("key", "canal").containsEntry("type", "singleChoice")
                .containsEntry("labelFr", "Autre");
    }

    @Test
    void a_condition_value_is_a_number_only_within_the_digits_a_stored_number_may_have() {
        assertThat(CustomFieldForm.literal("-12.5").decimalValue()).isEqualByComparingTo("-12.5");
        assertThat(CustomFieldForm.literal("123456789012345").isNumber()).isTrue();
        String huge = "9".repeat(500_000);
        assertThat(CustomFieldForm.literal(huge).isTextual()).as("kept as text, never parsed").isTrue();
        assertThat(CustomFieldForm.literal("1234567890123456").isTextual()).isTrue();
    }
}
