package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.dossier.form.FormFixtures.json;
import static org.dossier.form.FormFixtures.objectAt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code x-errorMessage}: an author's message per field and rule, checked before a definition is stored. */
class ErrorMessageKeywordTest {
    private static final String NOM = "/properties/identite/properties/nom";

    private final MetaSchema metaSchema = new MetaSchema();

    private List<DefinitionProblem> problemsOf(JsonNode definition) {
        InvalidFormDefinitionException refused =
                catchThrowableOfType(InvalidFormDefinitionException.class, () -> metaSchema.check(definition));
        assertThat(refused).as("the definition should be refused").isNotNull();
        return refused.problems();
    }

    @Test
    void the_base_form_gives_its_main_fields_messages_in_both_languages_and_is_accepted() {
        JsonNode base = BaseSchema.baseSchema();

        metaSchema.check(base);

        assertThat(base.at(NOM + "/x-errorMessage/required/fr").asText()).isEqualTo("Saisissez le nom");
        assertThat(base.at(NOM + "/x-errorMessage/required/en").asText()).isEqualTo("Enter the surname");
        assertThat(base.at("/properties/identite/properties/date_naissance/x-errorMessage/notFuture/fr").asText())
                .isEqualTo("La date de naissance doit être dans le passé");
        assertThat(base.at("/properties/accompagnement/properties/statut/x-errorMessage/required/fr").asText())
                .isEqualTo("Sélectionnez le statut de l'accompagnement");
    }

    @Test
    void a_message_in_french_only_is_accepted() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, NOM).set("x-errorMessage", json("{\"required\": {\"fr\": \"Saisissez le nom de famille\"}}"));

        metaSchema.check(definition);
    }

    @Test
    void a_code_that_is_not_a_keyword_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, NOM).set("x-errorMessage", json("{\"obligatoire\": {\"fr\": \"Saisissez le nom\"}}"));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple(NOM + "/x-errorMessage/obligatoire", "x-errorMessage"));
    }

    @Test
    void a_message_without_french_or_in_a_third_language_is_refused() {
        JsonNode englishOnly = BaseSchema.baseSchema();
        objectAt(englishOnly, NOM).set("x-errorMessage", json("{\"required\": {\"en\": \"Enter the surname\"}}"));
        JsonNode german = BaseSchema.baseSchema();
        objectAt(german, NOM).set("x-errorMessage",
                json("{\"required\": {\"fr\": \"Saisissez le nom\", \"de\": \"Nachname eingeben\"}}"));

        assertThat(problemsOf(englishOnly)).extracting(DefinitionProblem::keyword).containsOnly("x-errorMessage");
        assertThat(problemsOf(german)).extracting(DefinitionProblem::keyword).containsOnly("x-errorMessage");
    }

    @Test
    void a_message_for_a_rule_the_field_does_not_have_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, NOM).set("x-errorMessage", json("{\"pattern\": {\"fr\": \"Lettres seulement\"},"
                + " \"notFuture\": {\"fr\": \"Pas dans le futur\"}, \"required\": {\"fr\": \"Saisissez le nom\"}}"));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple(NOM + "/x-errorMessage/pattern", "x-errorMessage"),
                        tuple(NOM + "/x-errorMessage/notFuture", "x-errorMessage"));
    }

    @Test
    void a_blank_message_is_refused() {
        JsonNode definition = BaseSchema.baseSchema();
        objectAt(definition, NOM).set("x-errorMessage", json("{\"required\": {\"fr\": \"   \"}}"));

        assertThat(problemsOf(definition)).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                .containsExactly(tuple(NOM + "/x-errorMessage/required/fr", "x-errorMessage"));
    }
}
