package org.dossier.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private final Messages messages = new Messages();

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/i18n/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void english_bundle_has_every_french_key_and_no_other() throws IOException {
        Properties french = bundle("errors.properties");
        Properties english = bundle("errors_en.properties");

        assertThat(english.stringPropertyNames()).isEqualTo(french.stringPropertyNames());
        assertThat(french.stringPropertyNames()).contains("error.required", "error.staleVersion", "error.malformedName");
    }

    @Test
    void field_key_wins_over_detail_and_code() {
        String message = messages.forField("/contact/telephone", "pattern", Optional.empty(), Locale.FRENCH);

        assertThat(message).isEqualTo("Saisissez un numéro de téléphone français, par exemple 06 12 34 56 78");
    }

    @Test
    void field_key_ignores_row_indexes() {
        String message = messages.forField("/identite/numero_securite_sociale", "pattern", Optional.empty(), Locale.ENGLISH);
        String rowMessage = messages.forField("/membres_foyer/12/prenom", "required", Optional.empty(), Locale.FRENCH);

        assertThat(message).isEqualTo("Enter a social security number of 13 or 15 digits, without spaces");
        assertThat(rowMessage).isEqualTo("Saisissez le prénom de chaque membre du foyer");
    }

    /** A field with every source of message but the bundle's path key, which {@code /identite/prenom} has not. */
    private static final JsonNode SCHEMA = Fixtures.parse("""
            {"type": "object", "properties": {
              "identite": {"type": "object", "x-label": {"fr": "Identité", "en": "Identity"}, "properties": {
                "prenom": {"type": "string", "maxLength": 100, "x-label": {"fr": "Prénom", "en": "First name"},
                           "x-errorMessage": {"required": {"fr": "Saisissez le prénom", "en": "Enter the first name"},
                                              "maxLength": {"fr": "Le prénom est trop long"}}},
                "statut": {"type": "string", "enum": ["a", "b", "c", "d", "e"], "x-label": {"fr": "Statut", "en": "Status"}},
                "oui": {"type": "boolean", "x-label": {"fr": "Enfants à charge", "en": "Dependent children"}},
                "loyer": {"type": "number", "minimum": 0, "x-label": {"fr": "Loyer", "en": "Rent"}},
                "motifs": {"type": "array", "items": {"type": "string", "enum": ["x"]}, "x-label": {"fr": "Motifs", "en": "Reasons"}},
                "sans_label": {"type": "string"}}},
              "contact": {"type": "object", "properties": {
                "code_postal": {"type": "string", "pattern": "^[0-9]{5}$", "x-label": {"fr": "Code postal", "en": "Postcode"},
                                "x-errorMessage": {"required": {"fr": "Saisissez le code postal"}}}}}}}
            """);

    private FieldError error(String pointer, String code, Locale locale, Object... arguments) {
        return messages.fieldError(SCHEMA, pointer, code, Optional.empty(), locale, arguments);
    }

    @Test
    void the_authors_message_comes_first_in_the_language_asked_or_in_french() {
        assertThat(error("/identite/prenom", "required", Locale.FRENCH))
                .isEqualTo(new FieldError("/identite/prenom", "required", "Saisissez le prénom", true));
        assertThat(error("/identite/prenom", "required", Locale.ENGLISH).message()).isEqualTo("Enter the first name");
        assertThat(error("/identite/prenom", "maxLength", Locale.ENGLISH, 100).message())
                .as("no English text: the French one, never a generic that hides the author's").isEqualTo("Le prénom est trop long");
        assertThat(error("/contact/code_postal", "required", Locale.FRENCH).message())
                .as("the author's message wins over the bundle's for the same path").isEqualTo("Saisissez le code postal");
    }

    @Test
    void then_the_bundle_key_of_the_fields_path_for_a_keyword_the_author_left_out() {
        assertThat(error("/contact/code_postal", "pattern", Locale.FRENCH))
                .isEqualTo(new FieldError("/contact/code_postal", "pattern",
                        "Saisissez un code postal de 5 chiffres, par exemple 75011", true));
        assertThat(error("/contact/code_postal", "pattern", Locale.ENGLISH).message())
                .isEqualTo("Enter a 5-digit postcode, like 75011");
    }

    @Test
    void then_a_pattern_naming_the_field_by_its_label_with_the_verb_of_its_input() {
        assertThat(error("/identite/statut", "required", Locale.FRENCH))
                .isEqualTo(new FieldError("/identite/statut", "required", "Sélectionnez « Statut »", true));
        assertThat(error("/identite/statut", "required", Locale.ENGLISH).message()).isEqualTo("Select “Status”");
        assertThat(error("/identite/oui", "required", Locale.FRENCH).message())
                .isEqualTo("Répondez à la question « Enfants à charge »");
        assertThat(error("/identite/motifs", "required", Locale.ENGLISH).message())
                .isEqualTo("Select at least one answer for “Reasons”");
        assertThat(error("/identite/prenom", "minLength", Locale.FRENCH, 2).message())
                .as("a keyword the author did not write for").isEqualTo("« Prénom » doit contenir au moins 2 caractères");
        assertThat(error("/identite/loyer", "minimum", Locale.ENGLISH, 0).message()).isEqualTo("“Rent” must be 0 or more");
        assertThat(messages.fieldError(SCHEMA, "/identite/loyer", "type", Optional.of("number"), Locale.FRENCH).message())
                .isEqualTo("« Loyer » doit être un nombre, par exemple 1250,50");
    }

    @Test
    void a_pattern_or_a_pointer_never_reaches_the_message() {
        FieldError error = error("/contact/code_postal", "pattern", Locale.ENGLISH, "^[0-9]{5}$");
        FieldError named = messages.fieldError(SCHEMA, "/identite/statut", "pattern", Optional.empty(), Locale.FRENCH,
                "^[a-z]+$");

        assertThat(error.message()).doesNotContain("^", "$", "/");
        assertThat(named.message()).isEqualTo("« Statut » n'a pas le format attendu");
    }

    @Test
    void last_the_generic_message_for_a_field_without_label_a_section_or_a_field_the_form_lacks() {
        assertThat(error("/identite/sans_label", "required", Locale.FRENCH))
                .isEqualTo(new FieldError("/identite/sans_label", "required", "Ce champ est obligatoire.", false));
        assertThat(error("/identite", "required", Locale.ENGLISH))
                .as("a section is not named").isEqualTo(new FieldError("/identite", "required", "This field is required.", false));
        assertThat(error("/nulle_part/champ", "required", Locale.ENGLISH).message()).isEqualTo("This field is required.");
        assertThat(error("/identite/prenom", "somethingNew", Locale.FRENCH).message())
                .as("a code with no pattern").isEqualTo("Cette valeur n'est pas valide.");
    }

    @Test
    void rows_are_found_through_their_items() {
        JsonNode schema = Fixtures.parse("""
                {"type": "object", "properties": {"membres": {"type": "array", "items": {"type": "object", "properties": {
                  "nom": {"type": "string", "x-label": {"fr": "Nom", "en": "Surname"},
                          "x-errorMessage": {"required": {"fr": "Saisissez le nom du membre", "en": "Enter the member's surname"}}}}}}}}
                """);

        assertThat(messages.fieldError(schema, "/membres/3/nom", "required", Optional.empty(), Locale.ENGLISH).message())
                .isEqualTo("Enter the member's surname");
    }

    @Test
    void detail_then_code_then_default() {
        assertThat(messages.forField("/a", "format", Optional.of("date"), Locale.FRENCH))
                .isEqualTo("Saisissez une date valide (jj/mm/aaaa).");
        assertThat(messages.forField("/a", "format", Optional.of("ipv4"), Locale.FRENCH))
                .isEqualTo("Le format n'est pas valide.");
        assertThat(messages.forField("/a", "somethingNew", Optional.empty(), Locale.FRENCH))
                .isEqualTo("Cette valeur n'est pas valide.");
        assertThat(messages.forField("/a", "somethingNew", Optional.empty(), Locale.ENGLISH))
                .isEqualTo("This value is not valid.");
    }

    @Test
    void limits_are_put_in_the_text_with_the_right_plural() {
        assertThat(messages.forField("/a", "minLength", Optional.empty(), Locale.FRENCH, 1))
                .isEqualTo("Saisissez au moins 1 caractère.");
        assertThat(messages.forField("/a", "minLength", Optional.empty(), Locale.FRENCH, 2))
                .isEqualTo("Saisissez au moins 2 caractères.");
        assertThat(messages.forField("/a", "maxItems", Optional.empty(), Locale.ENGLISH, 1))
                .isEqualTo("Keep at most one item.");
        assertThat(messages.forField("/a", "minimum", Optional.empty(), Locale.ENGLISH, 0.5))
                .isEqualTo("Enter a number greater than or equal to 0.5.");
        assertThat(messages.forField("/a", "minimum", Optional.empty(), Locale.FRENCH, 0.5))
                .isEqualTo("Saisissez un nombre supérieur ou égal à 0,5.");
    }

    @Test
    void general_messages_serve_the_web_layer() {
        assertThat(messages.general("staleVersion", Locale.FRENCH))
                .startsWith("Ce dossier a été modifié par quelqu'un d'autre entre-temps.");
        assertThat(messages.general("notFound", Locale.ENGLISH)).isEqualTo("The page or case file you asked for cannot be found.");
        assertThat(messages.general("summary", Locale.FRENCH, 3)).isEqualTo("Le formulaire contient 3 erreurs.");
        assertThat(messages.general("nothingLikeThis", Locale.FRENCH)).isEqualTo("Cette valeur n'est pas valide.");
    }

    @Test
    void languages_other_than_english_read_french_whatever_the_default_locale() {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);
            assertThat(messages.general("required", Locale.GERMAN)).isEqualTo("Ce champ est obligatoire.");
            assertThat(messages.general("required", Locale.forLanguageTag("fr-CH"))).isEqualTo("Ce champ est obligatoire.");
            assertThat(messages.general("required", Locale.UK)).isEqualTo("This field is required.");
        } finally {
            Locale.setDefault(previous);
        }
    }
}
