package org.dossier.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The posted values sorted into the shape of the schema before they are typed: one draft per
 * object, rows kept by their posted index until they are compacted.
 */
final class PostDraft {
    private final Map<String, PostDraft> objects = new LinkedHashMap<>();
    private final Map<String, TreeMap<Integer, PostDraft>> rows = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> unknownKeys = new LinkedHashSet<>();
    private final List<String> rowIds = new ArrayList<>();
    private final Map<String, TreeMap<Integer, List<String>>> entries = new LinkedHashMap<>();

    /** The values posted for entry {@code index} of a list of values ({@code langues[2]}). */
    void addEntry(String key, int index, List<String> posted) {
        List<String> kept = entries.computeIfAbsent(key, ignored -> new TreeMap<>())
                .computeIfAbsent(index, ignored -> new ArrayList<>());
        posted.stream().filter(java.util.Objects::nonNull).forEach(kept::add);
    }

    /** Whether {@link #addEntry} would add an entry rather than add to one already posted. */
    boolean isNewEntry(String key, int index) {
        TreeMap<Integer, List<String>> posted = entries.get(key);
        return posted == null || !posted.containsKey(index);
    }

    int entryCount(String key) {
        TreeMap<Integer, List<String>> posted = entries.get(key);
        return posted == null ? 0 : posted.size();
    }

    /** The entries of a list of values in index order; empty when none was posted. */
    TreeMap<Integer, List<String>> entries(String key) {
        return entries.getOrDefault(key, new TreeMap<>());
    }

    PostDraft object(String key) {
        return objects.computeIfAbsent(key, ignored -> new PostDraft());
    }

    PostDraft row(String key, int index) {
        return rows.computeIfAbsent(key, ignored -> new TreeMap<>()).computeIfAbsent(index, ignored -> new PostDraft());
    }

    /** Whether {@link #row} would add a row rather than return one already posted. */
    boolean isNewRow(String key, int index) {
        TreeMap<Integer, PostDraft> posted = rows.get(key);
        return posted == null || !posted.containsKey(index);
    }

    int rowCount(String key) {
        TreeMap<Integer, PostDraft> posted = rows.get(key);
        return posted == null ? 0 : posted.size();
    }

    void addValues(String key, List<String> posted) {
        List<String> kept = values.computeIfAbsent(key, ignored -> new ArrayList<>());
        posted.stream().filter(java.util.Objects::nonNull).forEach(kept::add);
    }

    void addRowId(List<String> posted) {
        posted.stream().filter(java.util.Objects::nonNull).forEach(rowIds::add);
    }

    /** The posted identities of this row, when it is a saved one (see FormPostCoercer). */
    List<String> rowIds() {
        return rowIds;
    }

    void addUnknown(String key) {
        unknownKeys.add(key);
    }

    PostDraft objectOrNull(String key) {
        return objects.get(key);
    }

    /** Rows in index order; absent when none was posted. */
    TreeMap<Integer, PostDraft> rowsOrNull(String key) {
        return rows.get(key);
    }

    List<String> values(String key) {
        return values.getOrDefault(key, List.of());
    }

    Set<String> unknownKeys() {
        return unknownKeys;
    }
}
