package org.dossier.web.designer;

import java.util.List;
import java.util.Map;
import org.dossier.designer.CustomFieldForm;
import org.dossier.designer.DesignerModel;
import org.dossier.render.FormView;

/** The typed models of the designer's pages; each component is a variable of the page's template. */
final class DesignerPageModels {
    private DesignerPageModels() {}

    /**
     * {@code admin/designer}: every section and field of the draft, the modules, the draft's state
     * and its preview; {@code flash} replaces the layout's. Shown with {@link Notices},
     * {@link CustomFieldChoices} and the page's {@link org.dossier.web.view.PageErrors}.
     */
    record DesignerPage(List<DesignerModel.Node> sections, List<DesignerPages.ModuleRow> modules, boolean draftSaved,
                        String draftInfo, String base, String flash, FormView form, List<String> problems) {}

    /**
     * What the designer says about upstream changes: updates available from the service's source
     * or the common form, and updates already pulled into the draft (empty when none).
     */
    record Notices(List<String> updates, String pulledNotice) {}

    /**
     * The register's warning: the fields of the draft without a purpose and legal basis, which the
     * register will list "to complete" (a warning: publishing stays open), and where the register is.
     */
    record RegisterNotice(List<String> registerToComplete, String registerUrl) {}

    /**
     * What the custom field form offers, and the values it shows. {@code entered} stays a map: it
     * is the posted form echoed back, read by field name.
     */
    record CustomFieldChoices(List<CustomFieldForm.Choice> types, List<CustomFieldForm.Choice> sectionOptions,
                              List<CustomFieldForm.Choice> conditionFields, List<String> legalBases,
                              Map<String, String> entered) {}

    /** {@code admin/custom-field}, shown with {@link CustomFieldChoices} and {@link org.dossier.web.view.PageErrors}. */
    record CustomFieldPage(String base, String action) {}

    /** {@code admin/designer-preview-fragment}: the live preview, without the layout. */
    record PreviewFragment(FormView form, List<String> problems) {}

    /** {@code admin/designer-preview}. */
    record PreviewPage(FormView form, String base) {}

    /**
     * {@code admin/designer-publish}: the changes since the last publication, in plain words, and
     * for each field it makes required the question of whom (see {@link PublishChoices}).
     */
    record PublishPage(List<String> changes, String base, List<PublishChoices.Question> questions,
                       List<ErrorLink> errorSummary) {}

    /** A line of an error summary, linked to the control it is about. */
    record ErrorLink(String message, String href) {}

    /** {@code admin/designer-history}. */
    record HistoryPage(List<VersionRow> versions, String base) {}

    /** A published version as the history lists it. */
    record VersionRow(int version, String publishedAt, String publishedBy) {}

    /** {@code admin/designer-updates}: what the source and the common form changed, and the conflicts. */
    record UpdatesPage(String base, String error, boolean hasSource, String sourceName, boolean fromSource,
                       int takenVersion, int latestVersion, List<String> sourceChanges, List<String> baseChanges,
                       List<UpdatesPages.ConflictView> conflicts) {}
}
