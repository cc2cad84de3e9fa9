package org.dossier.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.form.BaseSchema;
import org.dossier.form.CompiledForm;
import org.dossier.form.DefaultValues;
import org.dossier.form.FormCompiler;
import org.dossier.form.VisibleWhen;
import org.dossier.referent.Referents;
import org.junit.jupiter.api.Test;

/** The new case file's form, built once per published version, language and options. */
class BlankFormTest {
    private final FormCompiler compiler = new FormCompiler();
    private final FormRenderer renderer = new FormRenderer(new VisibleWhen());

    /** The base with a default status, so that the blank form shows a value. */
    private CompiledForm withDefaultStatus(int version, String status) {
        JsonNode definition = BaseSchema.baseSchema();
        ((ObjectNode) definition.at("/properties/accompagnement/properties/statut")).put("default", status);
        return compiler.compile("dossier", version, definition);
    }

    private static ControlView control(List<FormItem> items, String id) {
        for (FormItem item : items) {
            if (item.id().equals(id)) {
                return (ControlView) item;
            }
            if (item instanceof SectionView section) {
                ControlView found = control(section.children(), id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void the_blank_form_is_the_form_of_the_defaults_and_is_built_once() {
        CompiledForm form = withDefaultStatus(1, "en_cours");
        RenderOptions options = new RenderOptions(true);

        FormView first = renderer.blankForm(form, Locale.FRENCH, options);

        assertThat(first).isEqualTo(renderer.form(form, DefaultValues.of(form.effectiveSchema()), List.of(), Locale.FRENCH,
                options));
        assertThat(control(first.items(), "f-accompagnement-statut").value()).isEqualTo("en_cours");
        assertThat(renderer.blankForm(form, Locale.FRENCH, new RenderOptions(true))).isSameAs(first);
    }

    @Test
    void each_language_option_and_version_has_its_own_blank_form() {
        CompiledForm form = withDefaultStatus(1, "en_cours");
        FormView french = renderer.blankForm(form, Locale.FRENCH, new RenderOptions(true));

        FormView english = renderer.blankForm(form, Locale.ENGLISH, new RenderOptions(true));
        FormView withoutGrant = renderer.blankForm(form, Locale.FRENCH, new RenderOptions(false));
        FormView withChoices = renderer.blankForm(form, Locale.FRENCH, new RenderOptions(true,
                Map.of(Referents.POINTER, new FieldChoices(Map.of("u-1", "Camille Martin"), Map.of()))));
        CompiledForm next = withDefaultStatus(2, "en_veille");
        FormView nextVersion = renderer.blankForm(next, Locale.FRENCH, new RenderOptions(true));

        assertThat(control(english.items(), "f-accompagnement-statut").label()).isEqualTo("Support status");
        assertThat(control(french.items(), "f-accompagnement-statut").label()).isEqualTo("Statut de l'accompagnement");
        assertThat(withoutGrant).isEqualTo(renderer.form(form, DefaultValues.of(form.effectiveSchema()), List.of(),
                Locale.FRENCH, new RenderOptions(false))).isNotEqualTo(french);
        assertThat(control(withChoices.items(), "f-accompagnement-referent").options()).extracting(OptionView::label)
                .contains("Camille Martin");
        assertThat(control(french.items(), "f-accompagnement-referent").options()).extracting(OptionView::label)
                .doesNotContain("Camille Martin");
        assertThat(control(nextVersion.items(), "f-accompagnement-statut").value()).isEqualTo("en_veille");
        assertThat(renderer.blankForm(form, Locale.FRENCH, new RenderOptions(true))).isSameAs(french);
    }

    @Test
    void the_kept_forms_stay_bounded() {
        CompiledForm form = withDefaultStatus(1, "en_cours");

        for (int i = 0; i <= FormRenderer.BLANKS_KEPT; i++) {
            renderer.blankForm(form, Locale.FRENCH, new RenderOptions(true,
                    Map.of(Referents.POINTER, new FieldChoices(Map.of("u-" + i, "Member " + i), Map.of()))));
        }

        assertThat(renderer.blanksKept()).isBetween(1, FormRenderer.BLANKS_KEPT);
    }
}
