package org.dossier.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Which saved rows a post leaves out: by identity when the post names rows, else by position. */
class RemovedRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA = json("""
            {"properties":{"g":{"type":"array","items":{"type":"object","properties":{"a":{"type":"string"}}}},
              "secret":{"type":"array","x-confidential":true,"items":{"type":"object","properties":{"a":{"type":"string"}}}},
              "s":{"type":"object","properties":{"h":{"type":"array","items":{"type":"object","properties":{}}}}}}}
            """);
    private static final JsonNode STORED = json("""
            {"g":[{"a":"0"},{"a":"1"},{"a":"2"}],"secret":[{"a":"x"}],"s":{"h":[{},{}]}}
            """);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rows_named_by_identity_tell_which_saved_ones_are_gone() {
        JsonNode posted = json("{\"g\":[{\"_row\":2,\"a\":\"2\"},{\"a\":\"new\"},{\"_row\":0,\"a\":\"0\"}],\"s\":{\"h\":[{\"_row\":1}]}}");

        assertThat(RemovedRows.between(SCHEMA, STORED, posted, false)).containsExactly(
                new RemovedRows.Removed("/g", 1), new RemovedRows.Removed("/s/h", 0));
    }

    @Test
    void rows_without_identities_are_matched_by_position_and_an_unseen_group_is_never_removed() {
        JsonNode posted = json("{\"g\":[{\"a\":\"0\"}],\"s\":{\"h\":[{},{}]}}");

        assertThat(RemovedRows.between(SCHEMA, STORED, posted, false)).containsExactly(
                new RemovedRows.Removed("/g", 1), new RemovedRows.Removed("/g", 2));
        assertThat(RemovedRows.between(SCHEMA, STORED, posted, true)).contains(new RemovedRows.Removed("/secret", 0));
    }
}
