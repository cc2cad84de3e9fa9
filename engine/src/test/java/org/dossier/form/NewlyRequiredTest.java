package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which fields a publication makes required, and whom a "new case files only" choice exempts. */
class NewlyRequiredTest {
    private static JsonNode effective(JsonNode definition) {
        return new FormCompiler().compile("dossier", 1, definition).effectiveSchema();
    }

    private static ObjectNode field(JsonNode definition, String pointer) {
        return FormFixtures.objectAt(definition, pointer);
    }

    @Test
    void fields_turned_required_in_sections_rows_and_under_a_condition_are_found_and_hidden_ones_are_not() {
        JsonNode before = BaseSchema.baseSchema();
        JsonNode after = BaseSchema.baseSchema();
        FormFixtures.objectAt(after, "/properties/contact").putArray("required").add("telephone");
        ((com.fasterxml.jackson.databind.node.ArrayNode) after.at("/properties/membres_foyer/items/required"))
                .add("date_naissance");
        ((com.fasterxml.jackson.databind.node.ArrayNode) after.at("/properties/accompagnement/required")).add("antenne");
        field(after, "/properties/accompagnement/properties/antenne").put("x-hidden", true);
        ObjectNode orientation = FormFixtures.objectAt(after, "/properties").putObject("orientation");
        orientation.put("type", "string").putObject("x-label").put("fr", "Orientation").put("en", "Referral");
        orientation.set("x-visible-when", FormFixtures.json(
                "{\"properties\": {\"accompagnement\": {\"properties\": {\"statut\": {\"const\": \"clos\"}}}}}"));
        ((ObjectNode) after).withArray("required").add("orientation");

        List<NewlyRequired.Field> fields = NewlyRequired.between(effective(before), effective(after), Locale.ENGLISH);

        assertThat(fields).extracting(NewlyRequired.Field::pointer).containsExactlyInAnyOrder(
                "/contact/telephone", "/membres_foyer/*/date_naissance", "/orientation");
        Map<String, NewlyRequired.Field> byPointer = new java.util.HashMap<>();
        fields.forEach(found -> byPointer.put(found.pointer(), found));
        assertThat(byPointer.get("/contact/telephone").optionalSection()).as("contact is not required").isEqualTo("/contact");
        assertThat(byPointer.get("/contact/telephone").label()).isEqualTo("Phone");
        assertThat(byPointer.get("/membres_foyer/*/date_naissance").inRows()).isTrue();
        assertThat(byPointer.get("/orientation").conditional()).isTrue();
        assertThat(byPointer.get("/orientation").label()).isEqualTo("Referral");
    }

    @Test
    void a_field_already_required_is_not_newly_required() {
        assertThat(NewlyRequired.between(effective(BaseSchema.baseSchema()), effective(BaseSchema.baseSchema()),
                Locale.FRENCH)).isEmpty();
    }

    @Test
    void a_new_only_choice_exempts_case_files_created_before_its_publication_and_rows_by_any_index() {
        Instant published = Instant.parse("2026-01-10T10:00:00Z");
        NewOnlyRequirements newOnly = new NewOnlyRequirements(Map.of("/membres_foyer/*/lien", published,
                "/identite/numero", published));

        Instant before = published.minusSeconds(1);
        assertThat(newOnly.exempts("/identite/numero", before)).isTrue();
        assertThat(newOnly.exempts("/membres_foyer/3/lien", before)).isTrue();
        assertThat(newOnly.exempts("/identite/numero", published.plusSeconds(1))).as("created after").isFalse();
        assertThat(newOnly.exempts("/identite/nom", before)).as("not chosen").isFalse();
        assertThat(newOnly.exempts("/membres_foyer/x/lien", before)).isFalse();
        assertThat(newOnly.exempts("/membres_foyer/3/lien/extra", before)).isFalse();
    }

    @Test
    void choices_round_trip_through_their_stored_json() {
        RequiredChoices choices = new RequiredChoices(Map.of("/a/b", RequiredScope.NEW_ONLY, "/c", RequiredScope.ALSO_EXISTING));
        assertThat(RequiredChoices.fromJson(FormFixtures.json(choices.toJson()))).isEqualTo(choices);
        assertThat(RequiredChoices.NONE.toJson()).isNull();
    }
}
