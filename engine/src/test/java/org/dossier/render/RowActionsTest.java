package org.dossier.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RowActionsTest {
    @Test
    void add_appends_an_empty_row_and_leaves_the_input_alone() {
        ObjectNode data = Fixtures.baseLikeRecord();

        ObjectNode result = RowActions.apply(data, "add:/membres_foyer");

        assertThat(result.get("membres_foyer")).hasSize(3);
        assertThat(result.get("membres_foyer").get(2).isObject()).isTrue();
        assertThat(result.get("membres_foyer").get(2).size()).isZero();
        assertThat(data.get("membres_foyer")).hasSize(2);
    }

    @Test
    void add_creates_the_array_when_missing() {
        ObjectNode result = RowActions.apply(Fixtures.JSON.createObjectNode(), "add:/suivis");

        assertThat(result.toString()).isEqualTo("{\"suivis\":[{}]}");
    }

    @Test
    void remove_drops_the_row_at_the_index() {
        ObjectNode result = RowActions.apply(Fixtures.baseLikeRecord(), "remove:/membres_foyer/0");

        assertThat(result.get("membres_foyer")).hasSize(1);
        assertThat(result.get("membres_foyer").get(0).get("prenom").asText()).isEqualTo("Emma");
    }

    @Test
    void malformed_actions_are_rejected() {
        ObjectNode data = Fixtures.baseLikeRecord();

        assertThatThrownBy(() -> RowActions.apply(data, "drop:/membres_foyer")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowActions.apply(data, "add:membres_foyer")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowActions.apply(data, "remove:/membres_foyer/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowActions.apply(data, "remove:/membres_foyer/7")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowActions.apply(data, "remove:/membres_foyer/-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowActions.apply(data, "add:/identite/nom")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowActions.apply(data, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
