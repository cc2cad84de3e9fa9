package org.dossier.web.designer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.dossier.designer.CustomisationMerge;
import org.dossier.form.BaseSchema;
import org.junit.jupiter.api.Test;

/** Conflicts are said in the admin's words, never as raw JSON. */
class UpdatesPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void each_kind_of_setting_is_described_in_words() throws Exception {
        var labels = UpdatesPages.view(new CustomisationMerge.Conflict("fields/accompagnement.statut/optionLabels",
                CustomisationMerge.Kind.FIELD_CHOICE, "accompagnement.statut", "optionLabels",
                json("{\"clos\": {\"fr\": \"Dossier clôturé\"}}"), json("{\"clos\": {\"fr\": \"Terminé\"}}")),
                BaseSchema.baseSchema(), Locale.FRENCH);
        assertThat(labels.subject()).isEqualTo("Accompagnement › Statut de l'accompagnement");
        assertThat(labels.aspect()).isEqualTo("Libellés des choix");
        assertThat(labels.local()).isEqualTo("clos : « Dossier clôturé »");
        assertThat(labels.upstream()).isEqualTo("clos : « Terminé »");

        var english = UpdatesPages.view(new CustomisationMerge.Conflict("fields/contact.telephone/label",
                CustomisationMerge.Kind.FIELD_CHOICE, "contact.telephone", "label", json("{\"fr\": \"Fixe\", \"en\": \"Landline\"}"),
                json("{\"fr\": \"Portable\"}")), BaseSchema.baseSchema(), Locale.ENGLISH);
        assertThat(english.local()).isEqualTo("“Landline”");
        assertThat(english.upstream()).isEqualTo("“Portable”");

        var required = UpdatesPages.view(new CustomisationMerge.Conflict("fields/contact.email/required",
                CustomisationMerge.Kind.FIELD_CHOICE, "contact.email", "required", json("false"), json("true")),
                BaseSchema.baseSchema(), Locale.FRENCH);
        assertThat(required.local()).isEqualTo("facultatif");
        assertThat(required.upstream()).isEqualTo("obligatoire");

        var options = UpdatesPages.view(new CustomisationMerge.Conflict("customFields/orientation/options",
                CustomisationMerge.Kind.CUSTOM_FIELD_PROPERTY, "orientation", "options",
                json("[{\"value\": \"caf\", \"label\": {\"fr\": \"CAF\"}}]"), null), BaseSchema.baseSchema(), Locale.FRENCH);
        assertThat(options.local()).isEqualTo("« CAF »");
        assertThat(options.upstream()).isEqualTo("réglage du formulaire commun");

        var module = UpdatesPages.view(new CustomisationMerge.Conflict("modules/prevention-expulsions",
                CustomisationMerge.Kind.MODULE, "prevention-expulsions", "", json("false"), json("true")),
                BaseSchema.baseSchema(), Locale.FRENCH);
        assertThat(module.subject()).isEqualTo("Prévention des expulsions");
        assertThat(module.local()).isEqualTo("désactivé");
        assertThat(module.name()).isEqualTo("c:modules/prevention-expulsions");

        var removed = UpdatesPages.view(new CustomisationMerge.Conflict("customFields/caf", CustomisationMerge.Kind.CUSTOM_FIELD,
                "caf", "", json("{\"key\": \"caf\", \"type\": \"text\", \"label\": {\"fr\": \"N° CAF\"}}"), null),
                BaseSchema.baseSchema(), Locale.FRENCH);
        assertThat(removed.subject()).isEqualTo("N° CAF");
        assertThat(removed.local()).isEqualTo("champ « N° CAF » (Texte court)");
        assertThat(removed.upstream()).isEqualTo("retiré");
    }
}
