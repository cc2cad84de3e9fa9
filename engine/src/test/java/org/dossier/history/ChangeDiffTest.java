package org.dossier.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a change, on JSON fixtures (no database). */
class ChangeDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA = json("""
            {"type": "object", "properties": {
               "a": {"type": "object", "properties": {"b": {"type": "string"}, "tags": {"type": "array"}}},
               "rows": {"type": "array", "items": {"type": "object", "properties": {
                   "name": {"type": "string"},
                   "health": {"type": "object", "x-confidential": true, "properties": {"note": {"type": "string"}}}}}},
               "secret": {"type": "string", "x-confidential": true}}}""");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> pointers(List<FieldChange> changes) {
        return changes.stream().map(FieldChange::pointer).toList();
    }

    @Test
    void an_empty_value_where_there_was_none_is_no_change() {
        List<FieldChange> changes = ChangeDiff.between(SCHEMA, json("""
                {"a": {"b": "x"}}"""), json("""
                {"a": {"b": "x", "tags": []}, "secret": "  ", "rows": []}"""));

        assertThat(changes).isEmpty();
    }

    @Test
    void a_list_of_choices_is_one_value_and_rows_are_walked_by_position() {
        List<FieldChange> changes = ChangeDiff.between(SCHEMA, json("""
                {"a": {"tags": ["x"]}, "rows": [{"name": "Léo", "_row": 0}, {"name": "Ana", "_row": 1}]}"""), json("""
                {"a": {"tags": ["x", "y"]}, "rows": [{"name": "Léo", "_row": 0}]}"""));

        assertThat(pointers(changes)).containsExactly("/a/tags", "/rows/1/name");
        assertThat(changes.get(0).before().orElseThrow()).isEqualTo(json("[\"x\"]"));
        assertThat(changes.get(1).after()).isEmpty();
    }

    @Test
    void a_value_under_a_confidential_property_is_confidential_at_any_depth() {
        List<FieldChange> changes = ChangeDiff.between(SCHEMA, null, json("""
                {"rows": [{"name": "Léo", "health": {"note": "suivi"}}], "secret": "s", "a": {"b": "x"}}"""));

        assertThat(changes).extracting(FieldChange::pointer, FieldChange::confidential).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/rows/0/name", false),
                org.assertj.core.groups.Tuple.tuple("/rows/0/health/note", true),
                org.assertj.core.groups.Tuple.tuple("/secret", true),
                org.assertj.core.groups.Tuple.tuple("/a/b", false));
    }

    @Test
    void a_key_holding_a_slash_stays_one_step_of_the_pointer() {
        List<FieldChange> changes = ChangeDiff.between(SCHEMA, json("{}"), json("""
                {"x/y": "1", "m~n": "2"}"""));

        assertThat(pointers(changes)).containsExactly("/x~1y", "/m~0n");
    }
}
