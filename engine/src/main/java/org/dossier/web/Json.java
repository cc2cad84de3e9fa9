package org.dossier.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.dossier.DomainException;

/** The one ObjectMapper of the app, strict on input, and JSON responses. */
public final class Json {
    private final ObjectMapper mapper;
    private final BodyLimit bodyLimit;

    public Json(BodyLimit bodyLimit) {
        this.bodyLimit = bodyLimit;
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonParser.Feature.ALLOW_COMMENTS)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Parses a request body. Malformed JSON, invalid UTF-8, duplicate keys and trailing garbage
     * all answer 400 before anything is looked at.
     */
    public JsonNode readBody(Context ctx) {
        try (InputStream body = bodyLimit.bounded(ctx.bodyInputStream())) {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new DomainException("malformedJson", 400, "empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DomainException("malformedJson", 400, e.getOriginalMessage());
        } catch (IOException e) {
            throw new DomainException("malformedJson", 400, e.getMessage());
        }
    }

    public void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }
}
