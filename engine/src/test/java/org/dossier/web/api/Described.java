package org.dossier.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import org.dossier.testing.TestClient;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;

/** The API's description as served, read by the tests: its operations and the schema of each described answer. */
final class Described {
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;

    private Described(JsonNode document) {
        this.document = document;
    }

    /** The description as {@code GET /api/openapi.json} serves it, to anyone. */
    static Described served() {
        HttpResponse<String> answer = TestClient.anonymous().get(ApiDocsPages.DESCRIPTION_PATH);
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET /api/openapi.json answered " + answer.statusCode() + ": " + answer.body());
        }
        return new Described(TestClient.json(answer));
    }

    JsonNode document() {
        return document;
    }

    /** Every described operation as {@code "METHOD /path/{param}"}. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey())) {
                operations.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** The operation object of {@code method} on {@code path} (a missing node when not described). */
    JsonNode operation(String method, String path) {
        return document.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
    }

    /** The described answer {@code status} of an operation, its {@code $ref} to a shared answer followed. */
    JsonNode answer(String method, String path, int status) {
        JsonNode answer = operation(method, path).path("responses").path(Integer.toString(status));
        if (answer.has("$ref")) {
            answer = document.at(answer.get("$ref").asText().substring(1));
        }
        if (answer.isMissingNode()) {
            throw new AssertionError(method + " " + path + " describes no answer " + status);
        }
        return answer;
    }

    /**
     * Checks a real JSON answer against the schema its description gives for its status: the status
     * must be described, and the body must satisfy the schema (required fields, types, codes).
     *
     * @throws AssertionError naming what does not match
     */
    void check(String method, String path, HttpResponse<String> response) {
        JsonNode schema = answer(method, path, response.statusCode()).path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            throw new AssertionError(method + " " + path + " " + response.statusCode() + " describes no JSON body");
        }
        try {
            validator(schema).validate(new JSONTokener(response.body()).nextValue());
        } catch (ValidationException e) {
            throw new AssertionError(method + " " + path + " " + response.statusCode() + " does not match its description: "
                    + e.getAllMessages() + "\n" + response.body(), e);
        }
    }

    /** A validator of {@code schema} whose {@code $ref}s resolve against the description's components. */
    Schema validator(JsonNode schema) {
        ObjectNode root = schema.deepCopy();
        root.set("components", document.get("components"));
        return SchemaLoader.builder().draftV7Support().schemaJson(new JSONObject(root.toString())).build().load().build();
    }
}
