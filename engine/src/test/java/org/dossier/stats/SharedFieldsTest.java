package org.dossier.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dossier.form.BaseSchema;
import org.dossier.form.CustomisationCompiler;
import org.dossier.render.LocalizedText;
import org.dossier.stats.SharedFields.Reason;
import org.dossier.stats.SharedFields.SharedField;
import org.junit.jupiter.api.Test;

class SharedFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SharedField field(String path) {
        return SharedFields.of(BaseSchema.baseSchema()).stream().filter(field -> field.path().equals(path)).findFirst()
                .orElseThrow();
    }

    private static JsonNode customised(String customisation) throws Exception {
        return new CustomisationCompiler().compile(BaseSchema.baseSchema(), JSON.readTree(customisation)).definition();
    }

    @Test
    void the_base_single_choice_fields_outside_repeatable_groups_are_shared_with_the_base_labels() {
        assertThat(SharedFields.of(BaseSchema.baseSchema())).extracting(SharedField::path).containsExactly(
                "accompagnement.statut", "accompagnement.antenne", "identite.civilite", "identite.nationalite",
                "identite.situation_familiale", "logement_ressources.type_logement", "prevention_expulsions.stade");
        SharedField housing = field("logement_ressources.type_logement");
        assertThat(housing.jsonPath()).isEqualTo("$.logement_ressources.type_logement");
        assertThat(housing.label().in(Locale.FRENCH)).isEqualTo("Type de logement");
        assertThat(housing.options().get(0).value()).isEqualTo("locataire_parc_prive");
        assertThat(housing.options().get(0).label().in(Locale.ENGLISH)).isNotBlank().isNotEqualTo("locataire_parc_prive");
    }

    @Test
    void fields_go_together_while_their_options_share_no_value() {
        List<SharedField> base = SharedFields.of(BaseSchema.baseSchema());
        SharedField overlapping = new SharedField("suivi.statut", "$.suivi.statut", LocalizedText.EMPTY,
                List.of(new SharedFields.Option("clos", LocalizedText.EMPTY), new SharedFields.Option("autre", LocalizedText.EMPTY)));
        List<SharedField> all = new ArrayList<>(base);
        all.add(overlapping);

        assertThat(SharedFields.withDistinctOptions(base)).singleElement().isEqualTo(base);
        assertThat(SharedFields.withDistinctOptions(all)).containsExactly(base, List.of(overlapping));
    }

    @Test
    void a_confidential_or_special_category_field_is_never_shared() {
        ObjectNode base = (ObjectNode) BaseSchema.baseSchema();
        ObjectNode housing = (ObjectNode) base.path("properties").path("logement_ressources").path("properties").path("type_logement");
        housing.putObject("x-gdpr").put("specialCategory", true);
        ((ObjectNode) base.path("properties").path("identite").path("properties").path("nationalite")).put("x-confidential", true);

        assertThat(SharedFields.of(base)).extracting(SharedField::path)
                .doesNotContain("logement_ressources.type_logement", "identite.nationalite").contains("identite.civilite");
    }

    @Test
    void the_base_form_and_a_relabelled_option_keep_a_service_in_the_comparison() throws Exception {
        assertThat(SharedFields.exclusion(field("logement_ressources.type_logement"), BaseSchema.baseSchema())).isEmpty();
        assertThat(SharedFields.exclusion(field("accompagnement.statut"), customised("""
                {"fields": {"accompagnement.statut": {"optionLabels": {"clos": {"fr": "Dossier clôturé"}}, "label": {"fr": "État"}}}}
                """))).isEmpty();
    }

    @Test
    void a_hidden_field_a_module_switched_off_or_a_hidden_section_leave_the_service_out_with_the_reason() throws Exception {
        JsonNode serviceB = customised("""
                {"fields": {"accompagnement.antenne": {"hidden": true}}, "modules": {"prevention-expulsions": false}}
                """);

        assertThat(SharedFields.exclusion(field("accompagnement.antenne"), serviceB)).hasValueSatisfying(exclusion ->
                assertThat(exclusion.reason()).isEqualTo(Reason.HIDDEN));
        assertThat(SharedFields.exclusion(field("prevention_expulsions.stade"), serviceB)).hasValueSatisfying(exclusion -> {
            assertThat(exclusion.reason()).isEqualTo(Reason.MODULE_OFF);
            assertThat(exclusion.section().in(Locale.FRENCH)).isEqualTo("Prévention des expulsions");
        });
        assertThat(SharedFields.exclusion(field("accompagnement.statut"), serviceB)).isEmpty();
        assertThat(SharedFields.exclusion(field("identite.civilite"), customised("""
                {"fields": {"identite": {"hidden": true}}}
                """))).hasValueSatisfying(exclusion -> assertThat(exclusion.reason()).isEqualTo(Reason.SECTION_HIDDEN));
    }

    @Test
    void a_form_published_whole_without_the_field_with_other_options_or_confidential_is_left_out() {
        ObjectNode absent = (ObjectNode) BaseSchema.baseSchema();
        ((ObjectNode) absent.path("properties").path("logement_ressources").path("properties")).remove("type_logement");
        ObjectNode otherOptions = (ObjectNode) BaseSchema.baseSchema();
        ((ObjectNode) otherOptions.path("properties").path("logement_ressources").path("properties").path("type_logement"))
                .putArray("enum").add("locataire").add("autre");
        ObjectNode confidential = (ObjectNode) BaseSchema.baseSchema();
        ((ObjectNode) confidential.path("properties").path("logement_ressources")).put("x-confidential", true);
        SharedField housing = field("logement_ressources.type_logement");

        assertThat(SharedFields.exclusion(housing, absent)).map(SharedFields.Exclusion::reason).hasValue(Reason.ABSENT);
        assertThat(SharedFields.exclusion(housing, otherOptions)).map(SharedFields.Exclusion::reason)
                .hasValue(Reason.OPTIONS_CHANGED);
        assertThat(SharedFields.exclusion(housing, confidential)).map(SharedFields.Exclusion::reason)
                .hasValue(Reason.CONFIDENTIAL);
    }
}
