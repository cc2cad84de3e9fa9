package org.dossier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.dossier.Config;
import org.junit.jupiter.api.Test;

class WorstCaseTest {

    @Test
    void the_worst_case_fills_the_body_limit_with_empty_household_rows() throws Exception {
        String body = WorstCase.emptyRows(Config.ONE_MIB);

        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isLessThanOrEqualTo((int) Config.ONE_MIB).isGreaterThan((int) Config.ONE_MIB - 3);
        JsonNode rows = new ObjectMapper().readTree(body).at("/data/membres_foyer");
        assertThat(rows.size()).isEqualTo(WorstCase.rows(Config.ONE_MIB)).isGreaterThan(340_000);
        assertThat(rows.get(rows.size() - 1).isEmpty()).isTrue();
    }
}
