package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.dossier.validation.FieldError;
import org.dossier.validation.Messages;
import org.dossier.validation.RecordValidator;
import org.junit.jupiter.api.Test;

/** Base schema + a service's customisation → the service's form definition. */
class CustomisationCompilerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CustomisationCompiler compiler = new CustomisationCompiler();
    private final MetaSchema metaSchema = new MetaSchema();
    private final FormCompiler forms = new FormCompiler();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Compiles, then checks the result is a definition the engine accepts and can validate with. */
    private CompiledForm publish(JsonNode base, JsonNode customisation) {
        ObjectNode definition = compiler.compile(base, customisation).definition();
        metaSchema.check(definition);
        return forms.compile("dossier", 1, definition);
    }

    private static List<FieldError> errors(CompiledForm form, JsonNode data) {
        return new RecordValidator(new Messages()).validate(form, data, Locale.FRENCH);
    }

    private static ObjectNode minimalRecord() {
        return (ObjectNode) json("""
                {'accompagnement': {'statut': 'en_cours', 'date_ouverture': '2025-01-06'},
                 'identite': {'nom': 'Durand', 'prenom': 'Inès'}}
                """);
    }

    @Test
    void an_empty_customisation_gives_the_base_form() {
        JsonNode base = BaseSchema.baseSchema();

        assertThat(compiler.compile(base, json("{}")).definition()).isEqualTo(base);
        assertThat(compiler.compile(base, null).problems()).isEmpty();
    }

    @Test
    void base_fields_can_be_hidden_required_relabelled_and_reordered() {
        JsonNode customisation = json("""
                {'fields': {
                   'accompagnement.antenne': {'hidden': true},
                   'contact.telephone': {'required': true, 'label': {'fr': 'Portable'}, 'hint': {'en': 'Mobile first'}, 'order': 1},
                   'identite.prenom': {'required': false}}}
                """);

        ObjectNode definition = compiler.compile(BaseSchema.baseSchema(), customisation).definition();

        assertThat(definition.at("/properties/accompagnement/properties/antenne/x-hidden").asBoolean()).isTrue();
        JsonNode telephone = definition.at("/properties/contact/properties/telephone");
        assertThat(telephone.at("/x-label/fr").asText()).isEqualTo("Portable");
        assertThat(telephone.at("/x-label/en").asText()).as("the other language is kept").isNotEmpty();
        assertThat(telephone.at("/x-hint/en").asText()).isEqualTo("Mobile first");
        assertThat(telephone.get("x-order").asInt()).isEqualTo(1);
        assertThat(definition.at("/properties/contact/required").toString()).contains("telephone");
        assertThat(definition.at("/properties/identite/required").toString()).doesNotContain("prenom").contains("nom");

        CompiledForm form = publish(BaseSchema.baseSchema(), customisation);
        ObjectNode record = minimalRecord();
        ((ObjectNode) record.get("identite")).remove("prenom");
        record.putObject("contact").put("ville", "Lyon");
        assertThat(errors(form, record)).extracting(FieldError::path).containsExactly("/contact/telephone");
    }

    @Test
    void custom_fields_of_every_type_validate_as_their_type_says() {
        JsonNode customisation = json("""
                {'customFields': [
                  {'key': 'numero_allocataire', 'type': 'text', 'section': 'identite', 'required': true,
                   'label': {'fr': 'Numéro allocataire', 'en': 'Benefit number'}, 'hint': {'fr': '7 chiffres'},
                   'gdpr': {'purpose': 'Accès aux droits', 'legalBasis': 'public-task'}},
                  {'key': 'observations', 'type': 'longText', 'label': {'fr': 'Observations'}, 'confidential': true},
                  {'key': 'nombre_visites', 'type': 'number', 'section': 'accompagnement', 'label': {'fr': 'Visites'}},
                  {'key': 'date_relance', 'type': 'date', 'label': {'fr': 'Relance'}},
                  {'key': 'accord_partage', 'type': 'yesNo', 'label': {'fr': 'Accord de partage'}},
                  {'key': 'canal', 'type': 'singleChoice', 'label': {'fr': 'Canal'},
                   'options': [{'value': 'telephone', 'label': {'fr': 'Téléphone'}}, {'value': 'guichet'}]},
                  {'key': 'besoins', 'type': 'multipleChoice', 'label': {'fr': 'Besoins'},
                   'options': [{'value': 'alimentaire'}, {'value': 'energie'}]},
                  {'key': 'courriel_referent', 'type': 'email', 'label': {'fr': 'Courriel du référent'}},
                  {'key': 'tel_referent', 'type': 'phone', 'label': {'fr': 'Téléphone du référent'}}]}
                """);
        CompiledForm form = publish(BaseSchema.baseSchema(), customisation);

        ObjectNode valid = minimalRecord();
        valid.put("numero_allocataire", "1234567").put("observations", "RAS").put("nombre_visites", 3)
                .put("date_relance", "2025-02-01").put("accord_partage", true).put("canal", "guichet")
                .put("courriel_referent", "referent@example.org").put("tel_referent", "06 12 34 56 78");
        valid.putArray("besoins").add("energie");
        assertThat(errors(form, valid)).isEmpty();

        ObjectNode invalid = minimalRecord();
        invalid.put("nombre_visites", "trois").put("date_relance", "demain").put("accord_partage", "oui")
                .put("canal", "courrier").put("courriel_referent", "pas un courriel").put("tel_referent", "abc");
        invalid.putArray("besoins").add("logement");
        assertThat(errors(form, invalid)).extracting(FieldError::path).contains("/numero_allocataire", "/nombre_visites",
                "/date_relance", "/accord_partage", "/canal", "/besoins/0", "/courriel_referent", "/tel_referent");

        JsonNode definition = form.definition();
        assertThat(definition.at("/properties/numero_allocataire/x-section").asText()).isEqualTo("identite");
        assertThat(definition.at("/properties/observations/x-confidential").asBoolean()).isTrue();
        assertThat(definition.at("/properties/canal/x-enum-labels/telephone/fr").asText()).isEqualTo("Téléphone");
        assertThat(definition.at("/properties/canal/x-enum-labels/guichet/fr").asText()).isEqualTo("guichet");
        assertThat(form.confidential().pointers()).contains("/observations");
    }

    @Test
    void a_visible_when_condition_shows_a_custom_field_only_for_the_chosen_answers() {
        JsonNode customisation = json("""
                {'customFields': [
                  {'key': 'motif_cloture', 'type': 'text', 'section': 'accompagnement', 'required': true,
                   'label': {'fr': 'Motif de clôture'},
                   'visibleWhen': {'field': 'accompagnement.statut', 'oneOf': ['clos']}}]}
                """);
        CompiledForm form = publish(BaseSchema.baseSchema(), customisation);

        assertThat(errors(form, minimalRecord())).as("hidden while the case is open, so not required").isEmpty();
        ObjectNode closed = minimalRecord();
        ((ObjectNode) closed.get("accompagnement")).put("statut", "clos").put("date_cloture", "2025-03-01");
        assertThat(errors(form, closed)).extracting(FieldError::path).contains("/motif_cloture");
    }

    @Test
    void a_module_switched_off_hides_its_sections() {
        ObjectNode definition = compiler.compile(BaseSchema.baseSchema(),
                json("{'modules': {'prevention-expulsions': false}}")).definition();

        assertThat(definition.at("/properties/prevention_expulsions/x-hidden").asBoolean()).isTrue();
        assertThat(compiler.compile(BaseSchema.baseSchema(), json("{'modules': {'prevention-expulsions': true}}"))
                .definition().at("/properties/prevention_expulsions/x-hidden").isMissingNode()).isTrue();
    }

    @Test
    void an_improved_base_reaches_the_service_except_where_its_own_choices_say_otherwise() {
        JsonNode customisation = json("""
                {'fields': {'identite.nom': {'label': {'fr': 'Nom de famille'}},
                            'identite.ancien_champ': {'hidden': true}},
                 'customFields': [{'key': 'numero_allocataire', 'type': 'text', 'section': 'identite',
                                   'label': {'fr': 'Numéro allocataire'}}]}
                """);
        ObjectNode improved = (ObjectNode) BaseSchema.baseSchema();
        ObjectNode identite = (ObjectNode) improved.at("/properties/identite/properties");
        identite.putObject("nationalite").put("type", "string").put("maxLength", 100)
                .putObject("x-label").put("fr", "Nationalité");
        ((ObjectNode) identite.get("nom")).putObject("x-label").put("fr", "Nom (nouveau libellé du socle)").put("en", "Surname");

        CustomisationCompiler.Result result = compiler.compile(improved, customisation);

        ObjectNode definition = result.definition();
        assertThat(definition.at("/properties/identite/properties/nationalite/x-label/fr").asText()).isEqualTo("Nationalité");
        assertThat(definition.at("/properties/identite/properties/nom/x-label/fr").asText()).isEqualTo("Nom de famille");
        assertThat(definition.at("/properties/identite/properties/nom/x-label/en").asText()).isEqualTo("Surname");
        assertThat(definition.at("/properties/numero_allocataire/x-section").asText()).isEqualTo("identite");
        assertThat(result.problems()).extracting(DefinitionProblem::path).containsExactly("/fields/identite.ancien_champ");
        metaSchema.check(definition);
    }

    @Test
    void a_malformed_customisation_is_refused_with_the_path_of_each_problem() {
        JsonNode customisation = json("""
                {'fields': {'identite.nom': {'colour': 'red'}},
                 'customFields': [
                   {'key': 'Majuscule', 'type': 'text', 'label': {'fr': 'x'}},
                   {'key': 'identite', 'type': 'text', 'label': {'fr': 'x'}},
                   {'key': 'inconnu', 'type': 'signature', 'label': {'fr': 'x'}},
                   {'key': 'sans_options', 'type': 'singleChoice', 'label': {'fr': 'x'}},
                   {'key': 'sans_libelle', 'type': 'text'},
                   {'key': 'mauvaise_section', 'type': 'text', 'section': 'nulle_part', 'label': {'fr': 'x'}},
                   {'key': 'mauvaise_condition', 'type': 'text', 'label': {'fr': 'x'}, 'visibleWhen': {'field': 'nulle.part', 'equals': 1}}],
                 'modules': {'prevention-expulsions': 'non'}}
                """);

        assertThatThrownBy(() -> compiler.compile(BaseSchema.baseSchema(), customisation))
                .isInstanceOfSatisfying(InvalidFormDefinitionException.class, e -> assertThat(e.problems())
                        .extracting(DefinitionProblem::path)
                        .containsExactlyInAnyOrder("/modules/prevention-expulsions", "/fields/identite.nom/colour",
                                "/customFields/0/key", "/customFields/1/key", "/customFields/2/type",
                                "/customFields/3/options", "/customFields/4/label", "/customFields/5/section",
                                "/customFields/6/visibleWhen/field"));
    }

    @Test
    void each_malformed_custom_field_is_reported_with_its_path_and_what_is_wrong() {
        JsonNode customisation = json("""
                {'customFields': [
                   {'key': 'Majuscule', 'type': 'text', 'label': {'fr': 'x'}},
                   {'key': 'identite', 'type': 'text', 'label': {'fr': 'x'}},
                   {'key': 'inconnu', 'type': 'signature', 'label': {'fr': 'x'}},
                   {'key': 'sans_options', 'type': 'singleChoice', 'label': {'fr': 'x'}},
                   {'key': 'sans_libelle', 'type': 'text'},
                   {'key': 'mauvaise_section', 'type': 'text', 'section': 'nulle_part', 'label': {'fr': 'x'}},
                   {'key': 'mauvaise_condition', 'type': 'text', 'label': {'fr': 'x'}, 'visibleWhen': {'field': 'nulle.part', 'equals': 1}},
                   {'key': 'libelle_nombre', 'type': 'text', 'label': {'fr': 5}},
                   {'key': 'doublon', 'type': 'multipleChoice', 'label': {'fr': 'x'}, 'options': [{'value': 'a'}, {'value': 'a'}]},
                   {'key': 'condition_vide', 'type': 'text', 'label': {'fr': 'x'}, 'visibleWhen': {'field': 'accompagnement.statut'}},
                   {'key': 'options_texte', 'type': 'singleChoice', 'label': {'fr': 'x'}, 'options': 'a,b'},
                   {'key': 5, 'type': 'text', 'label': {'fr': 'x'}},
                   'pas un objet',
                   {'key': 'libelle_blanc', 'type': 'text', 'label': {'fr': '  '}},
                   {'key': 'option_sans_valeur', 'type': 'singleChoice', 'label': {'fr': 'x'}, 'options': [{'label': {'fr': 'A'}}]}]}
                """);

        String lowerCase = "lower-case letters, digits and underscores, starting with a letter";
        assertThatThrownBy(() -> compiler.compile(BaseSchema.baseSchema(), customisation))
                .isInstanceOfSatisfying(InvalidFormDefinitionException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                new DefinitionProblem("/customFields/0/key", "key", lowerCase),
                                new DefinitionProblem("/customFields/1/key", "key", "the form already has a field identite"),
                                new DefinitionProblem("/customFields/2/type", "type",
                                        "one of date, email, longText, multipleChoice, number, phone, singleChoice, text, yesNo"),
                                new DefinitionProblem("/customFields/3/options", "options", "a choice needs at least one option"),
                                new DefinitionProblem("/customFields/4/label", "label", "a French label is required"),
                                new DefinitionProblem("/customFields/5/section", "section", "no section nulle_part"),
                                new DefinitionProblem("/customFields/6/visibleWhen/field", "visibleWhen", "no field nulle.part"),
                                new DefinitionProblem("/customFields/7/label", "label", "a French label is required"),
                                new DefinitionProblem("/customFields/8/options/1/value", "options",
                                        "each option needs a value of its own"),
                                new DefinitionProblem("/customFields/9/visibleWhen", "visibleWhen", "say \"equals\" or \"oneOf\""),
                                new DefinitionProblem("/customFields/10/options", "options", "a choice needs at least one option"),
                                new DefinitionProblem("/customFields/11/key", "key", lowerCase),
                                new DefinitionProblem("/customFields/12/key", "key", lowerCase),
                                new DefinitionProblem("/customFields/13/label", "label", "a French label is required"),
                                new DefinitionProblem("/customFields/14/options/0/value", "options",
                                        "each option needs a value of its own")));
    }

    @Test
    void a_custom_field_compiles_to_the_vocabulary_with_every_choice_it_makes() {
        JsonNode customisation = json("""
                {'customFields': [
                   {'key': 'canal', 'type': 'multipleChoice', 'section': 'accompagnement',
                    'label': {'fr': 'Canal', 'en': 'Channel'}, 'hint': {'fr': 'Un ou plusieurs'},
                    'required': true, 'confidential': true, 'hidden': true, 'order': 7,
                    'options': [{'value': 'tel', 'label': {'fr': 'Téléphone'}}, {'value': 'guichet'}],
                    'visibleWhen': {'field': 'accompagnement.statut', 'equals': 'en_cours'},
                    'gdpr': {'purpose': 'Suivi', 'legalBasis': 'public-task', 'category': 'contact', 'specialCategory': false}}]}
                """);

        JsonNode field = compiler.compile(BaseSchema.baseSchema(), customisation).definition().at("/properties/canal");

        assertThat(field).isEqualTo(json("""
                {'type': 'array', 'uniqueItems': true, 'items': {'type': 'string', 'enum': ['tel', 'guichet']},
                 'x-enum-labels': {'tel': {'fr': 'Téléphone'}, 'guichet': {'fr': 'guichet'}},
                 'x-label': {'fr': 'Canal', 'en': 'Channel'}, 'x-hint': {'fr': 'Un ou plusieurs'},
                 'x-section': 'accompagnement', 'x-order': 7, 'x-confidential': true, 'x-hidden': true,
                 'x-gdpr': {'purpose': 'Suivi', 'legalBasis': 'public-task', 'category': 'contact', 'specialCategory': false},
                 'x-visible-when': {'required': ['accompagnement'], 'properties': {'accompagnement':
                    {'required': ['statut'], 'properties': {'statut': {'const': 'en_cours'}}}}}}
                """));
    }

    @Test
    void a_custom_field_shown_by_a_confidential_custom_field_is_refused_unless_confidential_itself() {
        JsonNode base = BaseSchema.baseSchema();
        String fields = """
                {'customFields': [
                  {'key': 'signalement', 'type': 'yesNo', 'section': 'identite', 'label': {'fr': 'Signalement'},
                   'confidential': true},
                  {'key': 'suivi_signalement', 'type': 'text', 'section': 'identite', 'label': {'fr': 'Suivi'}%s,
                   'visibleWhen': {'field': 'signalement', 'equals': true}}]}
                """;

        assertThatThrownBy(() -> publish(base, json(fields.formatted(""))))
                .isInstanceOf(InvalidFormDefinitionException.class)
                .satisfies(refused -> assertThat(((InvalidFormDefinitionException) refused).problems())
                        .extracting(DefinitionProblem::path)
                        .containsExactly("/properties/suivi_signalement/x-visible-when"));
        CompiledForm accepted = publish(base, json(fields.formatted(", 'confidential': true")));
        assertThat(accepted.confidential().pointers()).contains("/signalement", "/suivi_signalement");
    }
}
