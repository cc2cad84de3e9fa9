package org.dossier.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One logback.xml, two formats: plain text by default, a JSON object per line with {@code json}. */
class LogFormatEncoderTest {
    private final LoggerContext context = new LoggerContext();

    private String encode(String format, Map<String, String> mdc) {
        LogFormatEncoder encoder = new LogFormatEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        LoggingEvent event = new LoggingEvent("org.dossier.Test", context.getLogger("org.dossier.http"), Level.INFO,
                "GET {} {} {} ms", null, new Object[] {"/t/{tenant}/records", 200, "12.5"});
        event.setMDCPropertyMap(mdc);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void json_format_writes_one_parseable_line_with_the_request_id_and_the_formatted_message() throws Exception {
        String line = encode("JSON", Map.of("requestId", "req-42"));

        assertThat(line).endsWith("\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode parsed = new ObjectMapper().readTree(line);
        assertThat(parsed.path("mdc").path("requestId").asText()).isEqualTo("req-42");
        assertThat(parsed.path("formattedMessage").asText()).isEqualTo("GET /t/{tenant}/records 200 12.5 ms");
        assertThat(parsed.path("loggerName").asText()).isEqualTo("org.dossier.http");
        assertThat(parsed.path("level").asText()).isEqualTo("INFO");
        assertThat(parsed.has("arguments")).as("raw arguments repeat the message's values").isFalse();
    }

    @Test
    void plain_format_is_the_default_and_shows_the_request_id_only_when_there_is_one() {
        String withId = encode(null, Map.of("requestId", "req-42"));
        String withoutId = encode("plain", Map.of());

        assertThat(withId).contains("INFO  org.dossier.http [req-42] - GET /t/{tenant}/records 200 12.5 ms");
        assertThat(withoutId).contains("INFO  org.dossier.http - GET /t/{tenant}/records 200 12.5 ms");
        assertThat(withId).doesNotStartWith("{");
    }
}
