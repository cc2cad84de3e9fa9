package org.dossier.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
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

        assertThat(message).isEqualTo("Saisissez un numéro de téléphone français, par exemple 06 12 34 56 78.");
    }

    @Test
    void field_key_ignores_row_indexes() {
        String message = messages.forField("/identite/numero_securite_sociale", "pattern", Optional.empty(), Locale.ENGLISH);
        String rowMessage = messages.forField("/membres_foyer/12/prenom", "required", Optional.empty(), Locale.FRENCH);

        assertThat(message).isEqualTo("Enter 13 or 15 digits, without spaces.");
        assertThat(rowMessage).isEqualTo("Ce champ est obligatoire.");
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
