package org.dossier.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.dossier.form.ConfidentialFields;

/**
 * One spelling per value, so that a value as posted and the same value as stored compare equal:
 * keys sorted, numbers without trailing zeros, nothing (absent, null, "", [] and {}) one empty
 * value, row identities left out. And a short salted hash of that spelling.
 */
final class Canonical {
    static final String EMPTY = "";

    private Canonical() {}

    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return EMPTY;
        }
        if (value instanceof ObjectNode object) {
            Map<String, String> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String text = text(field.getValue());
                if (!text.isEmpty() && !ConfidentialFields.ROW_ID.equals(field.getKey())) {
                    sorted.put(field.getKey(), text);
                }
            }
            if (sorted.isEmpty()) {
                return EMPTY;
            }
            StringBuilder out = new StringBuilder("{");
            sorted.forEach((key, text) -> out.append(quote(key)).append(':').append(text).append(','));
            return out.append('}').toString();
        }
        if (value instanceof ArrayNode array) {
            if (array.isEmpty()) {
                return EMPTY;
            }
            StringBuilder out = new StringBuilder("[");
            for (JsonNode item : array) {
                String text = text(item);
                out.append(text.isEmpty() ? "{}" : text).append(',');
            }
            return out.append(']').toString();
        }
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (value.isTextual()) {
            return value.textValue().isEmpty() ? EMPTY : quote(value.textValue());
        }
        return value.asText();
    }

    /** The first 96 bits of SHA-256 over salt and value, base64url: equal values, equal hashes. */
    static String hash(String salt, JsonNode value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            byte[] sum = digest.digest(text(value).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
