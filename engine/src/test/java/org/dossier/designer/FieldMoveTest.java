package org.dossier.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.dossier.form.BaseSchema;
import org.junit.jupiter.api.Test;

/** The designer's move buttons, applied to the orders its form posts. */
class FieldMoveTest {
    private final List<DesignerModel.Node> tree = DesignerModel.tree(BaseSchema.baseSchema(),
            new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());

    @Test
    void a_move_renumbers_the_siblings_with_the_field_swapped_with_its_neighbour() {
        List<String> before = tree.get(0).children().stream().map(DesignerModel.Node::path).toList();

        Map<String, List<String>> moved = FieldMove.parse(before.get(1) + ":up").orElseThrow()
                .applyTo(tree, Map.of("other", List.of("kept")));

        assertThat(moved).containsEntry("other", List.of("kept"))
                .containsEntry("f." + before.get(1) + ".order", List.of("10"))
                .containsEntry("f." + before.get(0) + ".order", List.of("20"))
                .hasSize(before.size() + 1);
    }

    @Test
    void nothing_moves_past_the_ends_or_for_an_unknown_field() {
        String first = tree.get(0).children().get(0).path();

        assertThat(FieldMove.parse(first + ":up").orElseThrow().applyTo(tree, Map.of())).isEmpty();
        assertThat(FieldMove.parse("nulle.part:down").orElseThrow().applyTo(tree, Map.of())).isEmpty();
        assertThat(FieldMove.parse("sans-sens")).isEmpty();
        assertThat(FieldMove.parse(first + ":sideways")).contains(new FieldMove(first, false));
    }
}
