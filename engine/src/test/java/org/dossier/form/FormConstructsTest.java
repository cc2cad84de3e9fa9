package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The definition check refuses every draft-07 construct that cannot be a form control, naming the
 * JSON path where the author wrote it and the keyword, and accepts the constructs the engine renders
 * (camelCase keys, $ref to definitions, choices of constants, dependencies). Through
 * {@link MetaSchema#check}, which {@code FormService.publish} and {@code preview} call.
 */
class FormConstructsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MetaSchema metaSchema = new MetaSchema();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<DefinitionProblem> problems(String definition) {
        InvalidFormDefinitionException refused = catchThrowableOfType(InvalidFormDefinitionException.class,
                () -> metaSchema.check(json(definition)));
        assertThat(refused).as("refused: " + definition).isNotNull();
        return refused.problems();
    }

    @ParameterizedTest(name = "{1} at {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\",\"patternProperties\":{\"^x\":{\"type\":\"string\"}}}}}"
                + "|patternProperties|/properties/a/patternProperties",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"string\"}},"
                + "\"additionalProperties\":{\"type\":\"string\"}}}}|additionalProperties|/properties/a/additionalProperties",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"not\":{\"const\":\"x\"}}}}|not|/properties/a/not",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"oneOf\":[{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"string\"}}},"
                + "{\"type\":\"string\"}]}}}|oneOf|/properties/a/oneOf",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"array\",\"items\":[{\"type\":\"string\"},{\"type\":\"number\"}]}}}"
                + "|items|/properties/a/items",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}}"
                + "|items|/properties/a/items",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"number\"]}}}|type|/properties/a/type",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"https://example.com/address.json\"}}}|$ref|/properties/a/$ref",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/definitions/missing\"}}}|$ref|/properties/a/$ref",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\"}}}|properties|/properties/a",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"boolean\"}},\"if\":{\"properties\":{\"a\":{\"const\":true}}},"
                + "\"then\":{\"properties\":{\"b\":{\"type\":\"string\"}},\"required\":[\"b\"]}}|properties|/then/properties/b",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"boolean\"}},\"dependencies\":{\"a\":[\"c\"]}}"
                + "|dependencies|/dependencies/a",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"enum\":[{\"x\":1},\"y\"]}}}|enum|/properties/a/enum/0",
    })
    void a_construct_that_cannot_be_a_control_is_refused_with_its_path_and_keyword(String definition, String keyword,
                                                                                  String path) {
        assertThat(problems(definition)).anySatisfy(problem -> {
            assertThat(problem.keyword()).isEqualTo(keyword);
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.message()).isNotBlank();
        });
    }

    @Test
    void a_recursive_ref_is_refused_at_the_ref_that_closes_the_cycle() {
        String definition = """
                {"type": "object",
                 "definitions": {"person": {"type": "object", "properties": {
                     "name": {"type": "string"},
                     "children": {"type": "array", "items": {"$ref": "#/definitions/person"}}}}},
                 "properties": {"head": {"$ref": "#/definitions/person"}}}
                """;
        assertThat(problems(definition)).singleElement().satisfies(problem -> {
            assertThat(problem.keyword()).isEqualTo("$ref");
            assertThat(problem.path()).isEqualTo("/definitions/person/properties/children/items/$ref");
            assertThat(problem.message()).contains("recursive");
        });
    }

    @Test
    void a_refused_definition_is_not_stored_by_publish_or_preview() {
        FormService forms = new FormService(null, JSON, metaSchema, new FormCompiler());
        JsonNode definition = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\",\"patternProperties\":{}}}}");
        InvalidFormDefinitionException refused = catchThrowableOfType(InvalidFormDefinitionException.class,
                () -> forms.preview("dossier", definition));
        assertThat(refused.problems()).extracting(DefinitionProblem::keyword).contains("patternProperties");
    }

    @Test
    void camel_case_keys_refs_choices_and_dependencies_are_accepted() {
        String definition = """
                {"$schema": "http://json-schema.org/draft-07/schema#", "title": "Form", "type": "object",
                 "definitions": {"name": {"type": "string", "title": "Name", "minLength": 1}},
                 "properties": {
                   "firstName": {"$ref": "#/definitions/name", "title": "First name"},
                   "last_name2": {"type": ["string", "null"]},
                   "colour": {"type": "string", "anyOf": [{"const": "red", "title": "Red"}, {"const": "blue", "title": "Blue"}]},
                   "agree": {"type": "boolean", "const": true, "title": "I agree"},
                   "phone": {"type": "string"}},
                 "dependencies": {"agree": ["phone"], "phone": {"properties": {"phone": {"minLength": 6}}}}}
                """;
        assertThatCode(() -> metaSchema.check(json(definition))).doesNotThrowAnyException();
    }

    @Test
    void a_key_with_characters_other_than_letters_digits_and_underscore_is_refused() {
        assertThat(problems("{\"type\":\"object\",\"properties\":{\"first-name\":{\"type\":\"string\"}}}"))
                .anySatisfy(problem -> assertThat(problem.path()).startsWith("/properties"));
    }

    @Test
    void standard_keywords_become_the_vocabulary_without_changing_what_is_valid() {
        JsonNode normalized = StandardKeywords.normalize(json("""
                {"title": "Form", "type": "object",
                 "definitions": {"name": {"type": "string", "title": "Name", "description": "As on the ID card"}},
                 "properties": {
                   "firstName": {"$ref": "#/definitions/name", "title": "First name"},
                   "colour": {"type": "string", "oneOf": [{"const": "red", "title": "Red"}, {"const": "blue"}]},
                   "phone": {"type": "string"}, "sms": {"type": "boolean"}},
                 "dependencies": {"sms": ["phone"]}}
                """));
        assertThat(normalized.has("definitions")).isFalse();
        assertThat(normalized.at("/x-label/fr").asText()).isEqualTo("Form");
        assertThat(normalized.at("/properties/firstName/x-label/fr").asText()).isEqualTo("First name");
        assertThat(normalized.at("/properties/firstName/x-hint/fr").asText()).isEqualTo("As on the ID card");
        assertThat(normalized.at("/properties/firstName/type").asText()).isEqualTo("string");
        assertThat(normalized.at("/properties/colour/enum").toString()).isEqualTo("[\"red\",\"blue\"]");
        assertThat(normalized.at("/properties/colour/x-enum-labels/red/fr").asText()).isEqualTo("Red");
        assertThat(normalized.at("/properties/colour").has("oneOf")).isFalse();
        assertThat(normalized.at("/allOf/0").toString())
                .isEqualTo("{\"if\":{\"required\":[\"sms\"]},\"then\":{\"required\":[\"phone\"]}}");
    }
}
