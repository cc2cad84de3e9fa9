package org.dossier.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageModelTest {
    private record Frame(String tenantSlug, boolean canWrite) {}

    private record Page(String q, List<String> items) {}

    @Test
    void each_component_of_each_part_becomes_a_variable_beside_the_layout() {
        Map<String, Object> layout = new HashMap<>(Map.of("title", "Dossiers"));

        Map<String, Object> model = PageModel.of(layout, new Frame("pasq", true), new Page("dur", List.of("a")));

        assertThat(model).containsExactlyInAnyOrderEntriesOf(Map.of("title", "Dossiers", "tenantSlug", "pasq",
                "canWrite", true, "q", "dur", "items", List.of("a")));
    }
}
