package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conditions evaluated without everit mean exactly what JSON Schema says they mean: every
 * simple condition, on every shape of data, answers as everit's validation of the same schema.
 */
class SimpleConditionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> KEYS = List.of("a", "b", "c");

    @Test
    void every_simple_condition_answers_as_json_schema_on_every_shape_of_data() {
        int compared = 0;
        int held = 0;
        for (int depth = 1; depth <= 3; depth++) {
            for (JsonNode test : terminals()) {
                for (int typedLevels = 0; typedLevels < (1 << depth); typedLevels++) {
                    JsonNode condition = condition(depth, test, typedLevels);
                    SimpleCondition simple = SimpleCondition.of(condition).orElseThrow(
                            () -> new AssertionError("not recognised as simple: " + condition));
                    Schema schema = EveritSchemas.load(condition);
                    for (JsonNode data : data(depth)) {
                        boolean expected = validates(schema, data);
                        assertThat(simple.holdsFor(data)).as("%s on %s", condition, data).isEqualTo(expected);
                        compared++;
                        held += expected ? 1 : 0;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(2_000);
        assertThat(held).as("both answers occur").isBetween(1, compared - 1);
    }

    @Test
    void the_conditions_of_the_common_base_are_simple() throws Exception {
        JsonNode base = JSON.readTree(new java.io.File("../schemas/socle-commun.schema.json"));
        List<JsonNode> conditions = base.findValues("x-visible-when");
        assertThat(conditions).isNotEmpty();
        assertThat(conditions).allSatisfy(condition -> assertThat(SimpleCondition.of(condition)).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"const\": \"x\"}",
            "{\"required\": [\"a\"], \"properties\": {\"a\": {\"const\": 1}}}",
            "{\"required\": [\"a\"], \"properties\": {\"a\": {\"const\": null}}}",
            "{\"required\": [\"a\"], \"properties\": {\"a\": {\"enum\": [\"x\", 2]}}}",
            "{\"required\": [\"a\"], \"properties\": {\"a\": {\"enum\": []}}}",
            "{\"required\": [\"a\"], \"properties\": {\"a\": {\"contains\": {\"const\": \"x\"}}}}",
            "{\"required\": [\"a\"], \"properties\": {\"a\": {\"const\": \"x\", \"minLength\": 1}}}",
            "{\"required\": [\"b\"], \"properties\": {\"a\": {\"const\": \"x\"}}}",
            "{\"properties\": {\"a\": {\"const\": \"x\"}}}",
            "{\"required\": [\"a\", \"b\"], \"properties\": {\"a\": {\"const\": \"x\"}}}",
            "{\"required\": [\"a\"], \"properties\": {\"a\": {\"const\": \"x\"}, \"b\": {\"const\": \"y\"}}}",
            "{\"type\": \"string\", \"required\": [\"a\"], \"properties\": {\"a\": {\"const\": \"x\"}}}",
            "{\"required\": [\"a\"], \"properties\": {\"a\": true}}",
            "{\"not\": {\"required\": [\"a\"]}}"})
    void any_other_condition_is_left_to_everit(String condition) throws Exception {
        assertThat(SimpleCondition.of(JSON.readTree(condition))).isEmpty();
    }

    @Test
    void visibility_takes_the_same_answer_from_either_evaluator() throws Exception {
        VisibleWhen visibleWhen = new VisibleWhen();
        JsonNode simple = JSON.readTree("{\"required\": [\"a\"], \"properties\": {\"a\": {\"const\": \"x\"}}}");
        JsonNode general = JSON.readTree("{\"required\": [\"a\"], \"properties\": {\"a\": {\"const\": \"x\", \"minLength\": 1}}}");
        for (String data : List.of("{\"a\": \"x\"}", "{\"a\": \"y\"}", "{}", "{\"a\": null}")) {
            VisibleWhen.Subject subject = VisibleWhen.Subject.of(JSON.readTree(data));
            assertThat(visibleWhen.isVisible(simple, subject)).as(data).isEqualTo(visibleWhen.isVisible(general, subject));
        }
        assertThat(visibleWhen.isVisible(simple, VisibleWhen.Subject.of(null))).isFalse();
        assertThat(visibleWhen.isVisible(null, VisibleWhen.Subject.of(null))).isTrue();
    }

    private static boolean validates(Schema schema, JsonNode data) {
        try {
            schema.validate(VisibleWhen.toEveritData(data));
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    /** The tests a condition ends in. */
    private static List<JsonNode> terminals() {
        List<JsonNode> tests = new ArrayList<>();
        tests.add(NODES.objectNode().put("const", "x"));
        tests.add(NODES.objectNode().put("const", true));
        tests.add(NODES.objectNode().put("const", false));
        ObjectNode strings = NODES.objectNode();
        strings.putArray("enum").add("x").add("y");
        tests.add(strings);
        ObjectNode mixed = NODES.objectNode();
        mixed.putArray("enum").add("x").add(true);
        tests.add(mixed);
        return tests;
    }

    /** A chain of {@code depth} required properties ending in {@code test}; bit i of {@code typed} types level i. */
    private static JsonNode condition(int depth, JsonNode test, int typed) {
        JsonNode condition = test.deepCopy();
        for (int level = depth - 1; level >= 0; level--) {
            ObjectNode wrapper = NODES.objectNode();
            if ((typed & (1 << level)) != 0) {
                wrapper.put("type", "object");
            }
            wrapper.putArray("required").add(KEYS.get(level));
            wrapper.putObject("properties").set(KEYS.get(level), condition);
            condition = wrapper;
        }
        return condition;
    }

    /** Every root object whose path to depth {@code depth} holds any of the values, or stops early on any of them. */
    private static List<JsonNode> data(int depth) {
        List<JsonNode> values = leaves();
        for (int level = depth - 1; level >= 0; level--) {
            List<JsonNode> next = new ArrayList<>(leaves());
            for (JsonNode inner : values) {
                ObjectNode object = NODES.objectNode();
                object.set(KEYS.get(level), inner);
                object.put("other", "x");
                next.add(object);
            }
            ObjectNode without = NODES.objectNode();
            without.put("other", "x");
            next.add(without);
            values = next;
        }
        List<JsonNode> roots = new ArrayList<>();
        values.stream().filter(JsonNode::isObject).forEach(roots::add);
        roots.add(NODES.objectNode());
        return roots;
    }

    private static List<JsonNode> leaves() {
        List<JsonNode> leaves = new ArrayList<>();
        leaves.add(NODES.nullNode());
        leaves.add(NODES.textNode("x"));
        leaves.add(NODES.textNode("y"));
        leaves.add(NODES.textNode("X"));
        leaves.add(NODES.textNode("true"));
        leaves.add(NODES.textNode(""));
        leaves.add(NODES.booleanNode(true));
        leaves.add(NODES.booleanNode(false));
        leaves.add(NODES.numberNode(1));
        leaves.add(NODES.numberNode(0));
        leaves.add(NODES.numberNode(new java.math.BigDecimal("1.5")));
        ArrayNode array = NODES.arrayNode().add("x");
        leaves.add(array);
        leaves.add(NODES.objectNode().put("x", "x"));
        return leaves;
    }
}
