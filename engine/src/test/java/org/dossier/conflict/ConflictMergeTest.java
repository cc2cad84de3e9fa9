package org.dossier.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.conflict.ConflictMerge.Kind;
import org.dossier.conflict.ConflictMerge.Merge;
import org.dossier.conflict.ConflictMerge.Side;
import org.junit.jupiter.api.Test;

class ConflictMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SALT = "record-1";
    private static final JsonNode SCHEMA = json("""
            {"type":"object","properties":{
              "identite":{"type":"object","properties":{"nom":{"type":"string"},"prenom":{"type":"string"},
                "sante":{"type":"string","x-confidential":true}}},
              "loyer":{"type":"number"},
              "motifs":{"type":"array","items":{"type":"string"}},
              "membres":{"type":"array","items":{"type":"object","properties":{"prenom":{"type":"string"}}}}}}
            """);
    private static final JsonNode LOADED = json("""
            {"identite":{"nom":"Martin","prenom":"Léa","sante":"secret"},"loyer":512.5,"motifs":["logement"],
             "membres":[{"prenom":"Léo"},{"prenom":"Ana"}]}
            """);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode copy(JsonNode node) {
        return ((ObjectNode) node).deepCopy();
    }

    /** The loaded data as the edit page posts it back: every row with its loaded index. */
    private static ObjectNode posted(JsonNode loaded) {
        ObjectNode mine = copy(loaded);
        ((ObjectNode) mine.get("identite")).remove("sante");
        for (int index = 0; index < mine.get("membres").size(); index++) {
            ((ObjectNode) mine.get("membres").get(index)).put("_row", index);
        }
        return mine;
    }

    private static Merge merge(JsonNode mine, JsonNode theirs) {
        List<MergeUnit> units = MergeUnit.of(SCHEMA, false);
        ObjectNode visibleLoaded = copy(LOADED);
        ((ObjectNode) visibleLoaded.get("identite")).remove("sante");
        return ConflictMerge.merge(units, Optional.of(Fingerprints.of(units, visibleLoaded, SALT)), mine, theirs, SALT);
    }

    private static Kind kindOf(Merge merge, String pointer) {
        return merge.outcomes().stream().filter(o -> o.unit().pointer().equals(pointer)).findFirst().orElseThrow().kind();
    }

    @Test
    void a_field_only_they_changed_is_taken_and_one_only_i_changed_is_kept() {
        ObjectNode mine = posted(LOADED);
        ((ObjectNode) mine.get("identite")).put("prenom", "Léane");
        ObjectNode theirs = copy(LOADED);
        ((ObjectNode) theirs.get("identite")).put("nom", "Martin-Roux");

        Merge merge = merge(mine, theirs);

        assertThat(merge.conflicts()).isEmpty();
        assertThat(kindOf(merge, "/identite/nom")).isEqualTo(Kind.TAKEN_THEIRS);
        assertThat(kindOf(merge, "/identite/prenom")).isEqualTo(Kind.KEPT_MINE);
        assertThat(merge.data().at("/identite/nom").asText()).isEqualTo("Martin-Roux");
        assertThat(merge.data().at("/identite/prenom").asText()).isEqualTo("Léane");
    }

    @Test
    void a_field_both_changed_is_a_conflict_settled_by_the_choice() {
        ObjectNode mine = posted(LOADED);
        ((ObjectNode) mine.get("identite")).put("nom", "Mine");
        mine.put("loyer", 600);
        ObjectNode theirs = copy(LOADED);
        ((ObjectNode) theirs.get("identite")).put("nom", "Theirs");
        theirs.put("loyer", 650);

        Merge merge = merge(mine, theirs);

        assertThat(merge.conflicts()).extracting(o -> o.unit().pointer()).containsExactly("/identite/nom", "/loyer");
        assertThat(merge.unanswered(Map.of("/loyer", Side.MINE))).containsExactly("/identite/nom");
        ObjectNode resolved = merge.resolve(Map.of("/identite/nom", Side.THEIRS, "/loyer", Side.MINE));
        assertThat(resolved.at("/identite/nom").asText()).isEqualTo("Theirs");
        assertThat(resolved.at("/loyer").intValue()).isEqualTo(600);
    }

    @Test
    void the_same_value_spelled_differently_is_no_change() {
        ObjectNode mine = posted(LOADED);
        mine.put("loyer", new java.math.BigDecimal("512.50"));
        mine.putArray("motifs").add("logement");
        ObjectNode theirs = copy(LOADED);
        theirs.put("notes", "");

        assertThat(merge(mine, theirs).outcomes()).isEmpty();
    }

    @Test
    void a_field_emptied_by_them_is_emptied() {
        ObjectNode theirs = copy(LOADED);
        theirs.remove("motifs");

        Merge merge = merge(posted(LOADED), theirs);

        assertThat(kindOf(merge, "/motifs")).isEqualTo(Kind.TAKEN_THEIRS);
        assertThat(merge.data().has("motifs")).isFalse();
    }

    @Test
    void a_confidential_field_without_the_grant_is_never_a_unit() {
        assertThat(MergeUnit.of(SCHEMA, false)).extracting(MergeUnit::pointer)
                .containsExactly("/identite/nom", "/identite/prenom", "/loyer", "/motifs", "/membres");
        assertThat(MergeUnit.of(SCHEMA, true)).extracting(MergeUnit::pointer).contains("/identite/sante");
        assertThat(Fingerprints.of(MergeUnit.of(SCHEMA, false), LOADED, SALT).encode()).doesNotContain("sante");
    }

    @Test
    void rows_added_on_both_sides_are_all_kept() {
        ObjectNode mine = posted(LOADED);
        mine.withArray("membres").addObject().put("prenom", "Mine");
        ObjectNode theirs = copy(LOADED);
        theirs.withArray("membres").addObject().put("prenom", "Theirs");

        Merge merge = merge(mine, theirs);

        assertThat(merge.conflicts()).isEmpty();
        assertThat(kindOf(merge, "/membres")).isEqualTo(Kind.ROWS_COMBINED);
        assertThat(merge.data().get("membres")).extracting(row -> row.get("prenom").asText())
                .containsExactly("Léo", "Ana", "Theirs", "Mine");
        assertThat(merge.data().get("membres")).extracting(row -> row.path("_row").asInt(-1))
                .containsExactly(0, 1, 2, -1);
    }

    @Test
    void a_row_i_added_is_kept_when_they_removed_one() {
        ObjectNode mine = posted(LOADED);
        mine.withArray("membres").addObject().put("prenom", "Mine");
        ObjectNode theirs = copy(LOADED);
        theirs.withArray("membres").remove(0);

        Merge merge = merge(mine, theirs);

        assertThat(kindOf(merge, "/membres")).isEqualTo(Kind.ROWS_COMBINED);
        assertThat(merge.data().get("membres")).extracting(row -> row.get("prenom").asText())
                .containsExactly("Ana", "Mine");
        assertThat(merge.data().get("membres").get(0).get("_row").asInt()).isEqualTo(0);
    }

    @Test
    void rows_changed_on_both_sides_are_a_conflict_and_mine_point_at_the_stored_rows_they_loaded() {
        ObjectNode mine = posted(LOADED);
        ((ObjectNode) mine.get("membres").get(1)).put("prenom", "Anaïs");
        ObjectNode theirs = copy(LOADED);
        theirs.withArray("membres").remove(0);
        theirs.withArray("membres").insertObject(0).put("prenom", "Zoé");

        Merge merge = merge(mine, theirs);

        assertThat(kindOf(merge, "/membres")).isEqualTo(Kind.CONFLICT);
        JsonNode kept = merge.resolve(Map.of("/membres", Side.MINE)).get("membres");
        assertThat(kept).extracting(row -> row.get("prenom").asText()).containsExactly("Léo", "Anaïs");
        // Léo's loaded row is gone from what is stored: it comes back as new; Ana's is still stored, at 1.
        assertThat(kept).extracting(row -> row.path("_row").asInt(-1)).containsExactly(-1, 1);
        JsonNode taken = merge.resolve(Map.of("/membres", Side.THEIRS)).get("membres");
        assertThat(taken).extracting(row -> row.get("prenom").asText()).containsExactly("Zoé", "Ana");
    }

    @Test
    void without_fingerprints_every_difference_is_a_conflict() {
        ObjectNode theirs = copy(LOADED);
        ((ObjectNode) theirs.get("identite")).put("nom", "Theirs");
        List<MergeUnit> units = MergeUnit.of(SCHEMA, false);

        Merge merge = ConflictMerge.merge(units, Fingerprints.decode("not json"), posted(LOADED), theirs, SALT);

        assertThat(merge.conflicts()).extracting(o -> o.unit().pointer()).containsExactly("/identite/nom");
    }

    @Test
    void fingerprints_survive_the_hidden_field_and_hide_the_values() {
        Fingerprints prints = Fingerprints.of(MergeUnit.of(SCHEMA, false), LOADED, SALT);

        assertThat(Fingerprints.decode(prints.encode())).contains(prints);
        assertThat(prints.encode()).doesNotContain("Martin", "Léo", "512");
        assertThat(Fingerprints.of(MergeUnit.of(SCHEMA, false), LOADED, "record-2")).isNotEqualTo(prints);
    }
}
