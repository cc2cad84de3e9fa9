package org.dossier.web.designer;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.audit.Actor;
import org.dossier.designer.CustomFieldCheck;
import org.dossier.designer.CustomFieldForm;
import org.dossier.designer.DesignerModel;
import org.dossier.designer.DesignerService;
import org.dossier.designer.FieldHoldsDataException;
import org.dossier.designer.FieldMove;
import org.dossier.designer.RequiredChoiceMissingException;
import org.dossier.form.RequiredScope;
import org.dossier.form.CompiledForm;
import org.dossier.form.CustomField;
import org.dossier.register.RegisterBuilder;
import org.dossier.form.CustomisationCompiler;
import org.dossier.form.DefinitionProblem;
import org.dossier.form.FormService;
import org.dossier.form.InvalidFormDefinitionException;
import org.dossier.modules.Modules;
import org.dossier.render.FormView;
import org.dossier.render.RenderOptions;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.Dates;
import org.dossier.designer.Upstreams;
import org.dossier.render.FormRenderer;
import org.dossier.web.FormBody;
import org.dossier.web.Json;
import org.dossier.web.view.PageErrors;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The service admin's form designer (templates in {@code admin-ui/}): every section and field with
 * its visibility, requirement, labels, hints and order; custom fields; modules; a preview of the
 * draft as a caseworker will see it; publication with the changes in plain words; history and
 * restore. Works without JavaScript: every change is a form post.
 */
public final class DesignerPages {
    private static final String FORM = FormService.CASE_FILE;
    private final DesignerService designer;
    private final FormBody formBody;
    private final FormService forms;
    private final Json json;
    private final FormRenderer renderer;
    private final PebbleTemplates templates;
    private final Upstreams upstreams;

    public DesignerPages(DesignerService designer, FormBody formBody, FormService forms, Json json,
                         FormRenderer renderer, PebbleTemplates templates, Upstreams upstreams) {
        this.designer = designer;
        this.formBody = formBody;
        this.forms = forms;
        this.json = json;
        this.renderer = renderer;
        this.templates = templates;
        this.upstreams = upstreams;
    }

    /** A module as the designer lists it. */
    public record ModuleRow(String key, String label, boolean on) {}

    public void show(Context ctx, TenantAccess access) {
        render(ctx, access, 200, PageErrors.none(), Map.of());
    }

    private void render(Context ctx, TenantAccess access, int status, PageErrors errors, Map<String, String> entered) {
        Locale locale = RequestLocale.of(ctx);
        DesignerService.CompiledDraft compiled = designer.compiledDraft(access.tenant().id(), FORM);
        DesignerService.Draft draft = compiled.draft();
        Map<String, Object> layout = Pages.layout(ctx, locale, UiText.get(locale, "designer.title"));
        String draftInfo = draft.imported() ? UiText.get(locale, "formFiles.designerNotice")
                : draft.saved() ? UiText.get(locale, "designer.draft.saved",
                Dates.time(draft.updatedAt(), locale), draft.updatedBy())
                : UiText.get(locale, "designer.draft.none", forms.latest(access.tenant().id(), FORM).version());
        DesignerPageModels.Notices notices = UpdatesPages.designerNotices(upstreams, access, draft, locale);
        DesignerPageModels.CustomFieldChoices choices = customFieldChoices(compiled.tree(), entered, locale);
        CompiledForm preview = forms.preview(FORM, compiled.definition());
        DesignerPageModels.DesignerPage page = new DesignerPageModels.DesignerPage(compiled.tree(),
                modules(draft.customisation(), locale), draft.saved(), draftInfo, base(access),
                flash(ctx, locale), previewForm(preview, locale), List.of());
        DesignerPageModels.RegisterNotice register = new DesignerPageModels.RegisterNotice(
                RegisterBuilder.toComplete(preview.effectiveSchema()).stream()
                        .map(field -> field.label().in(locale.getLanguage())).toList(),
                "/t/" + access.tenant().slug() + "/admin/register");
        templates.respond(ctx.status(status), "admin/designer", PageModel.of(layout, page, notices, choices, errors,
                register), locale);
    }

    /** What the custom field form offers, and the values it shows. */
    private static DesignerPageModels.CustomFieldChoices customFieldChoices(List<DesignerModel.Node> tree,
                                                                         Map<String, String> entered, Locale locale) {
        return new DesignerPageModels.CustomFieldChoices(CustomisationCompiler.TYPES.stream().sorted()
                .map(type -> new CustomFieldForm.Choice(type, UiText.get(locale, "designer.type." + type))).toList(),
                CustomFieldForm.sections(tree, locale.getLanguage()), CustomFieldForm.conditionFields(tree, locale.getLanguage()),
                CustomFieldForm.LEGAL_BASES, CustomFieldForm.shown(entered));
    }

    /** The edit page of one custom field: everything but its key and type, which records depend on. */
    public void editCustomField(Context ctx, TenantAccess access) {
        CustomField field = designer.customField(access.tenant().id(), FORM, ctx.pathParam("key"));
        renderCustomField(ctx, access, 200, PageErrors.none(), CustomFieldForm.entered(field));
    }

    public void updateCustomField(Context ctx, TenantAccess access) {
        String key = ctx.pathParam("key");
        CustomField existing = designer.customField(access.tenant().id(), FORM, key);
        Map<String, String> entered = CustomFieldForm.edited(formBody.parse(ctx), existing);
        Locale locale = RequestLocale.of(ctx);
        List<CustomFieldCheck.InputProblem> incomplete = CustomFieldCheck.check(entered, true);
        if (!incomplete.isEmpty()) {
            renderCustomField(ctx, access, 422, DesignerErrors.customField(incomplete, locale), entered);
            return;
        }
        try {
            designer.editCustomField(access.tenant().id(), FORM, key, CustomFieldForm.parse(entered),
                    RequestContext.actor(ctx));
        } catch (InvalidFormDefinitionException e) {
            renderCustomField(ctx, access, 422, DesignerErrors.customField(e.problems(), entered, locale), entered);
            return;
        }
        ctx.redirect(base(access) + "?saved=1" + fragment(key), HttpStatus.SEE_OTHER);
    }

    private void renderCustomField(Context ctx, TenantAccess access, int status, PageErrors errors,
                                   Map<String, String> entered) {
        Locale locale = RequestLocale.of(ctx);
        List<DesignerModel.Node> tree = designer.compiledDraft(access.tenant().id(), FORM).tree();
        Map<String, Object> layout = Pages.layout(ctx, locale, UiText.get(locale, "designer.edit.title"));
        DesignerPageModels.CustomFieldPage page = new DesignerPageModels.CustomFieldPage(base(access),
                base(access) + "/custom-fields/" + entered.get("key"));
        templates.respond(ctx.status(status), "admin/custom-field",
                PageModel.of(layout, customFieldChoices(tree, entered, locale), page, errors), locale);
    }

    /** Saves the designer's form as the draft; a move button also reorders a field among its siblings. */
    public void save(Context ctx, TenantAccess access) {
        Map<String, List<String>> posted = formBody.parse(ctx);
        String move = first(posted, "_move");
        String anchor = FieldMove.parse(move).map(FieldMove::path).orElse("");
        saveOrRender(ctx, access, Map.of(), move.isEmpty() ? "saved" : "moved", anchor, DesignerErrors::choices,
                actor -> FieldMove.parse(move)
                .ifPresentOrElse(field -> designer.moveField(access.tenant().id(), FORM, posted, field, actor),
                        () -> designer.saveChoices(access.tenant().id(), FORM, posted, actor)));
    }

    /** Adds a custom field to the draft. */
    public void addCustomField(Context ctx, TenantAccess access) {
        Map<String, String> entered = CustomFieldForm.entered(formBody.parse(ctx));
        List<CustomFieldCheck.InputProblem> incomplete = CustomFieldCheck.check(entered, false);
        if (!incomplete.isEmpty()) {
            render(ctx, access, 422, DesignerErrors.customField(incomplete, RequestLocale.of(ctx)), entered);
            return;
        }
        saveOrRender(ctx, access, entered, "added", entered.getOrDefault("key", ""),
                (problems, locale) -> DesignerErrors.customField(problems, entered, locale),
                actor -> designer.addCustomField(access.tenant().id(), FORM, CustomFieldForm.parse(entered), actor));
    }

    /** Removes a custom field from the draft, only when no record holds a value for it. */
    public void removeCustomField(Context ctx, TenantAccess access) {
        // Back to the section the field was in: the field itself is gone.
        String section = designer.customField(access.tenant().id(), FORM, ctx.pathParam("key")).section().orElse("");
        try {
            saveOrRender(ctx, access, Map.of(), "removed", section, DesignerErrors::choices,
                    actor -> designer.removeCustomField(access.tenant().id(), FORM, ctx.pathParam("key"), actor));
        } catch (FieldHoldsDataException e) {
            Locale locale = RequestLocale.of(ctx);
            render(ctx, access, 409, DesignerErrors.field(ctx.pathParam("key"),
                    UiText.get(locale, "designer.remove.holding", e.records())), Map.of());
        }
    }

    /**
     * The live preview: the designer's form as posted, compiled without saving anything, rendered
     * as the caseworker's form. Called by htmx on every change; answers an HTML fragment.
     */
    public void previewFragment(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, List<String>> posted = formBody.parse(ctx);
        DesignerPageModels.PreviewFragment fragment;
        try {
            fragment = new DesignerPageModels.PreviewFragment(
                    previewForm(designer.previewOf(access.tenant().id(), FORM, posted), locale), List.of());
        } catch (InvalidFormDefinitionException e) {
            fragment = new DesignerPageModels.PreviewFragment(
                    previewForm(designer.preview(access.tenant().id(), FORM), locale),
                    DesignerErrors.phrased(e.problems(), locale));
        }
        // A fragment swapped into the designer: none of the layout's variables.
        templates.respond(ctx, "admin/designer-preview-fragment", PageModel.of(new LinkedHashMap<>(), fragment),
                locale);
    }

    public void preview(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> layout = Pages.layout(ctx, locale, UiText.get(locale, "designer.preview.title"));
        templates.respond(ctx, "admin/designer-preview", PageModel.of(layout, new DesignerPageModels.PreviewPage(
                previewForm(designer.preview(access.tenant().id(), FORM), locale), base(access))), locale);
    }

    public void confirmPublish(Context ctx, TenantAccess access) {
        renderPublish(ctx, access, 200, Map.of(), java.util.Set.of());
    }

    /** Publishes with the admin's answer for each field the draft makes required; a missing answer shows the page again. */
    public void publish(Context ctx, TenantAccess access) {
        Map<String, RequiredScope> chosen = PublishChoices.posted(formBody.parse(ctx));
        int version;
        try {
            version = designer.publish(access.tenant().id(), FORM, chosen, RequestContext.actor(ctx));
        } catch (RequiredChoiceMissingException e) {
            renderPublish(ctx, access, 422, chosen, new java.util.HashSet<>(e.pointers()));
            return;
        } catch (InvalidFormDefinitionException e) {
            renderPublish(ctx, access, 422, chosen, java.util.Set.of()); // says why, in the admin's words
            return;
        }
        ctx.redirect(base(access) + "?published=" + version, HttpStatus.SEE_OTHER);
    }

    private void renderPublish(Context ctx, TenantAccess access, int status, Map<String, RequiredScope> chosen,
                               java.util.Set<String> missing) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> layout = Pages.layout(ctx, locale, UiText.get(locale, "designer.publish.title"));
        List<String> changes;
        List<PublishChoices.Question> questions;
        List<DesignerPageModels.ErrorLink> errors;
        try {
            changes = designer.changes(access.tenant().id(), FORM, locale);
            questions = PublishChoices.questions(
                    designer.requiredChanges(access.tenant().id(), FORM, locale), chosen, missing, locale);
            errors = questions.stream().filter(question -> !question.error().isEmpty())
                    .map(question -> new DesignerPageModels.ErrorLink(question.error(), "#" + question.id() + "-new"))
                    .toList();
        } catch (InvalidFormDefinitionException e) {
            // A draft the form compiler refuses (stored before a rule tightened): nothing to list or to
            // ask, and the reasons in the admin's words above the form, never a pointer.
            changes = List.of();
            questions = List.of();
            errors = DesignerErrors.phrased(e.problems(), locale).stream()
                    .map(message -> new DesignerPageModels.ErrorLink(message, "#publish-form")).toList();
            status = 422;
        }
        templates.respond(ctx.status(status), "admin/designer-publish", PageModel.of(layout,
                new DesignerPageModels.PublishPage(changes, base(access), questions, errors)), locale);
    }

    public void history(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> layout = Pages.layout(ctx, locale, UiText.get(locale, "designer.history.title"));
        List<DesignerPageModels.VersionRow> versions = designer.history(access.tenant().id(), FORM).stream()
                .map(row -> new DesignerPageModels.VersionRow(row.version(), Dates.time(row.publishedAt(), locale),
                        row.publishedBy()))
                .toList();
        templates.respond(ctx, "admin/designer-history",
                PageModel.of(layout, new DesignerPageModels.HistoryPage(versions, base(access))), locale);
    }

    public void restore(Context ctx, TenantAccess access) {
        int version;
        try {
            version = Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw new DomainException("notFound", 404, "no such version");
        }
        designer.restore(access.tenant().id(), FORM, version, RequestContext.actor(ctx));
        ctx.redirect(base(access) + "?restored=" + version, HttpStatus.SEE_OTHER);
    }

    /** Runs one change of the draft, then shows the designer with a flash, or again with the problems when refused. */
    private void saveOrRender(Context ctx, TenantAccess access, Map<String, String> entered, String flash,
                              String anchor, BiFunction<List<DefinitionProblem>, Locale, PageErrors> phrase,
                              Consumer<Actor> change) {
        try {
            change.accept(RequestContext.actor(ctx));
        } catch (InvalidFormDefinitionException e) {
            render(ctx, access, 422, phrase.apply(e.problems(), RequestLocale.of(ctx)), entered);
            return;
        }
        ctx.redirect(base(access) + "?" + flash + "=1" + fragment(anchor), HttpStatus.SEE_OTHER);
    }

    /**
     * Where a redirect returns on the designer's long page, without JavaScript: the field moved,
     * added or edited ({@code #field-<path>}, the id of its entry), or nowhere when empty.
     */
    private static String fragment(String fieldPath) {
        return fieldPath == null || fieldPath.isEmpty() ? "" : "#field-" + fieldPath;
    }

    private static List<ModuleRow> modules(JsonNode customisation, Locale locale) {
        return Modules.ALL.stream().map(key -> new ModuleRow(key, UiText.get(locale, "designer.module." + key),
                customisation.path("modules").path(key).asBoolean(true))).toList();
    }

    /** A form as the caseworker will see it, empty. */
    private FormView previewForm(CompiledForm form, Locale locale) {
        return renderer.form(form, json.mapper().createObjectNode(), List.of(), locale,
                new RenderOptions(true));
    }

    private static String base(TenantAccess access) {
        return "/t/" + access.tenant().slug() + "/admin/form";
    }

    private static String first(Map<String, List<String>> posted, String name) {
        List<String> values = posted.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String flash(Context ctx, Locale locale) {
        return Stream.of("saved", "moved", "added", "removed", "published", "restored", "pulled")
                .filter(key -> ctx.queryParam(key) != null).findFirst()
                .map(key -> UiText.get(locale, "designer.flash." + key, ctx.queryParam(key))).orElse("");
    }
}
