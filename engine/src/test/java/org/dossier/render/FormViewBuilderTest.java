package org.dossier.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.dossier.validation.FieldError;
import org.junit.jupiter.api.Test;

class FormViewBuilderTest {
    private static final FormLayout LAYOUT = FormLayout.of(Fixtures.baseLikeSchema());
    private final FormViewBuilder builder = new FormViewBuilder();

    private FormView build(ObjectNode data, List<FieldError> errors, Locale locale, boolean confidential) {
        return builder.build(LAYOUT, data, errors, locale, new RenderOptions(confidential));
    }

    private static FormItem find(List<FormItem> items, String id) {
        for (FormItem item : items) {
            if (item.id().equals(id)) {
                return item;
            }
            List<FormItem> children = switch (item.kind()) {
                case "section" -> ((SectionView) item).children();
                case "group" -> ((RepeatableGroupView) item).rows().stream().flatMap(r -> r.children().stream()).toList();
                default -> List.of();
            };
            FormItem found = find(children, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ControlView control(FormView form, String id) {
        return (ControlView) find(form.items(), id);
    }

    @Test
    void top_level_items_follow_x_order() {
        FormView form = build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        assertThat(form.items()).extracting(FormItem::id).containsExactly("f-accompagnement", "f-identite",
                "f-contact", "f-membres_foyer", "f-logement_ressources", "f-suivis", "f-prevention_expulsions",
                "f-notes_confidentielles", "f-remarque");
        assertThat(form.title()).isEqualTo("Dossier");
    }

    @Test
    void x_section_field_shows_inside_its_section_with_a_root_name() {
        FormView form = build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);
        var identite = (SectionView) find(form.items(), "f-identite");

        assertThat(identite.children()).extracting(FormItem::id).containsExactly("f-identite-civilite",
                "f-identite-nom", "f-identite-nom_naissance", "f-identite-prenom", "f-identite-date_naissance",
                "f-identite-nationalite", "f-identite-numero_securite_sociale", "f-numero_caf");
        ControlView caf = control(form, "f-numero_caf");
        assertThat(caf.name()).isEqualTo("numero_caf");
        assertThat(caf.value()).isEqualTo("1234567");
    }

    @Test
    void labels_follow_the_locale_and_fall_back_to_french() {
        FormView english = build(Fixtures.baseLikeRecord(), List.of(), Locale.ENGLISH, true);

        assertThat(control(english, "f-identite-nom").label()).isEqualTo("Last name");
        assertThat(((SectionView) find(english.items(), "f-contact")).legend()).isEqualTo("Contact details");
        assertThat(control(english, "f-numero_caf").label()).isEqualTo("Numéro d'allocataire CAF");
        assertThat(control(english, "f-identite-numero_securite_sociale").hint()).isEqualTo("13 or 15 digits, no spaces");
        assertThat(control(build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true), "f-identite-nom").label())
                .isEqualTo("Nom");
    }

    @Test
    void widgets_are_inferred_from_the_schema() {
        FormView form = build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        assertThat(control(form, "f-identite-nom").widget()).isEqualTo(Widget.TEXT);
        assertThat(control(form, "f-identite-civilite").widget()).isEqualTo(Widget.RADIO);
        assertThat(control(form, "f-identite-nationalite").widget()).isEqualTo(Widget.SELECT);
        assertThat(control(form, "f-accompagnement-statut").widget()).isEqualTo(Widget.SELECT);
        assertThat(control(form, "f-identite-date_naissance").widget()).isEqualTo(Widget.DATE);
        assertThat(control(form, "f-contact-email").widget()).isEqualTo(Widget.EMAIL);
        assertThat(control(form, "f-contact-telephone").widget()).isEqualTo(Widget.TEL);
        assertThat(control(form, "f-contact-accepte_sms").widget()).isEqualTo(Widget.YESNO);
        assertThat(control(form, "f-logement_ressources-loyer").widget()).isEqualTo(Widget.NUMBER);
        assertThat(control(form, "f-accompagnement-motifs").widget()).isEqualTo(Widget.CHECKBOXES);
        assertThat(control(form, "f-remarque").widget()).isEqualTo(Widget.TEXTAREA);
        assertThat(control(form, "f-prevention_expulsions-saisine_ccapex").widget()).isEqualTo(Widget.CHECKBOX);
    }

    @Test
    void required_comes_from_required_and_from_visible_when_rules() {
        FormView form = build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        assertThat(control(form, "f-identite-nom").required()).isTrue();
        assertThat(control(form, "f-identite-nom_naissance").required()).isFalse();
        assertThat(control(form, "f-membres_foyer-0-lien").required()).isTrue();
        assertThat(control(form, "f-accompagnement-date_cloture").required()).isTrue();
    }

    @Test
    void error_is_attached_to_its_control_and_listed_in_the_summary() {
        var errors = List.of(new FieldError("/identite/nom", "minLength", "Ce champ est obligatoire."),
                new FieldError("/membres_foyer/1/prenom", "required", "Indiquez le prénom."));

        FormView form = build(Fixtures.baseLikeRecord(), errors, Locale.FRENCH, true);

        ControlView nom = control(form, "f-identite-nom");
        assertThat(nom.errors()).containsExactly("Ce champ est obligatoire.");
        assertThat(nom.describedBy()).isEqualTo("f-identite-nom-error");
        ControlView prenom = control(form, "f-membres_foyer-1-prenom");
        assertThat(prenom.errors()).containsExactly("Indiquez le prénom.");
        assertThat(control(form, "f-membres_foyer-0-prenom").errors()).isEmpty();
        assertThat(form.errorSummary()).containsExactly(
                new ErrorSummaryEntry("Nom : Ce champ est obligatoire.", "#f-identite-nom"),
                new ErrorSummaryEntry("Prénom : Indiquez le prénom.", "#f-membres_foyer-1-prenom"));
    }

    @Test
    void a_message_that_names_its_field_is_listed_as_it_is_and_a_generic_one_after_the_label() {
        var errors = List.of(new FieldError("/identite/nom", "required", "Saisissez le nom", true),
                new FieldError("/identite/prenom", "required", "Ce champ est obligatoire.", false));

        FormView form = build(Fixtures.baseLikeRecord(), errors, Locale.FRENCH, true);

        assertThat(control(form, "f-identite-nom").errors()).containsExactly("Saisissez le nom");
        assertThat(form.errorSummary()).containsExactly(
                new ErrorSummaryEntry("Saisissez le nom", "#f-identite-nom"),
                new ErrorSummaryEntry("Prénom : Ce champ est obligatoire.", "#f-identite-prenom"));
    }

    @Test
    void described_by_joins_hint_and_error() {
        var errors = List.of(new FieldError("/identite/numero_securite_sociale", "pattern", "Format invalide."));

        ControlView nir = control(build(Fixtures.baseLikeRecord(), errors, Locale.FRENCH, true),
                "f-identite-numero_securite_sociale");

        assertThat(nir.describedBy()).isEqualTo("f-identite-numero_securite_sociale-hint f-identite-numero_securite_sociale-error");
        assertThat(nir.pattern()).isEqualTo("^[12][0-9]{12}([0-9]{2})?$");
    }

    @Test
    void unclaimed_error_still_reaches_the_summary() {
        var errors = List.of(new FieldError("/champ_inconnu", "unknownField", "Champ inconnu."));

        FormView form = build(Fixtures.baseLikeRecord(), errors, Locale.FRENCH, true);

        assertThat(form.errorSummary()).containsExactly(new ErrorSummaryEntry("Champ inconnu.", "#f-champ_inconnu"));
    }

    @Test
    void raw_text_in_a_number_field_is_shown_back_as_typed() {
        ObjectNode data = Fixtures.baseLikeRecord();
        ((ObjectNode) data.get("logement_ressources")).put("loyer", "abc");

        FormView form = build(data, List.of(), Locale.FRENCH, true);

        assertThat(control(form, "f-logement_ressources-loyer").value()).isEqualTo("abc");
        assertThat(control(form, "f-logement_ressources-montant_dettes").value()).isEqualTo("1200");
    }

    @Test
    void numbers_and_options_keep_their_values() {
        FormView form = build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        ControlView loyer = control(form, "f-logement_ressources-loyer");
        assertThat(loyer.value()).isEqualTo("450.5");
        assertThat(loyer.inputmode()).isEqualTo("decimal");
        assertThat(loyer.min()).isEqualTo("0");
        assertThat(loyer.max()).isEqualTo("100000");
        assertThat(control(form, "f-accompagnement-motifs").options())
                .filteredOn(OptionView::selected).extracting(OptionView::value).containsExactly("logement", "budget");
        assertThat(control(form, "f-accompagnement-statut").options())
                .filteredOn(OptionView::selected).extracting(OptionView::label).containsExactly("En cours");
        assertThat(control(form, "f-contact-accepte_sms").options())
                .extracting(OptionView::value, OptionView::label, OptionView::selected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("true", "Oui", true),
                        org.assertj.core.groups.Tuple.tuple("false", "Non", false));
    }

    @Test
    void visible_when_is_evaluated_on_the_whole_record() {
        ObjectNode data = Fixtures.baseLikeRecord();

        ControlView hiddenWhileOpen = control(build(data, List.of(), Locale.FRENCH, true), "f-accompagnement-date_cloture");
        ((ObjectNode) data.get("accompagnement")).put("statut", "clos");
        ControlView shownWhenClosed = control(build(data, List.of(), Locale.FRENCH, true), "f-accompagnement-date_cloture");

        assertThat(hiddenWhileOpen.visible()).isFalse();
        assertThat(shownWhenClosed.visible()).isTrue();
        assertThat(control(build(data, List.of(), Locale.FRENCH, true), "f-prevention_expulsions-date_audience").visible())
                .isTrue();
    }

    @Test
    void simple_conditions_get_a_client_descriptor() {
        FormView form = build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        ControlView cloture = control(form, "f-accompagnement-date_cloture");
        ControlView audience = control(form, "f-prevention_expulsions-date_audience");
        assertThat(cloture.visibleName()).isEqualTo("accompagnement.statut");
        assertThat(cloture.visibleValues()).isEqualTo("[\"clos\"]");
        assertThat(audience.visibleValues()).isEqualTo("[\"assignation\",\"audience\"]");
        assertThat(control(form, "f-identite-nom").visibleName()).isEmpty();
    }

    @Test
    void complex_conditions_have_no_client_descriptor() {
        var condition = Fixtures.parse("{\"anyOf\": [{\"required\": [\"a\"]}, {\"required\": [\"b\"]}]}");

        assertThat(ClientVisibility.from(condition)).isEmpty();
        assertThat(ClientVisibility.from(Fixtures.parse(
                "{\"properties\": {\"contact\": {\"properties\": {\"accepte_sms\": {\"const\": true}}, \"required\": [\"accepte_sms\"]}}, \"required\": [\"contact\"]}")))
                .contains(new ClientVisibility("contact.accepte_sms", List.of("true")));
    }

    @Test
    void confidential_fields_are_masked_without_the_grant() {
        FormView form = build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, false);

        ControlView contenu = control(form, "f-notes_confidentielles-contenu");
        assertThat(contenu.widget()).isEqualTo(Widget.MASKED);
        assertThat(contenu.name()).isEmpty();
        assertThat(contenu.value()).isEmpty();
        assertThat(contenu.label()).isEqualTo("Contenu");
    }

    @Test
    void confidential_fields_are_shown_with_the_grant() {
        FormView form = build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);

        ControlView contenu = control(form, "f-notes_confidentielles-contenu");
        assertThat(contenu.widget()).isEqualTo(Widget.TEXTAREA);
        assertThat(contenu.name()).isEqualTo("notes_confidentielles.contenu");
        assertThat(contenu.value()).isEqualTo("Situation de violences conjugales signalée.");
    }

    @Test
    void repeatable_group_has_rows_actions_and_a_blank_template() {
        FormView form = build(Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH, true);
        var group = (RepeatableGroupView) find(form.items(), "f-membres_foyer");

        assertThat(group.rows()).extracting(RowView::legend).containsExactly("Membre du foyer 1", "Membre du foyer 2");
        assertThat(group.rows()).extracting(RowView::removeAction)
                .containsExactly("remove:/membres_foyer/0", "remove:/membres_foyer/1");
        assertThat(group.addAction()).isEqualTo("add:/membres_foyer");
        assertThat(group.canAdd()).isTrue();
        ControlView blankName = (ControlView) group.blankRow().children().get(0);
        assertThat(blankName.name()).isEqualTo("membres_foyer[__index__].nom");
        assertThat(blankName.id()).isEqualTo("f-membres_foyer-__index__-nom");
        assertThat(blankName.value()).isEmpty();
        assertThat(group.blankRow().legend()).isEqualTo("Membre du foyer __number__");
    }

    /** The base-like form with a confidential health note on each household member. */
    private static FormLayout withConfidentialRows() {
        ObjectNode schema = Fixtures.baseLikeSchema().deepCopy();
        ((ObjectNode) schema.at("/properties/membres_foyer/items/properties")).putObject("sante")
                .put("type", "string").put("x-confidential", true).putObject("x-label").put("fr", "Santé");
        return FormLayout.of(schema);
    }

    private static ObjectNode numberedRows() {
        ObjectNode data = Fixtures.baseLikeRecord();
        ((ObjectNode) data.at("/membres_foyer/0")).put("_row", 0);
        ((ObjectNode) data.at("/membres_foyer/1")).put("_row", 1);
        data.withArray("membres_foyer").addObject().put("nom", "Nouveau");
        return data;
    }

    @Test
    void saved_rows_with_confidential_fields_drawn_without_the_grant_send_back_their_identity_and_cannot_be_removed() {
        FormLayout layout = withConfidentialRows();
        ObjectNode data = numberedRows();

        var masked = (RepeatableGroupView) find(builder.build(layout, data, List.of(), Locale.FRENCH,
                new RenderOptions(false)).items(), "f-membres_foyer");
        var full = (RepeatableGroupView) find(builder.build(layout, Fixtures.baseLikeRecord(), List.of(), Locale.FRENCH,
                new RenderOptions(true)).items(), "f-membres_foyer");

        assertThat(masked.rows()).extracting(RowView::savedRowName)
                .containsExactly("membres_foyer[0]._row", "membres_foyer[1]._row", "");
        assertThat(masked.rows()).extracting(RowView::savedRowId).containsExactly("0", "1", "");
        assertThat(masked.rows()).extracting(RowView::removeAction).containsExactly("", "", "remove:/membres_foyer/2");
        assertThat(masked.rows().get(0).savedRowNote()).startsWith("Ligne enregistrée avec des champs confidentiels");
        assertThat(masked.blankRow().savedRowName()).isEmpty();
        assertThat(full.rows()).extracting(RowView::removeAction)
                .containsExactly("remove:/membres_foyer/0", "remove:/membres_foyer/1");
        assertThat(full.rows()).extracting(RowView::savedRowName).containsOnly("");
    }

    /** Rows numbered because they hold a field the form hides: identity sent back, removal allowed. */
    @Test
    void saved_rows_holding_a_hidden_field_send_back_their_identity_and_can_be_removed() {
        for (boolean grant : List.of(true, false)) {
            var group = (RepeatableGroupView) find(build(numberedRows(), List.of(), Locale.FRENCH, grant).items(),
                    "f-membres_foyer");

            assertThat(group.rows()).extracting(RowView::savedRowName)
                    .containsExactly("membres_foyer[0]._row", "membres_foyer[1]._row", "");
            assertThat(group.rows()).extracting(RowView::removeAction)
                    .containsExactly("remove:/membres_foyer/0", "remove:/membres_foyer/1", "remove:/membres_foyer/2");
        }
    }

    @Test
    void empty_record_builds_without_rows_or_values() {
        FormView form = build(Fixtures.JSON.createObjectNode(), List.of(), Locale.FRENCH, true);
        var group = (RepeatableGroupView) find(form.items(), "f-suivis");

        assertThat(group.rows()).isEmpty();
        assertThat(control(form, "f-identite-nom").value()).isEmpty();
        assertThat(control(form, "f-accompagnement-date_cloture").visible()).isFalse();
    }

    @Test
    void layout_knows_its_repeatable_groups() {
        assertThat(LAYOUT.isRepeatableGroup("/membres_foyer")).isTrue();
        assertThat(LAYOUT.isRepeatableGroup("/identite")).isFalse();
        assertThat(LAYOUT.isRepeatableGroup("/membres_foyer/0")).isFalse();
    }
}
