package org.dossier.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.dossier.json.StrictJson;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.dossier.DomainException;
import org.dossier.form.ListLimits;

/**
 * The ObjectMapper of the app, strict on input, and JSON responses. Request bodies are read by a
 * mapper of their own that also bounds their shape (see {@link #readBody}).
 */
public final class Json {
    /** Objects and arrays nested in a request body; a case file nests 5 deep, its envelope adds one. */
    public static final int MAX_DEPTH = 32;

    private final ObjectMapper mapper;
    private final ObjectMapper bodyMapper;
    private final BodyLimit bodyLimit;

    public Json(ObjectMapper mapper, BodyLimit bodyLimit) {
        this.bodyLimit = bodyLimit;
        this.mapper = mapper;
        JsonFactory bounded = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        // Decimals are read exactly: as doubles, 1e400 would become Infinity and 1e-400 zero, silently.
        this.bodyMapper = StrictJson.strict(JsonMapper.builder(bounded))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * A JSON API request's body: sent as {@code application/json} (else 415), a JSON object (else
     * 400) holding only {@code allowedKeys} (else 400 naming the first other one); parsed and
     * bounded as {@link #readBody}.
     */
    public JsonNode readObject(Context ctx, java.util.Set<String> allowedKeys) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new DomainException("unsupportedMediaType", 415, "expected application/json");
        }
        JsonNode body = readBody(ctx);
        if (!body.isObject()) {
            throw new DomainException("invalidRequest", 400, "the body must be a JSON object");
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!allowedKeys.contains(key)) {
                throw new DomainException("invalidRequest", 400, "unknown property \"" + key + "\"");
            }
        });
        return body;
    }

    /**
     * Parses a request body. Malformed JSON, invalid UTF-8, duplicate keys and trailing garbage
     * all answer 400 before anything is looked at. A body within the size limit can still ask for
     * unbounded work (a megabyte holds 350,000 empty rows): its shape is checked first, token by
     * token and before any tree is built, so that an array of more than {@link ListLimits#MAX_ITEMS}
     * items or nesting deeper than {@link #MAX_DEPTH} answers 413 naming where it happened.
     */
    public JsonNode readBody(Context ctx) {
        try {
            byte[] bytes = bodyBytes(ctx);
            checkShape(bytes);
            JsonNode node = bodyMapper.readTree(bytes);
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

    /**
     * The request's body, within the body limit, read once: a wrapper that needs the bytes before
     * the handler (the fingerprint of an idempotent request) and the handler's parsing share them.
     */
    public byte[] bodyBytes(Context ctx) throws IOException {
        byte[] read = ctx.attribute(BODY_BYTES);
        if (read != null) {
            return read;
        }
        try (InputStream body = bodyLimit.bounded(ctx.bodyInputStream())) {
            byte[] bytes = body.readAllBytes();
            ctx.attribute(BODY_BYTES, bytes);
            return bytes;
        }
    }

    private static final String BODY_BYTES = "dossier.bodyBytes";

    /** Counts the items of every array while tokenising; the parser's constraints bound the nesting. */
    void checkShape(byte[] bytes) throws IOException {
        try (JsonParser parser = bodyMapper.getFactory().createParser(bytes)) {
            JsonToken token;
            while ((token = nextToken(parser)) != null) {
                if (token.isStructEnd() || token == JsonToken.FIELD_NAME) {
                    continue;
                }
                JsonStreamContext context = parser.getParsingContext();
                JsonStreamContext container = token.isStructStart() ? context.getParent() : context;
                if (container.inArray() && container.getCurrentIndex() >= ListLimits.MAX_ITEMS) {
                    throw new BodyLimitException("maxItems", container.getParent().pathAsPointer().toString(),
                            ListLimits.MAX_ITEMS);
                }
            }
        }
    }

    private static JsonToken nextToken(JsonParser parser) throws IOException {
        try {
            return parser.nextToken();
        } catch (StreamConstraintsException constraint) {
            JsonStreamContext context = parser.getParsingContext();
            if (context.getNestingDepth() < MAX_DEPTH) {
                throw constraint; // a number or a string too long: malformed, as before
            }
            throw new BodyLimitException("maxDepth", context.pathAsPointer().toString(), MAX_DEPTH);
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
