package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.dossier.record.RecordPage;
import org.junit.jupiter.api.Test;

/** The API's list answer says whether its total is exact or the bound the count stopped at. */
class RecordApiListAnswerTest {

    @Test
    void a_capped_count_answers_its_bound_as_a_lower_bound() {
        Map<String, Object> answer = RecordApi.listAnswer(new RecordPage(List.of(), 10_000, 3, 50, true), false);

        assertThat(answer).containsEntry("total", 10_000L).containsEntry("totalIsLowerBound", true)
                .containsEntry("page", 3).containsEntry("phase", "active");
    }

    @Test
    void an_exact_count_is_not_a_lower_bound() {
        Map<String, Object> answer = RecordApi.listAnswer(new RecordPage(List.of(), 42, 1, 50, false), true);

        assertThat(answer).containsEntry("total", 42L).containsEntry("totalIsLowerBound", false)
                .containsEntry("phase", "archived");
    }
}
