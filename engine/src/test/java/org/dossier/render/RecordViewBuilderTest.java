package org.dossier.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RecordViewBuilderTest {
    private static final FormLayout LAYOUT = FormLayout.of(Fixtures.baseLikeSchema());
    private final RecordViewBuilder builder = new RecordViewBuilder();

    private static RecordItem.Section section(RecordView view, String id) {
        return view.items().stream().filter(i -> i instanceof RecordItem.Section s && s.id().equals(id))
                .map(RecordItem.Section.class::cast).findFirst().orElseThrow();
    }

    private static RecordItem.Field field(List<RecordItem> items, String label) {
        return items.stream().filter(i -> i instanceof RecordItem.Field f && f.label().equals(label))
                .map(RecordItem.Field.class::cast).findFirst().orElseThrow();
    }

    @Test
    void french_view_formats_dates_booleans_and_enum_labels() {
        RecordView view = builder.build(LAYOUT, Fixtures.baseLikeRecord(), Locale.FRENCH, new RenderOptions(true));

        List<RecordItem> identite = section(view, "f-identite").items();
        assertThat(field(identite, "Date de naissance").value()).isEqualTo("23/11/1985");
        assertThat(field(identite, "Civilité").value()).isEqualTo("Madame");
        assertThat(field(identite, "Nom de naissance").value()).isEqualTo("—");
        assertThat(field(identite, "Nom de naissance").empty()).isTrue();
        assertThat(field(section(view, "f-contact").items(), "Accepte d'être contacté par SMS").value()).isEqualTo("Oui");
        assertThat(field(section(view, "f-accompagnement").items(), "Motifs de l'accompagnement").value())
                .isEqualTo("Logement, Budget");
    }

    @Test
    void english_view_uses_iso_dates_and_english_labels() {
        RecordView view = builder.build(LAYOUT, Fixtures.baseLikeRecord(), Locale.ENGLISH, new RenderOptions(true));

        List<RecordItem> identite = section(view, "f-identite").items();
        assertThat(field(identite, "Date of birth").value()).isEqualTo("1985-11-23");
        assertThat(field(identite, "Title").value()).isEqualTo("Mrs");
        assertThat(field(section(view, "f-contact").items(), "Agrees to be contacted by text message").value())
                .isEqualTo("Yes");
    }

    @Test
    void groups_become_lists_of_rows() {
        RecordView view = builder.build(LAYOUT, Fixtures.baseLikeRecord(), Locale.FRENCH, new RenderOptions(true));

        var group = view.items().stream().filter(i -> i instanceof RecordItem.Group).map(RecordItem.Group.class::cast)
                .filter(g -> g.id().equals("f-membres_foyer")).findFirst().orElseThrow();
        assertThat(group.rows()).extracting(RecordItem.Row::legend).containsExactly("Membre du foyer 1", "Membre du foyer 2");
        assertThat(field(group.rows().get(1).items(), "À charge").value()).isEqualTo("Non");
        assertThat(field(group.rows().get(0).items(), "Lien avec l'usager").value()).isEqualTo("Enfant");
    }

    @Test
    void confidential_values_are_masked_without_the_grant() {
        RecordView hidden = builder.build(LAYOUT, Fixtures.baseLikeRecord(), Locale.FRENCH, new RenderOptions(false));
        RecordView shown = builder.build(LAYOUT, Fixtures.baseLikeRecord(), Locale.FRENCH, new RenderOptions(true));

        RecordItem.Field masked = field(section(hidden, "f-notes_confidentielles").items(), "Contenu");
        assertThat(masked.masked()).isTrue();
        assertThat(masked.value()).isEqualTo("Confidentiel");
        assertThat(field(section(shown, "f-notes_confidentielles").items(), "Contenu").value())
                .isEqualTo("Situation de violences conjugales signalée.");
    }

    @Test
    void invisible_fields_are_left_out() {
        ObjectNode data = Fixtures.baseLikeRecord();
        RecordView open = builder.build(LAYOUT, data, Locale.FRENCH, new RenderOptions(true));
        ((ObjectNode) data.get("accompagnement")).put("statut", "clos").put("date_cloture", "2024-12-31");
        RecordView closed = builder.build(LAYOUT, data, Locale.FRENCH, new RenderOptions(true));

        assertThat(section(open, "f-accompagnement").items()).extracting(i -> ((RecordItem.Field) i).label())
                .doesNotContain("Date de clôture");
        assertThat(field(section(closed, "f-accompagnement").items(), "Date de clôture").value()).isEqualTo("31/12/2024");
    }
}
