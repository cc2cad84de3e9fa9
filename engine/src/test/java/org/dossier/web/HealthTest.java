package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.dossier.testing.TestClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class HealthTest {

    @Test
    void live_answers_200() {
        assertThat(TestClient.anonymous().get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void ready_answers_200_when_the_database_answers_and_is_migrated() {
        var response = TestClient.anonymous().get("/health/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"migrations\":true");
    }
}
