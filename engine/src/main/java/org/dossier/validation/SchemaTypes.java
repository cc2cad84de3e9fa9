package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the JSON type a schema node describes, inferring it from {@code enum}/{@code const} when {@code type} is absent. */
final class SchemaTypes {
    private SchemaTypes() {}

    static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        if (type.isArray()) {
            for (JsonNode candidate : type) {
                if (!"null".equals(candidate.asText())) {
                    return candidate.asText();
                }
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        JsonNode sample = schema.has("enum") ? schema.path("enum").path(0) : schema.path("const");
        if (sample.isBoolean()) {
            return "boolean";
        }
        if (sample.isIntegralNumber()) {
            return "integer";
        }
        return sample.isNumber() ? "number" : "string";
    }

    static boolean isObject(JsonNode schema) {
        return "object".equals(typeOf(schema));
    }

    /** An array whose items are objects: a repeatable group posted as {@code name[i].key}. */
    static boolean isRowArray(JsonNode schema) {
        return "array".equals(typeOf(schema)) && isObject(schema.path("items"));
    }

    /** An array of scalars (checkboxes): posted as the same name repeated. */
    static boolean isValueArray(JsonNode schema) {
        return "array".equals(typeOf(schema)) && !isObject(schema.path("items"));
    }

    static boolean isRequired(JsonNode objectSchema, String key) {
        for (JsonNode required : objectSchema.path("required")) {
            if (key.equals(required.asText())) {
                return true;
            }
        }
        return false;
    }
}
