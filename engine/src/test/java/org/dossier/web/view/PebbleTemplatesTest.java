package org.dossier.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.render.Fixtures;
import org.dossier.render.FormLayout;
import org.dossier.render.FormView;
import org.dossier.render.FormViewBuilder;
import org.dossier.render.RecordViewBuilder;
import org.dossier.render.RenderOptions;
import org.dossier.validation.FieldError;
import org.junit.jupiter.api.Test;

class PebbleTemplatesTest {
    private static final PebbleTemplates TEMPLATES = new PebbleTemplates();
    private static final FormLayout LAYOUT = FormLayout.of(Fixtures.baseLikeSchema());
    private static final FormViewBuilder BUILDER = new FormViewBuilder();

    static String renderForm(ObjectNode data, List<FieldError> errors, Locale locale, boolean confidential) {
        FormView form = BUILDER.build(LAYOUT, data, errors, locale, new RenderOptions(confidential));
        return TEMPLATES.render("form/form", formModel(form, locale), locale);
    }

    static Map<String, Object> formModel(FormView form, Locale locale) {
        Map<String, Object> model = layoutModel(locale).toModel();
        model.put("form", form);
        model.put("formAction", "/t/pasq/records/42");
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("_csrf", "token-123");
        hidden.put("_version", "3");
        model.put("hiddenFields", hidden);
        return model;
    }

    static LayoutModel layoutModel(Locale locale) {
        return new LayoutModel(locale.getLanguage(), "Dossier", "PASQ", "/t/pasq/brand.css", "/t/pasq/",
                new LayoutModel.LangSwitchUrls("?lang=fr", "?lang=en"), Optional.empty(), "Camille Martin",
                List.of(new LayoutModel.NavLink("Dossiers", "/t/pasq/records", true)), "csrf-token", "");
    }

    @Test
    void labels_point_at_the_input_ids() {
        String html = renderForm(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        assertThat(html).contains("<label class=\"label\" for=\"f-identite-nom\">Nom");
        assertThat(html).contains("id=\"f-identite-nom\" name=\"identite.nom\" value=\"Durand\"");
        assertThat(html).contains("<label class=\"choice__label\" for=\"f-identite-civilite\">Madame</label>");
        assertThat(html).contains("id=\"f-membres_foyer-1-prenom\" name=\"membres_foyer[1].prenom\" value=\"Emma\"");
    }

    @Test
    void sections_are_fieldsets_with_legends() {
        String html = renderForm(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        assertThat(html).contains("<fieldset class=\"section\" id=\"f-identite\"");
        assertThat(html).contains("<legend class=\"section__legend\">Identité</legend>");
        assertThat(html).contains("<legend class=\"row__legend\">Membre du foyer 2</legend>");
    }

    @Test
    void error_summary_links_to_the_field_and_the_field_points_at_its_message() {
        var errors = List.of(new FieldError("/identite/nom", "minLength", "Ce champ est obligatoire."));

        String html = renderForm(Fixtures.baseLikeRecord(), errors, Locale.FRENCH, true);

        assertThat(html).contains("role=\"alert\"");
        assertThat(html).contains("<a href=\"#f-identite-nom\">Nom : Ce champ est obligatoire.</a>");
        assertThat(html).contains("aria-describedby=\"f-identite-nom-error\" aria-invalid=\"true\"");
        assertThat(html).contains("<p class=\"error-message\" id=\"f-identite-nom-error\">");
        assertThat(html).contains("<title>Erreur : Dossier – PASQ</title>");
    }

    @Test
    void user_data_is_escaped() {
        ObjectNode data = Fixtures.baseLikeRecord();
        ((ObjectNode) data.get("identite")).put("nom", "<script>alert(1)</script>");

        String html = renderForm(data, List.of(), Locale.FRENCH, true);

        assertThat(html).doesNotContain("<script>alert(1)</script>");
        assertThat(html).contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    @Test
    void empty_record_renders_without_null() {
        String html = renderForm(Fixtures.JSON.createObjectNode(), List.of(), Locale.FRENCH, false);

        assertThat(html).doesNotContainIgnoringCase("null");
        assertThat(html).contains("name=\"identite.nom\" value=\"\"");
    }

    @Test
    void english_locale_gives_english_labels_and_interface() {
        String html = renderForm(Fixtures.baseLikeRecord(), List.of(), Locale.ENGLISH, true);

        assertThat(html).contains("<html lang=\"en\">");
        assertThat(html).contains("<legend class=\"section__legend\">Identity</legend>");
        assertThat(html).contains("for=\"f-identite-nom\">Last name");
        assertThat(html).contains(">Save</button>");
        assertThat(html).contains("Skip to content");
    }

    @Test
    void layout_links_the_brand_stylesheet_and_the_script_without_inline_code() {
        String html = renderForm(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        assertThat(html).contains("<link rel=\"stylesheet\" href=\"/t/pasq/brand.css\">");
        assertThat(html).contains("<script src=\"/assets/js/dossier.js\" defer></script>");
        assertThat(html).contains("<main id=\"main\"");
        assertThat(html).contains("href=\"?lang=en\"");
        assertThat(html).doesNotContain("style=").doesNotContain("onclick").doesNotContain("<style");
    }

    @Test
    void masked_field_posts_nothing_and_shows_no_value() {
        String html = renderForm(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, false);

        assertThat(html).contains("<input class=\"input input--masked\" type=\"text\" id=\"f-notes_confidentielles-contenu\" disabled");
        assertThat(html).doesNotContain("notes_confidentielles.contenu").doesNotContain("violences");
    }

    @Test
    void control_fields_and_row_buttons_are_in_the_form() {
        String html = renderForm(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        assertThat(html).contains("<input type=\"hidden\" name=\"_csrf\" value=\"token-123\">");
        assertThat(html).contains("name=\"_action\" value=\"add:/membres_foyer\" formnovalidate");
        assertThat(html).contains("name=\"_action\" value=\"remove:/membres_foyer/1\" formnovalidate");
        assertThat(html).contains("<template data-row-template>");
        assertThat(html).contains("name=\"membres_foyer[__index__].prenom\"");
        assertThat(html).contains("data-visible-name=\"accompagnement.statut\" data-visible-values=\"[&quot;clos&quot;]\"");
    }

    @Test
    void required_fields_carry_a_visually_hidden_marker() {
        String html = renderForm(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        assertThat(html).contains("for=\"f-identite-prenom\">Prénom<span class=\"required-marker\" aria-hidden=\"true\">*</span>"
                + "<span class=\"visually-hidden\"> (obligatoire)</span></label>");
    }

    @Test
    void record_view_shows_labels_and_formatted_values() {
        var record = new RecordViewBuilder().build(LAYOUT, Fixtures.baseLikeRecord(), Locale.FRENCH,
                new RenderOptions(false));
        Map<String, Object> model = layoutModel(Locale.FRENCH).toModel();
        model.put("record", record);
        model.put("editUrl", "/t/pasq/records/42/edit");

        String html = TEMPLATES.render("record/view", model, Locale.FRENCH);

        assertThat(html).contains("<dt>Date de naissance</dt>");
        assertThat(html).contains(">23/11/1985</dd>");
        assertThat(html).contains("<h3 class=\"record-row__title\">Membre du foyer 2</h3>");
        assertThat(html).contains("record-value--masked\">Confidentiel</dd>");
        assertThat(html).doesNotContain("violences");
    }
}
