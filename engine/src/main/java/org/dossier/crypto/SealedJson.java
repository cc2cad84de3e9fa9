package org.dossier.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dossier.form.ConfidentialFields;

/**
 * Where sealing happens in a case file's JSON: every scalar under a confidential location is
 * replaced by its sealed string, objects and rows keep their shape. Opening needs no schema: it
 * opens every sealed string wherever it is, so a field that stopped being confidential in a later
 * form version still reads, and is stored in clear at its next save.
 */
final class SealedJson {
    private static final String ROWS = "*";

    private SealedJson() {}

    /**
     * @param escapeLookalikes also seal any string starting with the prefix outside confidential
     *                         locations (data from a person); false for data read from storage,
     *                         whose strings with the prefix are sealed already
     */
    static JsonNode seal(JsonNode data, ConfidentialFields confidential, Function<JsonNode, TextNode> sealer,
                         boolean escapeLookalikes) {
        JsonNode copy = data.deepCopy();
        if (escapeLookalikes) {
            copy = replaceStrings(copy, text -> ConfidentialCipher.isSealed(text) ? sealer.apply(TextNode.valueOf(text)) : null);
        }
        for (String pointer : confidential.pointers()) {
            List<String> steps = List.of(pointer.substring(1).split("/"));
            sealAt(copy, steps, 0, sealer);
        }
        return copy;
    }

    static JsonNode open(JsonNode stored, Function<String, JsonNode> opener) {
        return replaceStrings(stored.deepCopy(), text -> ConfidentialCipher.isSealed(text) ? opener.apply(text) : null);
    }

    private static void sealAt(JsonNode node, List<String> steps, int depth, Function<JsonNode, TextNode> sealer) {
        String step = steps.get(depth);
        if (ROWS.equals(step)) {
            if (node instanceof ArrayNode rows) {
                for (JsonNode row : rows) {
                    sealAt(row, steps, depth + 1, sealer);
                }
            }
            return;
        }
        if (!(node instanceof ObjectNode object) || !object.has(step)) {
            return;
        }
        if (depth == steps.size() - 1) {
            object.set(step, sealAll(object.get(step), sealer));
        } else {
            sealAt(object.get(step), steps, depth + 1, sealer);
        }
    }

    /** Every scalar of the subtree sealed; null stays null (it holds nothing), sealed strings stay as they are. */
    private static JsonNode sealAll(JsonNode value, Function<JsonNode, TextNode> sealer) {
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(sealAll(field.getValue(), sealer));
            }
            return object;
        }
        if (value instanceof ArrayNode rows) {
            for (int i = 0; i < rows.size(); i++) {
                rows.set(i, sealAll(rows.get(i), sealer));
            }
            return rows;
        }
        if (value.isNull() || value.isTextual() && ConfidentialCipher.isSealed(value.textValue())) {
            return value;
        }
        return sealer.apply(value);
    }

    /** Replaces, in place, each string for which {@code replacement} answers a node. */
    private static JsonNode replaceStrings(JsonNode value, Function<String, JsonNode> replacement) {
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(replaceStrings(field.getValue(), replacement));
            }
            return object;
        }
        if (value instanceof ArrayNode rows) {
            for (int i = 0; i < rows.size(); i++) {
                rows.set(i, replaceStrings(rows.get(i), replacement));
            }
            return rows;
        }
        if (value.isTextual()) {
            JsonNode replaced = replacement.apply(value.textValue());
            return replaced == null ? value : replaced;
        }
        return value;
    }
}
