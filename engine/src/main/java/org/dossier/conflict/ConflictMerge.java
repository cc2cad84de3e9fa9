package org.dossier.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dossier.form.ConfidentialFields;

/**
 * A three-way merge of one case file: what the person loaded (as {@link Fingerprints}), what they
 * posted ("mine") and what is stored now ("theirs", as that person may see it).
 *
 * <p>Per field: the same on both sides, nothing to say; changed only by them, theirs is taken;
 * changed only by this person, mine is kept; changed by both, a conflict the person
 * settles. Without fingerprints (a page from before they existed) every difference is a conflict.
 *
 * <p>A repeatable group is merged as a whole, with one exception that keeps added rows: when
 * one side only added rows at the end and the other changed the group otherwise, both are kept
 * (the other side's rows, then the added ones). Rows carry {@link ConfidentialFields#ROW_ID}, the
 * identity a save matches hidden values and removals by: theirs are numbered as stored now, and
 * mine, numbered as loaded, are renumbered to the stored row holding the same loaded content.
 */
public final class ConflictMerge {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConflictMerge() {}

    public static Merge merge(List<MergeUnit> units, Optional<Fingerprints> loaded, JsonNode mine, JsonNode theirs,
                              String salt) {
        ObjectNode data = mine.isObject() ? ((ObjectNode) mine).deepCopy() : NODES.objectNode();
        List<Outcome> outcomes = new ArrayList<>();
        for (MergeUnit unit : units) {
            JsonNode mineValue = mine.at(unit.pointer());
            JsonNode theirsValue = theirs.at(unit.pointer());
            Outcome outcome = unit.group()
                    ? group(unit, loaded.map(f -> f.group(unit.pointer())).orElse(List.of()), mineValue, theirsValue, salt)
                    : field(unit, loaded.flatMap(f -> f.field(unit.pointer())), mineValue, theirsValue, salt);
            if (outcome != null) {
                outcomes.add(outcome);
                JsonPaths.set(data, unit.pointer(), outcome.kind() == Kind.TAKEN_THEIRS ? outcome.theirs() : outcome.mine());
            }
        }
        return new Merge(data, outcomes);
    }

    private static Outcome field(MergeUnit unit, Optional<String> loaded, JsonNode mine, JsonNode theirs, String salt) {
        String mineHash = Canonical.hash(salt, mine);
        String theirsHash = Canonical.hash(salt, theirs);
        if (mineHash.equals(theirsHash)) {
            return null;
        }
        Kind kind = loaded.isEmpty() ? Kind.CONFLICT
                : mineHash.equals(loaded.get()) ? Kind.TAKEN_THEIRS
                : theirsHash.equals(loaded.get()) ? Kind.KEPT_MINE : Kind.CONFLICT;
        return new Outcome(unit, kind, mine, theirs);
    }

    private static Outcome group(MergeUnit unit, List<String> loaded, JsonNode mineValue, JsonNode theirsValue,
                                 String salt) {
        List<JsonNode> mine = rows(mineValue);
        List<JsonNode> theirs = numbered(rows(theirsValue));
        String mineHash = Canonical.hash(salt, mineValue);
        String theirsHash = Canonical.hash(salt, theirsValue);
        if (mineHash.equals(theirsHash)) {
            return null;
        }
        if (loaded.isEmpty()) {
            return new Outcome(unit, Kind.CONFLICT, array(renumbered(mine, List.of(), theirs, salt)), array(theirs));
        }
        List<String> loadedRows = loaded.subList(1, loaded.size());
        if (mineHash.equals(loaded.get(0))) {
            return new Outcome(unit, Kind.TAKEN_THEIRS, mineValue, array(theirs));
        }
        if (theirsHash.equals(loaded.get(0))) {
            return new Outcome(unit, Kind.KEPT_MINE, array(mine), array(theirs));
        }
        int count = loadedRows.size();
        Optional<List<JsonNode>> added = onlyAdded(mine, loadedRows, salt);
        if (added.isPresent()) {
            List<JsonNode> combined = new ArrayList<>(theirs);
            combined.addAll(added.get());
            return new Outcome(unit, Kind.ROWS_COMBINED, array(combined), array(theirs));
        }
        if (theirs.size() > count && unchangedPrefix(theirs, loadedRows, salt)) {
            // They only added rows: the loaded rows still sit where mine say they do.
            List<JsonNode> combined = new ArrayList<>(mine);
            combined.addAll(theirs.subList(count, theirs.size()));
            return new Outcome(unit, Kind.ROWS_COMBINED, array(combined), array(theirs));
        }
        return new Outcome(unit, Kind.CONFLICT, array(renumbered(mine, loadedRows, theirs, salt)), array(theirs));
    }

    private static boolean unchangedPrefix(List<JsonNode> rows, List<String> loadedRows, String salt) {
        for (int index = 0; index < loadedRows.size(); index++) {
            if (!Canonical.hash(salt, rows.get(index)).equals(loadedRows.get(index))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows this person added, when that is all they did: every loaded row is posted back
     * unchanged, in order, and the rest are new (no identity, or no identity posted at all and
     * placed after the loaded ones).
     */
    private static Optional<List<JsonNode>> onlyAdded(List<JsonNode> mine, List<String> loadedRows, String salt) {
        boolean identified = mine.stream().anyMatch(row -> row.has(ConfidentialFields.ROW_ID));
        List<JsonNode> saved = new ArrayList<>();
        List<JsonNode> added = new ArrayList<>();
        for (int index = 0; index < mine.size(); index++) {
            JsonNode row = mine.get(index);
            boolean isSaved = identified ? row.has(ConfidentialFields.ROW_ID) : index < loadedRows.size();
            if (isSaved && identified && row.path(ConfidentialFields.ROW_ID).asInt(-1) != saved.size()) {
                return Optional.empty();
            }
            (isSaved ? saved : added).add(row);
        }
        if (saved.size() != loadedRows.size() || added.isEmpty() || !unchangedPrefix(saved, loadedRows, salt)) {
            return Optional.empty();
        }
        List<JsonNode> withoutIds = new ArrayList<>();
        for (JsonNode row : added) {
            ObjectNode copy = row.isObject() ? ((ObjectNode) row).deepCopy() : NODES.objectNode();
            copy.remove(ConfidentialFields.ROW_ID);
            withoutIds.add(copy);
        }
        return Optional.of(withoutIds);
    }

    /** Mine, each saved row pointed at the stored row still holding what it loaded, or made new when none does. */
    private static List<JsonNode> renumbered(List<JsonNode> mine, List<String> loadedRows, List<JsonNode> theirs,
                                             String salt) {
        Set<Integer> taken = new HashSet<>();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode row : mine) {
            ObjectNode copy = row.isObject() ? ((ObjectNode) row).deepCopy() : NODES.objectNode();
            JsonNode id = copy.remove(ConfidentialFields.ROW_ID);
            int loadedIndex = id == null ? -1 : id.asInt(-1);
            if (loadedIndex >= 0 && loadedIndex < loadedRows.size()) {
                for (int index = 0; index < theirs.size(); index++) {
                    if (!taken.contains(index)
                            && Canonical.hash(salt, theirs.get(index)).equals(loadedRows.get(loadedIndex))) {
                        taken.add(index);
                        copy.put(ConfidentialFields.ROW_ID, index);
                        break;
                    }
                }
            }
            out.add(copy);
        }
        return out;
    }

    private static List<JsonNode> rows(JsonNode value) {
        List<JsonNode> rows = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(rows::add);
        }
        return rows;
    }

    /** Stored rows, each with its index as identity. */
    private static List<JsonNode> numbered(List<JsonNode> rows) {
        List<JsonNode> out = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            ObjectNode copy = rows.get(index).isObject() ? ((ObjectNode) rows.get(index)).deepCopy() : NODES.objectNode();
            copy.put(ConfidentialFields.ROW_ID, index);
            out.add(copy);
        }
        return out;
    }

    private static JsonNode array(List<JsonNode> rows) {
        if (rows.isEmpty()) {
            return MissingNode.getInstance();
        }
        ArrayNode array = NODES.arrayNode();
        rows.forEach(array::add);
        return array;
    }

    /** How a unit was merged. */
    public enum Kind {
        /** Only the other person changed it: their value is taken. */
        TAKEN_THEIRS,
        /** Only this person changed it: their value is kept. */
        KEPT_MINE,
        /** Rows added on one side are kept along with the other side's rows. */
        ROWS_COMBINED,
        /** Both changed it: the person chooses. */
        CONFLICT
    }

    /** A side of a conflict. */
    public enum Side { MINE, THEIRS }

    /**
     * One unit both sides hold differently.
     *
     * @param mine   this person's value (for a group: their rows, renumbered to what is stored now)
     * @param theirs the stored value
     */
    public record Outcome(MergeUnit unit, Kind kind, JsonNode mine, JsonNode theirs) {}

    /**
     * The merge: {@code data} holds what was taken automatically, and this person's values where
     * there is a conflict until {@link #resolve} says otherwise.
     */
    public record Merge(ObjectNode data, List<Outcome> outcomes) {
        public Merge {
            outcomes = List.copyOf(outcomes);
        }

        public List<Outcome> conflicts() {
            return outcomes.stream().filter(outcome -> outcome.kind() == Kind.CONFLICT).toList();
        }

        /** The pointers of conflicts {@code choices} says nothing about. */
        public List<String> unanswered(java.util.Map<String, Side> choices) {
            return conflicts().stream().map(c -> c.unit().pointer()).filter(p -> !choices.containsKey(p)).toList();
        }

        /** The data to save: each conflict settled by the side chosen for it (this person's when none). */
        public ObjectNode resolve(java.util.Map<String, Side> choices) {
            ObjectNode resolved = data.deepCopy();
            for (Outcome conflict : conflicts()) {
                Side side = choices.getOrDefault(conflict.unit().pointer(), Side.MINE);
                JsonPaths.set(resolved, conflict.unit().pointer(), side == Side.THEIRS ? conflict.theirs() : conflict.mine());
            }
            return resolved;
        }
    }
}
