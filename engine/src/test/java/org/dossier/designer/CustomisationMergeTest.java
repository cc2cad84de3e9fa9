package org.dossier.designer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.dossier.designer.CustomisationMerge.Decision;
import org.dossier.designer.CustomisationMerge.Kind;
import org.junit.jupiter.api.Test;

class CustomisationMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static CustomisationMerge.Result merge(String ancestor, String upstream, String local) {
        return CustomisationMerge.merge(json(ancestor), json(upstream), json(local), Map.of(), key -> false);
    }

    @Test
    void upstreamChoicesTheCloneDidNotTouchAreTaken() {
        var result = merge("{'fields': {'contact.telephone': {'required': false}}}",
                "{'fields': {'contact.telephone': {'required': true}, 'accompagnement.antenne': {'hidden': true}}}",
                "{'fields': {'contact.telephone': {'required': false}}}");

        assertThat(result.merged()).isEqualTo(json(
                "{'fields': {'contact.telephone': {'required': true}, 'accompagnement.antenne': {'hidden': true}}}"));
        assertThat(result.taken()).containsExactly("fields/contact.telephone/required", "fields/accompagnement.antenne/hidden");
        assertThat(result.conflicts()).isEmpty();
    }

    @Test
    void theClonesOwnChoicesStayWhenUpstreamDidNotChangeThem() {
        var result = merge("{'fields': {'identite.nom_usage': {'hidden': true}}}",
                "{'fields': {'identite.nom_usage': {'hidden': true}}, 'modules': {'prevention-expulsions': false}}",
                "{'fields': {'identite.nom_usage': {'hidden': false, 'label': {'fr': 'Nom marital'}}},"
                        + " 'customFields': [{'key': 'mine', 'type': 'text', 'label': {'fr': 'A moi'}}]}");

        assertThat(result.merged()).isEqualTo(json("{'fields': {'identite.nom_usage': {'hidden': false, 'label': {'fr': 'Nom marital'}}},"
                + " 'customFields': [{'key': 'mine', 'type': 'text', 'label': {'fr': 'A moi'}}],"
                + " 'modules': {'prevention-expulsions': false}}"));
        assertThat(result.conflicts()).isEmpty();
    }

    @Test
    void theSameFieldChangedOnBothSidesIsAConflictKeptLocalUnlessDecided() {
        String ancestor = "{'fields': {'contact.telephone': {'label': {'fr': 'Téléphone'}}}}";
        String upstream = "{'fields': {'contact.telephone': {'label': {'fr': 'Portable'}, 'required': true}}}";
        String local = "{'fields': {'contact.telephone': {'label': {'fr': 'Tél. fixe'}}}}";

        var kept = merge(ancestor, upstream, local);
        assertThat(kept.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.id()).isEqualTo("fields/contact.telephone/label");
            assertThat(conflict.kind()).isEqualTo(Kind.FIELD_CHOICE);
            assertThat(conflict.local()).isEqualTo(json("{'fr': 'Tél. fixe'}"));
            assertThat(conflict.upstream()).isEqualTo(json("{'fr': 'Portable'}"));
        });
        // The non-conflicting choice on the same field is still taken.
        assertThat(kept.merged()).isEqualTo(json("{'fields': {'contact.telephone': {'label': {'fr': 'Tél. fixe'}, 'required': true}}}"));

        var theirs = CustomisationMerge.merge(json(ancestor), json(upstream), json(local),
                Map.of("fields/contact.telephone/label", Decision.UPSTREAM), key -> false);
        assertThat(theirs.merged()).isEqualTo(json("{'fields': {'contact.telephone': {'label': {'fr': 'Portable'}, 'required': true}}}"));
    }

    @Test
    void bothSidesMakingTheSameChangeIsNoConflict() {
        var result = merge("{}", "{'modules': {'tableau-de-bord': false}}", "{'modules': {'tableau-de-bord': false}}");
        assertThat(result.conflicts()).isEmpty();
        assertThat(result.taken()).isEmpty();
        assertThat(result.merged()).isEqualTo(json("{'modules': {'tableau-de-bord': false}}"));
    }

    @Test
    void customFieldsAddedUpstreamAreAddedAndTheirChangesMergedPropertyByProperty() {
        String field = "{'key': 'caf', 'type': 'text', 'label': {'fr': 'CAF'}, 'required': false}";
        var added = merge("{}", "{'customFields': [" + field + "]}", "{'customFields': [{'key': 'mine', 'type': 'date', 'label': {'fr': 'Date'}}]}");
        assertThat(added.merged().get("customFields")).hasSize(2);
        assertThat(added.merged().get("customFields").get(1)).isEqualTo(json(field));

        var changed = merge("{'customFields': [" + field + "]}",
                "{'customFields': [{'key': 'caf', 'type': 'text', 'label': {'fr': 'Numéro CAF'}, 'required': true}]}",
                "{'customFields': [{'key': 'caf', 'type': 'text', 'label': {'fr': 'CAF'}, 'required': false, 'hidden': true}]}");
        assertThat(changed.conflicts()).isEmpty();
        assertThat(changed.merged().get("customFields").get(0)).isEqualTo(json(
                "{'key': 'caf', 'type': 'text', 'label': {'fr': 'Numéro CAF'}, 'required': true, 'hidden': true}"));
    }

    @Test
    void aCustomFieldRemovedUpstreamGoesOnlyIfUntouchedAndIsHiddenWhenRecordsHoldIt() {
        String field = "{'key': 'caf', 'type': 'text', 'label': {'fr': 'CAF'}}";
        String ancestor = "{'customFields': [" + field + "]}";

        var removed = merge(ancestor, "{'customFields': []}", ancestor);
        assertThat(removed.merged().get("customFields")).isEmpty();

        var hidden = CustomisationMerge.merge(json(ancestor), json("{'customFields': []}"), json(ancestor), Map.of(),
                key -> key.equals("caf"));
        assertThat(hidden.merged().get("customFields").get(0).get("hidden").asBoolean()).isTrue();

        var conflict = merge(ancestor, "{'customFields': []}",
                "{'customFields': [{'key': 'caf', 'type': 'text', 'label': {'fr': 'N° CAF'}}]}");
        assertThat(conflict.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.CUSTOM_FIELD);
            assertThat(c.upstream()).isNull();
        });
        assertThat(conflict.merged().get("customFields")).hasSize(1);
    }

    @Test
    void theCloneHavingRemovedAChoiceUpstreamChangedIsAConflict() {
        var result = merge("{'fields': {'accompagnement.antenne': {'hidden': true}}}",
                "{'fields': {'accompagnement.antenne': {'hidden': false}}}",
                "{}");
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.local()).isNull();
            assertThat(c.upstream()).isEqualTo(json("false"));
        });
        assertThat(result.merged()).isEqualTo(json("{}"));
    }

    @Test
    void theInputsAreNotModified() {
        JsonNode local = json("{'fields': {'a.b': {'hidden': true}}}");
        JsonNode copy = local.deepCopy();
        CustomisationMerge.merge(json("{}"), json("{'fields': {'a.b': {'required': true}}}"), local, Map.of(), key -> false);
        assertThat(local).isEqualTo(copy);
    }
}
