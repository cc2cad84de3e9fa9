package org.dossier.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.form.CompiledForm;
import org.everit.json.schema.Schema;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {
    private static final JsonNode SCHEMA = Fixtures.json("effective-dossier.json");
    private static final Schema EVERIT = Fixtures.everit(SCHEMA);
    private final RecordValidator validator = new RecordValidator(new Messages());

    private List<FieldError> validate(String json, Locale locale) {
        return validator.validate(EVERIT, SCHEMA, Fixtures.parse(json), locale);
    }

    private static FieldError errorAt(List<FieldError> errors, String path) {
        return errors.stream().filter(error -> error.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no error at " + path + " in " + errors));
    }

    @Test
    void valid_record_has_no_errors() {
        assertThat(validator.validate(EVERIT, SCHEMA, Fixtures.json("record-valid.json"), Locale.FRENCH)).isEmpty();
    }

    @Test
    void missing_required_field_is_reported_on_the_field_itself() {
        List<FieldError> errors = validate("{\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"2024-01-01\"},"
                + "\"identite\":{\"prenom\":\"Léa\"}}", Locale.FRENCH);

        assertThat(errors).containsExactly(new FieldError("/identite/nom", "required", "Saisissez « Nom »", true));
    }

    @Test
    void each_missing_key_gets_its_own_error_in_english_when_asked() {
        List<FieldError> errors = validate("{}", Locale.ENGLISH);

        assertThat(errors).containsExactly(
                new FieldError("/accompagnement", "required", "This field is required."),
                new FieldError("/identite", "required", "This field is required."));
    }

    @Test
    void min_length_message_carries_its_limit() {
        JsonNode schema = Fixtures.parse("{\"type\":\"object\",\"additionalProperties\":false,"
                + "\"properties\":{\"code\":{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}}}");

        List<FieldError> french = validator.validate(Fixtures.everit(schema), schema, Fixtures.parse("{\"code\":\"a\"}"), Locale.FRENCH);
        List<FieldError> english = validator.validate(Fixtures.everit(schema), schema, Fixtures.parse("{\"code\":\"abcd\"}"), Locale.ENGLISH);

        assertThat(french).containsExactly(new FieldError("/code", "minLength", "Saisissez au moins 2 caractères."));
        assertThat(english).containsExactly(new FieldError("/code", "maxLength", "Enter at most 3 characters."));
    }

    @Test
    void pattern_uses_the_field_message_when_there_is_one_and_the_generic_one_otherwise() {
        JsonNode schema = Fixtures.parse("{\"type\":\"object\",\"properties\":{\"ref\":{\"type\":\"string\",\"pattern\":\"^[A-Z]+$\"}}}");
        List<FieldError> generic = validator.validate(Fixtures.everit(schema), schema, Fixtures.parse("{\"ref\":\"abc\"}"), Locale.FRENCH);
        List<FieldError> specific = validate("{\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"2024-01-01\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"},\"contact\":{\"code_postal\":\"750\"}}", Locale.FRENCH);

        assertThat(generic).containsExactly(new FieldError("/ref", "pattern", "Le format n'est pas valide."));
        assertThat(specific).containsExactly(new FieldError("/contact/code_postal", "pattern",
                "Saisissez un code postal de 5 chiffres, par exemple 75011", true));
    }

    @Test
    void text_in_a_number_field_is_a_type_error() {
        List<FieldError> errors = validate("{\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"2024-01-01\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"},\"logement_ressources\":{\"loyer\":\"abc\",\"nombre_personnes_foyer\":2.5}}",
                Locale.FRENCH);

        assertThat(errors).containsExactly(
                new FieldError("/logement_ressources/loyer", "type",
                        "Le loyer mensuel doit être un nombre, par exemple 450 ou 450,50", true),
                new FieldError("/logement_ressources/nombre_personnes_foyer", "type",
                        "Le nombre de personnes dans le foyer doit être un nombre entier, par exemple 3", true));
    }

    @Test
    void date_and_email_formats_have_their_own_messages() {
        List<FieldError> errors = validate("{\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"2024-02-30\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"},\"contact\":{\"email\":\"nom.exemple.fr\"}}", Locale.FRENCH);
        List<FieldError> english = validate("{\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"31/01/2024\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"}}", Locale.ENGLISH);

        assertThat(errors).containsExactly(
                new FieldError("/accompagnement/date_ouverture", "format",
                        "« Date d'ouverture » doit être une date réelle, au format jj/mm/aaaa", true),
                new FieldError("/contact/email", "format",
                        "« E-mail » doit être une adresse électronique valide, comme nom@exemple.fr", true));
        assertThat(english).containsExactly(
                new FieldError("/accompagnement/date_ouverture", "format",
                        "“Opening date” must be a real date, in the form dd/mm/yyyy", true));
    }

    @Test
    void extra_key_is_reported_on_that_key() {
        List<FieldError> errors = validate("{\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"2024-01-01\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\",\"religion\":\"x\"},\"membres_foyer\":[{\"nom\":\"A\",\"prenom\":\"B\",\"lien\":\"autre\",\"surnom\":\"C\"}]}",
                Locale.FRENCH);

        assertThat(errors).extracting(FieldError::path, FieldError::code).containsExactly(
                tuple("/identite/religion", "additionalProperties"),
                tuple("/membres_foyer/0/surnom", "additionalProperties"));
    }

    @Test
    void conditional_required_from_then_is_reported_on_the_child() {
        List<FieldError> errors = validate("{\"accompagnement\":{\"statut\":\"clos\",\"date_ouverture\":\"2024-01-01\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"},\"logement_ressources\":{\"dettes\":true},"
                + "\"prevention_expulsions\":{\"procedure_en_cours\":true}}", Locale.FRENCH);

        assertThat(errors).extracting(FieldError::path, FieldError::code).containsExactly(
                tuple("/accompagnement/date_cloture", "required"),
                tuple("/logement_ressources/montant_dettes", "required"),
                tuple("/prevention_expulsions/stade", "required"));
    }

    @Test
    void conditional_required_is_quiet_when_its_condition_is_false() {
        List<FieldError> errors = validate("{\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"2024-01-01\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"},\"logement_ressources\":{\"dettes\":false}}", Locale.FRENCH);

        assertThat(errors).isEmpty();
    }

    @Test
    void rows_beyond_max_items_are_the_only_error_reported() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"nom\":\"N\",\"prenom\":\"P\",\"lien\":\"").append(i == 3 ? "voisin" : "autre").append("\"}");
        }
        List<FieldError> errors = validate("{\"accompagnement\":{\"statut\":\"inconnu\",\"date_ouverture\":\"2024-01-01\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"},\"membres_foyer\":[" + rows + "]}", Locale.FRENCH);

        assertThat(errors).as("beyond a limit, nothing else is validated: the rows are not walked")
                .containsExactly(new FieldError("/membres_foyer", "maxItems", "« Composition du foyer » peut contenir au plus 20 lignes", true));
    }

    @Test
    void enum_errors_are_reported_where_they_happen() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"nom\":\"N\",\"prenom\":\"P\",\"lien\":\"").append(i == 3 ? "voisin" : "autre").append("\"}");
        }
        List<FieldError> errors = validate("{\"accompagnement\":{\"statut\":\"inconnu\",\"date_ouverture\":\"2024-01-01\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"},\"membres_foyer\":[" + rows + "]}", Locale.FRENCH);

        assertThat(errors).containsExactly(
                new FieldError("/accompagnement/statut", "enum",
                        "Sélectionnez une des réponses proposées pour « Statut »", true),
                new FieldError("/membres_foyer/3/lien", "enum",
                        "Sélectionnez une des réponses proposées pour « Lien avec l'usager »", true));
    }

    @Test
    void errors_come_in_the_order_the_form_shows_its_fields() {
        List<FieldError> errors = validator.validate(EVERIT, SCHEMA, Fixtures.json("record-many-errors.json"), Locale.FRENCH);

        assertThat(errors).extracting(FieldError::path, FieldError::code).containsExactly(
                tuple("/accompagnement/date_ouverture", "format"),
                tuple("/accompagnement/motifs/1", "enum"),
                tuple("/accompagnement/date_cloture", "required"),
                tuple("/identite/nom", "minLength"),
                tuple("/identite/prenom", "required"),
                tuple("/identite/numero_securite_sociale", "pattern"),
                tuple("/contact/code_postal", "pattern"),
                tuple("/contact/email", "format"),
                tuple("/membres_foyer/0/lien", "enum"),
                tuple("/membres_foyer/1/nom", "required"),
                tuple("/logement_ressources/loyer", "type"),
                tuple("/logement_ressources/nombre_personnes_foyer", "minimum"),
                tuple("/logement_ressources/montant_dettes", "required"),
                tuple("/champ_inconnu", "additionalProperties"));
        assertThat(errorAt(errors, "/identite/nom").message()).isEqualTo("« Nom » doit contenir au moins 1 caractère");
        assertThat(errorAt(errors, "/logement_ressources/nombre_personnes_foyer").message())
                .isEqualTo("Le foyer compte au moins 1 personne");
        assertThat(errorAt(errors, "/identite/numero_securite_sociale").message())
                .isEqualTo("Saisissez un numéro de sécurité sociale de 13 ou 15 chiffres, sans espace");
    }

    @Test
    void x_order_decides_over_declaration_order() {
        JsonNode schema = Fixtures.parse("{\"type\":\"object\",\"required\":[\"b\",\"a\",\"c\"],\"properties\":{"
                + "\"c\":{\"type\":\"string\"},\"a\":{\"type\":\"string\",\"x-order\":2},\"b\":{\"type\":\"string\",\"x-order\":1}}}");

        List<FieldError> errors = validator.validate(Fixtures.everit(schema), schema, Fixtures.parse("{}"), Locale.FRENCH);

        assertThat(errors).extracting(FieldError::path).containsExactly("/b", "/a", "/c");
    }

    @Test
    void maximum_is_phrased_with_a_french_number() {
        List<FieldError> errors = validate("{\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"2024-01-01\"},"
                + "\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"},\"logement_ressources\":{\"loyer\":250000}}", Locale.FRENCH);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).code()).isEqualTo("maximum");
        assertThat(errors.get(0).message().replaceAll("[\\s\\u00A0\\u202F]", " ")).isEqualTo("« Loyer mensuel (€) » doit valoir au plus 100 000");
    }

    @Test
    void compiled_form_overload_uses_its_validator_and_schema() {
        CompiledForm form = new CompiledForm("dossier", 1, SCHEMA, SCHEMA, EVERIT);

        List<FieldError> errors = validator.validate(form, Fixtures.parse("{\"identite\":{\"nom\":\"M\",\"prenom\":\"L\"}}"), Locale.FRENCH);

        assertThat(errors).containsExactly(new FieldError("/accompagnement", "required", "Ce champ est obligatoire."));
    }

    @Test
    void coerced_post_with_unparsed_number_and_empty_sections_gives_field_errors() {
        FormPostCoercer coercer = new FormPostCoercer(new Messages());
        CoercionResult coerced = coercer.coerce(SCHEMA, Map.of("logement_ressources.loyer", List.of("abc")));

        List<FieldError> errors = validator.validate(EVERIT, SCHEMA, coerced.data(), Locale.FRENCH);

        assertThat(errors).extracting(FieldError::path, FieldError::code).containsExactly(
                tuple("/accompagnement/statut", "required"),
                tuple("/accompagnement/date_ouverture", "required"),
                tuple("/identite/nom", "required"),
                tuple("/identite/prenom", "required"),
                tuple("/logement_ressources/loyer", "type"));
    }
}
