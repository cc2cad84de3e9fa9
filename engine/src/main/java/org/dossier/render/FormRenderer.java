package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dossier.form.CompiledForm;
import org.dossier.form.DefaultValues;
import org.dossier.form.VisibleWhen;
import org.dossier.validation.FieldError;

/**
 * The rendering entry point of the pages: binds a compiled form and a record's data into view
 * models. The static layout of each published version is computed once and kept, keyed by the
 * compiled form's identity (published versions are immutable and compiled once).
 */
public final class FormRenderer {
    private final FormViewBuilder formViews;
    private final RecordViewBuilder recordViews;
    private final Map<Identity, FormLayout> layouts = new ConcurrentHashMap<>();
    private final Map<Blank, FormView> blanks = new ConcurrentHashMap<>();

    public FormRenderer(VisibleWhen visibleWhen) {
        this.formViews = new FormViewBuilder(visibleWhen);
        this.recordViews = new RecordViewBuilder(visibleWhen);
    }

    public FormView form(CompiledForm form, JsonNode data, List<FieldError> errors, Locale locale, RenderOptions options) {
        return formViews.build(layout(form), data, errors, locale, options);
    }

    /**
     * The form of a new case file: its defaults, no error. It depends only on the published version,
     * the language and the options (confidential grant, référent choices), so it is built once per
     * such triple and shared: a view is immutable and the templates only read it. A change of the
     * choices (a member added or renamed) makes another key; the map is emptied when it grows past
     * {@value #BLANKS_KEPT} keys, which only old versions and old member lists fill.
     */
    public FormView blankForm(CompiledForm form, Locale locale, RenderOptions options) {
        Blank key = new Blank(new Identity(form), locale, options);
        FormView kept = blanks.get(key);
        if (kept != null) {
            return kept;
        }
        if (blanks.size() >= BLANKS_KEPT) {
            blanks.clear();
        }
        FormView built = form(form, DefaultValues.of(form.effectiveSchema()), List.of(), locale, options);
        blanks.put(key, built);
        return built;
    }

    /** How many blank forms {@link #blankForm} keeps at most. */
    static final int BLANKS_KEPT = 512;

    /** How many blank forms are kept now. */
    int blanksKept() {
        return blanks.size();
    }

    private record Blank(Identity form, Locale locale, RenderOptions options) {}

    public RecordView recordView(CompiledForm form, JsonNode data, Locale locale, RenderOptions options) {
        return recordViews.build(layout(form), data, locale, options);
    }

    /** Each field and group of the form by its JSON Pointer, formatted as the view page shows it. */
    public Map<String, RecordItem> recordItems(CompiledForm form, JsonNode data, Locale locale, RenderOptions options) {
        return recordViews.byPointer(layout(form), data, locale, options);
    }

    /** The case file's summary: one card per visible section, with what it holds. */
    public List<SectionSummary> sections(CompiledForm form, JsonNode data, Locale locale, RenderOptions options) {
        return recordViews.sections(layout(form), data, locale, options);
    }

    /** The section {@code key} when this member may edit it on its own page for this data; empty otherwise. */
    public Optional<EditableSection> editableSection(CompiledForm form, String key, JsonNode data, Locale locale,
                                                     RenderOptions options) {
        return recordViews.editable(layout(form), key, data, locale, options);
    }

    /**
     * The form of one section only, with its groups, conditions and masking as on the full form.
     * Errors no control of the section claims (elsewhere in the case file) stay in the summary.
     *
     * @throws IllegalArgumentException when the section is not {@link #editableSection editable}
     */
    public FormView section(CompiledForm form, EditableSection section, JsonNode data, List<FieldError> errors,
                            Locale locale, RenderOptions options) {
        List<LayoutNode> nodes = recordViews.nodes(layout(form), section.key(), data, options)
                .orElseThrow(() -> new IllegalArgumentException("Not an editable section: " + section.key()));
        return formViews.build(section.title(), nodes, data, errors, locale, options);
    }

    /**
     * The form of one new row of the repeatable group at {@code rowSchema}'s place, names relative
     * to the row ({@code date}, not {@code suivis[3].date}): a page adding a row shows only that.
     *
     * @param rowSchema the group's row schema as a root object (see {@code FollowUp.rowSchema})
     */
    public FormView row(JsonNode rowSchema, JsonNode row, List<FieldError> errors, Locale locale,
                        RenderOptions options) {
        FormLayout layout = FormLayout.of(rowSchema); // a handful of fields: not worth a cache
        return formViews.build(layout.title().in(locale), layout.items(), row, errors, locale, options);
    }

    /**
     * Applies an add-row or remove-row button of the no-JavaScript form.
     *
     * @throws IllegalArgumentException when the action does not match the form's data
     */
    public ObjectNode applyRowAction(ObjectNode data, String action) {
        return RowActions.apply(data, action);
    }

    /** Value → label of the options of the enum field at {@code pointer} (e.g. {@code /accompagnement/statut}). */
    public Map<String, String> optionLabels(CompiledForm form, String pointer, Locale locale) {
        JsonNode schema = form.effectiveSchema();
        for (String segment : pointer.substring(1).split("/")) {
            schema = schema.path("properties").path(segment);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode enumLabels = schema.path("x-enum-labels");
        for (JsonNode value : schema.path("enum")) {
            String label = LocalizedText.of(enumLabels.get(value.asText())).in(locale);
            labels.put(value.asText(), label.isEmpty() ? value.asText() : label);
        }
        return labels;
    }

    private FormLayout layout(CompiledForm form) {
        return layouts.computeIfAbsent(new Identity(form), key -> FormLayout.of(form.effectiveSchema()));
    }

    /** Compares compiled forms by identity: hashing their JSON trees on every request would cost more than rendering. */
    private record Identity(CompiledForm form) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.form == form;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(form);
        }
    }
}
