package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossier.form.ConfidentialFixtures.SCHEMA;
import static org.dossier.form.ConfidentialFixtures.STORED;
import static org.dossier.form.ConfidentialFixtures.json;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a page showing part of a form may change, and which of the whole case file's errors refuse its save. */
class FormScopeTest {
    private static final FormScope IDENTITY = FormScope.of(Set.of("identite"));

    @Test
    void the_shown_schema_holds_only_the_root_properties_in_scope() {
        assertThat(IDENTITY.shownSchema(SCHEMA).path("properties").size()).isEqualTo(1);
        assertThat(IDENTITY.shownSchema(SCHEMA).at("/properties/identite")).isEqualTo(SCHEMA.at("/properties/identite"));
        assertThat(FormScope.WHOLE.shownSchema(SCHEMA)).isSameAs(SCHEMA);
        assertThat(SCHEMA.path("properties").size()).as("left untouched").isEqualTo(3);
    }

    @Test
    void a_section_save_keeps_everything_outside_the_section_exactly_as_stored() {
        HiddenData.Merged merged = HiddenData.of(SCHEMA.deepCopy(), true).carryOver(json("""
                {'identite': {'nom': 'Durand-Martin'}}"""), STORED);
        HiddenData.Merged section = HiddenData.of(IDENTITY.shownSchema(SCHEMA), true).carryOver(json("""
                {'identite': {'nom': 'Durand-Martin'}}"""), STORED);

        // Through the whole form, what the post left out is gone; through the section's page, it is kept.
        assertThat(merged.data()).isEqualTo(json("{'identite': {'nom': 'Durand-Martin'}}"));
        assertThat(section.data()).isEqualTo(json("""
                {'identite': {'nom': 'Durand-Martin'},
                 'membres': [{'prenom': 'Léo', 'sante': 'asthme'}, {'prenom': 'Ana'}],
                 'notes': {'contenu': 'secret'}}"""));
        assertThat(section.carriedPointers()).containsExactlyInAnyOrder("/membres", "/notes");
        assertThat(section.problems()).isEmpty();
    }

    @Test
    void a_post_outside_the_section_is_refused_not_stored() {
        HiddenData.Merged section = HiddenData.of(IDENTITY.shownSchema(SCHEMA), true).carryOver(json("""
                {'identite': {'nom': 'Durand'}, 'notes': {'contenu': 'overwritten'}}"""), STORED);

        assertThat(section.problems()).extracting(ConfidentialFields.Problem::pointer).containsExactly("/notes");
        assertThat(section.data().at("/notes/contenu").asText()).isEqualTo("secret");
    }

    @Test
    void only_a_required_gap_outside_what_the_page_must_fill_is_let_through() {
        assertThat(IDENTITY.refuses("required", "/identite/nom")).isTrue();
        assertThat(IDENTITY.refuses("required", "/identite")).isTrue();
        assertThat(IDENTITY.refuses("required", "/contact/telephone")).isFalse();
        assertThat(IDENTITY.refuses("required", "/identite_bis/nom")).as("a prefix is a whole segment").isFalse();
        assertThat(IDENTITY.refuses("maxLength", "/contact/telephone")).isTrue();
        assertThat(FormScope.WHOLE.refuses("required", "/contact/telephone")).isTrue();

        FormScope newRow = FormScope.of(Set.of("suivis")).requiringOnlyWithin("/suivis/3");
        assertThat(newRow.refuses("required", "/suivis/3/resume")).isTrue();
        assertThat(newRow.refuses("required", "/suivis/1/resume")).isFalse();
        assertThat(newRow.shows("suivis")).isTrue();
        assertThat(newRow.shows("identite")).isFalse();
    }
}
