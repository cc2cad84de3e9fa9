package org.dossier.web.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI description of the JSON API. It is written in YAML, where a new route is a short
 * block that reuses the shared components, and read once at start: a description that does not
 * parse stops the server instead of serving half of it.
 */
public final class ApiDescription {
    /** Where the description lives on the classpath. */
    public static final String RESOURCE = "api/openapi.yaml";

    private final byte[] json;

    private ApiDescription(byte[] json) {
        this.json = json;
    }

    /** Reads {@link #RESOURCE} and renders it once as JSON. */
    public static ApiDescription load(ObjectMapper mapper) {
        try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in, mapper);
        } catch (IOException e) {
            throw new UncheckedIOException("Unable to read " + RESOURCE, e);
        }
    }

    /**
     * Reads a description. A key written twice is refused: a path described again further down
     * would otherwise silently replace the first description.
     */
    static ApiDescription parse(InputStream in, ObjectMapper mapper) throws IOException {
        YAMLMapper yaml = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonNode document = yaml.readTree(in);
        if (document == null || !document.path("openapi").asText().startsWith("3.1")) {
            throw new IllegalStateException(RESOURCE + " is not an OpenAPI 3.1 description");
        }
        return new ApiDescription(mapper.writeValueAsBytes(document));
    }

    /** The description as served, UTF-8 JSON. */
    byte[] json() {
        return json.clone();
    }
}
