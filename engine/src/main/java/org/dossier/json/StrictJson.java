package org.dossier.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The application's JSON settings: strict on input (no comments, no duplicate keys, nothing after
 * the document), dates as ISO text. One mapper serves the engine; the web layer builds its body
 * reader from the same settings.
 */
public final class StrictJson {
    private StrictJson() {}

    /** {@code builder} with the strict settings applied. */
    public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        return builder.addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonParser.Feature.ALLOW_COMMENTS);
    }

    /** A new mapper with the strict settings. */
    public static ObjectMapper mapper() {
        return strict(JsonMapper.builder()).build();
    }
}
