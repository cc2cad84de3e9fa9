package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A custom field read from and written back to the customisation. */
class CustomFieldTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void every_property_is_written_back_as_it_was_stored() {
        JsonNode stored = json("""
                {'key': 'canal', 'type': 'singleChoice', 'section': 'accompagnement',
                 'label': {'fr': 'Canal', 'en': 'Channel'}, 'hint': {'fr': 'Le premier', 'en': 'The first'},
                 'required': true, 'confidential': false, 'order': 90,
                 'options': [{'value': 'tel', 'label': {'fr': 'Téléphone', 'en': 'Phone'}}, {'value': 'guichet'}],
                 'visibleWhen': {'field': 'accompagnement.statut', 'equals': 'en_cours', 'oneOf': ['clos', 3, true]},
                 'gdpr': {'purpose': 'Suivi', 'legalBasis': 'public-task', 'category': 'contact', 'specialCategory': true},
                 'hidden': false}
                """);

        CustomField field = CustomField.fromJson(stored);

        assertThat(field.toJson()).isEqualTo(stored);
        assertThat(field.toJson().toString()).as("in the same order").isEqualTo(stored.toString());
        assertThat(field.key()).isEqualTo("canal");
        assertThat(field.section()).contains("accompagnement");
        assertThat(field.label()).containsExactly(Map.entry("fr", "Canal"), Map.entry("en", "Channel"));
        assertThat(field.isRequired()).isTrue();
        assertThat(field.orderOrDefault()).isEqualTo(90);
        assertThat(field.options()).extracting(CustomField.Option::value).containsExactly("tel", "guichet");
        assertThat(field.visibleWhen().orElseThrow().values()).containsExactly(json("'clos'"), json("3"), json("true"),
                json("'en_cours'"));
        assertThat(field.gdpr().orElseThrow().specialCategory()).contains(true);
    }

    @Test
    void choices_left_out_stay_out_and_read_as_their_defaults() {
        JsonNode stored = json("{'key': 'numero', 'type': 'text', 'label': {'fr': 'Numéro'}}");

        CustomField field = CustomField.fromJson(stored);

        assertThat(field.toJson().toString()).isEqualTo(stored.toString());
        assertThat(field.isRequired()).isFalse();
        assertThat(field.isConfidential()).isFalse();
        assertThat(field.isHidden()).isFalse();
        assertThat(field.orderOrDefault()).isEqualTo(CustomField.DEFAULT_ORDER);
        assertThat(field.section()).isEmpty();
        assertThat(field.visibleWhen()).isEmpty();
        assertThat(field.gdpr()).isEmpty();
    }

    @Test
    void a_field_as_the_designer_adds_it_is_written_back_to_the_same_text() {
        String added = "{\"key\":\"telephone_pro\",\"type\":\"phone\",\"section\":\"contact\",\"label\":{\"fr\":\"Téléphone pro\"},"
                + "\"hint\":{\"fr\":\"Ligne directe\"},\"required\":false,\"confidential\":false,\"order\":1000,"
                + "\"visibleWhen\":{\"field\":\"contact.email\",\"oneOf\":[]},"
                + "\"gdpr\":{\"purpose\":\"Joindre la personne\",\"legalBasis\":\"\"}}";

        assertThat(CustomField.fromJson(json(added)).toJson().toString()).isEqualTo(added);
    }

    @Test
    void malformed_input_is_read_without_refusal_for_the_compiler_to_report() {
        CustomField notAnObject = CustomField.fromJson(json("'texte'"));
        assertThat(notAnObject.key()).isEmpty();
        assertThat(notAnObject.type()).isEmpty();

        CustomField odd = CustomField.fromJson(json("""
                {'key': 5, 'type': 'singleChoice', 'label': {'fr': 5, 'en': 'Five'}, 'options': 'a,b',
                 'visibleWhen': {'field': 'accompagnement.statut'}, 'order': 'soon'}
                """));
        assertThat(odd.key()).isEqualTo("5");
        assertThat(odd.label()).as("only texts are labels").containsExactly(Map.entry("en", "Five"));
        assertThat(odd.options()).isEmpty();
        assertThat(odd.visibleWhen()).contains(new CustomField.VisibleWhen("accompagnement.statut", Optional.empty(),
                Optional.empty()));
        assertThat(odd.orderOrDefault()).isEqualTo(CustomField.DEFAULT_ORDER);
    }

    @Test
    void the_edit_form_keeps_key_type_order_and_visibility_as_stored() {
        CustomField edited = CustomField.fromJson(json("{'key': 'autre', 'type': 'text', 'label': {'fr': 'Canal'}}"))
                .withFixed("canal", "singleChoice", 30, true);

        assertThat(edited.toJson()).isEqualTo(json(
                "{'key': 'canal', 'type': 'singleChoice', 'label': {'fr': 'Canal'}, 'order': 30, 'hidden': true}"));
    }
}
