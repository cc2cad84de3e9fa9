package org.dossier.conflict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a person loaded, as one hash per field and per row of each group: the edit form carries
 * it back in a hidden field, so that after someone else saved in between the merge knows which
 * side changed what. Hashes, never values: the page holds nothing it did not already show, and a
 * field the person could not see has no entry.
 *
 * @param fields a field's pointer to the hash of its value
 * @param groups a group's pointer to the hash of all its rows, then the hash of each row in order
 */
public record Fingerprints(Map<String, String> fields, Map<String, List<String>> groups) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Fingerprints {
        fields = Map.copyOf(fields);
        groups = Map.copyOf(groups);
    }

    /**
     * The fingerprints of {@code data} as the person sees it, salted with the case file's id so
     * that the same value hashes differently in two case files.
     */
    public static Fingerprints of(List<MergeUnit> units, JsonNode data, String salt) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (MergeUnit unit : units) {
            JsonNode value = data.at(unit.pointer());
            if (unit.group()) {
                List<String> hashes = new ArrayList<>();
                hashes.add(Canonical.hash(salt, value));
                for (JsonNode row : value.isArray() ? value : JSON.createArrayNode()) {
                    hashes.add(Canonical.hash(salt, row));
                }
                groups.put(unit.pointer(), hashes);
            } else {
                fields.put(unit.pointer(), Canonical.hash(salt, value));
            }
        }
        return new Fingerprints(fields, groups);
    }

    /** The hidden field's value. */
    public String encode() {
        ObjectNode out = JSON.createObjectNode();
        fields.forEach(out::put);
        groups.forEach((pointer, hashes) -> {
            ArrayNode array = out.putArray(pointer); // putArray: withArray would read the name as a pointer
            hashes.forEach(array::add);
        });
        return out.toString();
    }

    /** The fingerprints a post carried back; empty when it carried none or something unreadable. */
    public static Optional<Fingerprints> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!(node instanceof ObjectNode object)) {
                return Optional.empty();
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, List<String>> groups = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getValue().isTextual()) {
                    fields.put(entry.getKey(), entry.getValue().textValue());
                } else if (entry.getValue() instanceof ArrayNode hashes && !hashes.isEmpty()) {
                    List<String> list = new ArrayList<>();
                    hashes.forEach(hash -> list.add(hash.asText()));
                    groups.put(entry.getKey(), list);
                }
            }
            return Optional.of(new Fingerprints(fields, groups));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    Optional<String> field(String pointer) {
        return Optional.ofNullable(fields.get(pointer));
    }

    /** The group's hash, then each row's; empty when not loaded. */
    List<String> group(String pointer) {
        return groups.getOrDefault(pointer, List.of());
    }
}
