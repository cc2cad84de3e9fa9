package org.dossier.keep;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page post kept after its session expired: the fields as posted, and where they came from.
 *
 * @param pagePath the page that shows the form ({@code /t/x/records/42/edit})
 * @param postPath where the form was posted ({@code /t/x/records/42})
 * @param fields   every posted name with its values, in the order posted
 */
public record KeptPost(long id, long userId, long tenantId, String pagePath, String postPath,
                       Map<String, List<String>> fields, Instant createdAt) {
    public KeptPost {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        fields = java.util.Collections.unmodifiableMap(copy);
    }

    /** The first value of {@code name}, or empty. */
    /**
     * The lock version the kept form was typed on (its {@code versionField}), or {@code fallback}
     * when it carries none: shown again at that version, a save made meanwhile is a conflict.
     */
    public int lockVersion(String versionField, int fallback) {
        try {
            return Integer.parseInt(first(versionField).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public String first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
