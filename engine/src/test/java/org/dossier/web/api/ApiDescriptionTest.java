package org.dossier.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading the description: YAML in, JSON out, and the mistakes a hand edit can make refused at start. */
class ApiDescriptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ApiDescription parse(String yaml) throws IOException {
        return ApiDescription.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), JSON);
    }

    @Test
    void yaml_is_served_as_json() throws IOException {
        ApiDescription description = parse("""
                openapi: 3.1.0
                info: {title: T, version: "1"}
                paths:
                  /api/a:
                    get: {responses: {'200': {description: ok}}}
                """);

        assertThat(JSON.readTree(description.json()).at("/paths/~1api~1a/get/responses/200/description").asText())
                .isEqualTo("ok");
    }

    @Test
    void a_path_described_twice_is_refused() {
        assertThatThrownBy(() -> parse("""
                openapi: 3.1.0
                info: {title: T, version: "1"}
                paths:
                  /api/a:
                    get: {responses: {'200': {description: ok}}}
                  /api/a:
                    post: {responses: {'200': {description: ok}}}
                """)).hasMessageContaining("Duplicate field '/api/a'");
    }

    @Test
    void a_document_that_is_not_openapi_3_1_is_refused() {
        assertThatThrownBy(() -> parse("swagger: '2.0'\n")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_shipped_description_loads() {
        assertThat(ApiDescription.load(JSON).json()).isNotEmpty();
    }
}
