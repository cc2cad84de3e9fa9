package org.dossier.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;

/**
 * Loads the base schema from the classpath for the generator's tests. A section field that is
 * required and carries {@code x-visible-when} is required only while visible (VOCABULARY.md), so
 * it is moved into a root-level if/then the way the engine's effective schema does; validating
 * the stored definition as it is would demand a closing date on every open case.
 */
final class BaseSchemaForTests {
    static final String RESOURCE = "schemas/socle-commun.schema.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A field guarded by {@code x-visible-when}: its section, its key and the condition. */
    record ConditionalField(String section, String field, JsonNode condition) {
    }

    private BaseSchemaForTests() {
    }

    static ObjectNode definition() {
        try (InputStream in = BaseSchemaForTests.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return (ObjectNode) MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ConditionalField> conditionalFields(JsonNode definition) {
        List<ConditionalField> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> sections = definition.path("properties").fields(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            section.getValue().path("properties").fields().forEachRemaining(field -> {
                if (field.getValue().has("x-visible-when")) {
                    fields.add(new ConditionalField(section.getKey(), field.getKey(), field.getValue().get("x-visible-when")));
                }
            });
        }
        return fields;
    }

    /** The engine's own compiled validator of the base form, with its required-while-visible rules. */
    static Schema validator() {
        return new org.dossier.form.FormCompiler().compile("dossier", 1, org.dossier.form.BaseSchema.baseSchema()).validator();
    }
}
