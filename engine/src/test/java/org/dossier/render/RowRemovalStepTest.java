package org.dossier.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Removing a saved row is a step (asked, then confirmed or cancelled); a row not saved yet goes at once. */
class RowRemovalStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode data() throws Exception {
        return (ObjectNode) JSON.readTree("{\"g\":[{\"_row\":0,\"a\":\"saved\"},{\"a\":\"new\"}]}");
    }

    @Test
    void removing_a_saved_row_marks_it_to_be_confirmed_and_removes_nothing() throws Exception {
        ObjectNode asked = RowActions.apply(data(), "remove:/g/0");

        assertThat(asked.get("g")).hasSize(2);
        assertThat(asked.at("/g/0/" + RowActions.CONFIRMING).asBoolean()).isTrue();
    }

    @Test
    void a_confirmed_removal_removes_the_row_and_a_cancelled_one_keeps_it_unmarked() throws Exception {
        assertThat(RowActions.apply(data(), "confirm-remove:/g/0").get("g")).extracting(row -> row.get("a").asText())
                .containsExactly("new");
        ObjectNode kept = RowActions.apply(data(), "cancel-remove:/g/0");
        assertThat(kept).isEqualTo(data());
    }

    @Test
    void a_row_not_saved_yet_goes_at_once() throws Exception {
        assertThat(RowActions.apply(data(), "remove:/g/1").get("g")).extracting(row -> row.get("a").asText())
                .containsExactly("saved");
        assertThat(RowActions.isRowAction("confirm-remove:/g/0")).isTrue();
        assertThat(RowActions.isRowAction("save")).isFalse();
    }
}
