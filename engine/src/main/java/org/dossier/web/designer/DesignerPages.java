package org.dossier.web.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.account.TenantAccess;
import org.dossier.designer.DesignerModel;
import org.dossier.designer.DesignerService;
import org.dossier.designer.Upstreams;
import org.dossier.form.BaseSchema;
import org.dossier.form.CustomisationCompiler;
import org.dossier.form.DefinitionProblem;
import org.dossier.form.FormService;
import org.dossier.form.InvalidFormDefinitionException;
import org.dossier.render.RenderOptions;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.Dates;

/**
 * The service admin's form designer (templates in {@code admin-ui/}): every section and field with
 * its visibility, requirement, labels, hints and order; custom fields; modules; a preview of the
 * draft as a caseworker will see it; publication with the changes in plain words; history and
 * restore. Works without JavaScript: every change is a form post.
 */
public final class DesignerPages {
    private static final String FORM = FormService.CASE_FILE;
    private final Services services;

    public DesignerPages(Services services) {
        this.services = services;
    }

    /** A module as the designer lists it. */
    public record ModuleRow(String key, String label, boolean on) {}

    /** A custom field type as the add form offers it. */
    public record Option(String value, String label) {}

    public void show(Context ctx, TenantAccess access) {
        render(ctx, access, 200, List.of(), Map.of());
    }

    private void render(Context ctx, TenantAccess access, int status, List<String> errors, Map<String, String> entered) {
        Locale locale = RequestLocale.of(ctx);
        DesignerService.Draft draft = designer().draft(access.tenant().id(), FORM);
        JsonNode definition = new CustomisationCompiler().compile(BaseSchema.baseSchema(), draft.customisation()).definition();
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "designer.title"));
        List<DesignerModel.Node> tree = DesignerModel.tree(definition, draft.customisation());
        model.put("sections", tree);
        model.put("modules", modules(draft.customisation(), locale));
        model.put("draftSaved", draft.saved());
        model.put("draftInfo", draft.saved() ? UiText.get(locale, "designer.draft.saved",
                Dates.time(draft.updatedAt(), locale), draft.updatedBy())
                : UiText.get(locale, "designer.draft.none", services.forms().latest(access.tenant().id(), FORM).version()));
        model.put("base", base(access));
        model.put("errors", errors);
        updatesNotice(model, access, draft, locale);
        customFieldChoices(model, tree, entered, locale);
        model.put("flash", flash(ctx, locale));
        model.put("form", services.renderer().form(services.forms().preview(FORM, definition),
                services.json().mapper().createObjectNode(), List.of(), locale, new RenderOptions(true)));
        model.put("problems", List.of());
        ctx.status(status).html(services.templates().render("admin/designer", model, locale));
    }

    /** "Updates available" from the service's source or the common form, if any. */
    private void updatesNotice(Map<String, Object> model, TenantAccess access, DesignerService.Draft draft, Locale locale) {
        Upstreams.Updates updates = services.upstreams().updates(access.tenant().id(), locale);
        List<String> notices = new ArrayList<>();
        if (updates.fromSource()) {
            notices.add(UiText.get(locale, "updates.available.source", updates.source().orElseThrow().name(),
                    updates.latestVersion(), updates.takenVersion()));
        }
        if (!updates.baseChanges().isEmpty()) {
            notices.add(UiText.get(locale, "updates.available.base"));
        }
        model.put("updates", notices);
        Integer pulled = draft.upstreamVersion();
        boolean newer = pulled != null && pulled > services.upstreams().publishedTakenVersion(access.tenant().id());
        model.put("pulledNotice", !newer ? "" : UiText.get(locale, "updates.inDraft", pulled,
                updates.source().map(source -> source.name()).orElse("")));
    }

    /** What the custom field form offers, and the values it shows. */
    private static void customFieldChoices(Map<String, Object> model, List<DesignerModel.Node> tree,
                                           Map<String, String> entered, Locale locale) {
        model.put("types", CustomisationCompiler.TYPES.stream().sorted()
                .map(type -> new Option(type, UiText.get(locale, "designer.type." + type))).toList());
        model.put("sectionOptions", tree.stream().filter(DesignerModel.Node::nested)
                .map(node -> new Option(node.key(), "en".equals(locale.getLanguage()) && !node.labelEn().isEmpty()
                        ? node.labelEn() : node.labelFr())).toList());
        model.put("conditionFields", conditionFields(tree, locale));
        model.put("legalBases", List.of("public-task", "legal-obligation", "consent", "contract", "vital-interests",
                "legitimate-interests"));
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("key", "type", "section", "labelFr", "labelEn", "hintFr", "options", "whenField",
                "whenValues", "purpose", "legalBasis", "required", "confidential")) {
            values.put(name, entered.getOrDefault(name, ""));
        }
        model.put("entered", values);
    }

    /** The edit page of one custom field: everything but its key and type, which records depend on. */
    public void editCustomField(Context ctx, TenantAccess access) {
        ObjectNode spec = customField(access, ctx.pathParam("key"));
        renderCustomField(ctx, access, 200, List.of(), enteredFrom(spec));
    }

    public void updateCustomField(Context ctx, TenantAccess access) {
        String key = ctx.pathParam("key");
        ObjectNode existing = customField(access, key);
        Map<String, String> entered = new LinkedHashMap<>();
        services.formBody().parse(ctx).forEach((name, values) -> entered.put(name, values.isEmpty() ? "" : values.get(0)));
        entered.put("key", key);
        entered.put("type", existing.path("type").asText());
        ObjectNode spec = specFrom(entered);
        spec.put("order", existing.path("order").asInt(1000));
        spec.put("hidden", existing.path("hidden").asBoolean(false));
        ObjectNode customisation = designer().draft(access.tenant().id(), FORM).customisation().deepCopy();
        ArrayNode customFields = (ArrayNode) customisation.get("customFields");
        for (int i = 0; i < customFields.size(); i++) {
            if (customFields.get(i).path("key").asText().equals(key)) {
                customFields.set(i, spec);
            }
        }
        try {
            designer().saveDraft(access.tenant().id(), FORM, customisation, RequestContext.actor(ctx));
        } catch (InvalidFormDefinitionException e) {
            renderCustomField(ctx, access, 422, e.problems().stream().map(DefinitionProblem::toString).toList(), entered);
            return;
        }
        ctx.redirect(base(access) + "?saved=1", HttpStatus.SEE_OTHER);
    }

    private ObjectNode customField(TenantAccess access, String key) {
        for (JsonNode spec : designer().draft(access.tenant().id(), FORM).customisation().path("customFields")) {
            if (spec.path("key").asText().equals(key)) {
                return (ObjectNode) spec;
            }
        }
        throw new DomainException("notFound", 404, "no custom field " + key);
    }

    private void renderCustomField(Context ctx, TenantAccess access, int status, List<String> errors,
                                   Map<String, String> entered) {
        Locale locale = RequestLocale.of(ctx);
        DesignerService.Draft draft = designer().draft(access.tenant().id(), FORM);
        JsonNode definition = new CustomisationCompiler().compile(BaseSchema.baseSchema(), draft.customisation()).definition();
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "designer.edit.title"));
        customFieldChoices(model, DesignerModel.tree(definition, draft.customisation()), entered, locale);
        model.put("errors", errors);
        model.put("base", base(access));
        model.put("action", base(access) + "/custom-fields/" + entered.get("key"));
        ctx.status(status).html(services.templates().render("admin/custom-field", model, locale));
    }

    /** The edit form's values from a stored custom field. */
    private static Map<String, String> enteredFrom(JsonNode spec) {
        Map<String, String> entered = new LinkedHashMap<>();
        entered.put("key", spec.path("key").asText());
        entered.put("type", spec.path("type").asText());
        entered.put("section", spec.path("section").asText(""));
        entered.put("labelFr", spec.path("label").path("fr").asText(""));
        entered.put("labelEn", spec.path("label").path("en").asText(""));
        entered.put("hintFr", spec.path("hint").path("fr").asText(""));
        entered.put("required", spec.path("required").asBoolean(false) ? "on" : "");
        entered.put("confidential", spec.path("confidential").asBoolean(false) ? "on" : "");
        List<String> options = new ArrayList<>();
        spec.path("options").forEach(option -> options.add(option.path("value").asText() + "|"
                + option.path("label").path("fr").asText(option.path("value").asText())));
        entered.put("options", String.join("\n", options));
        entered.put("whenField", spec.path("visibleWhen").path("field").asText(""));
        List<String> values = new ArrayList<>();
        spec.path("visibleWhen").path("oneOf").forEach(value -> values.add(value.asText()));
        if (spec.path("visibleWhen").has("equals")) {
            values.add(spec.path("visibleWhen").get("equals").asText());
        }
        entered.put("whenValues", String.join(", ", values));
        entered.put("purpose", spec.path("gdpr").path("purpose").asText(""));
        entered.put("legalBasis", spec.path("gdpr").path("legalBasis").asText(""));
        return entered;
    }

    /** Saves the designer's form as the draft; a move button also reorders a field among its siblings. */
    public void save(Context ctx, TenantAccess access) {
        Map<String, List<String>> posted = new LinkedHashMap<>(services.formBody().parse(ctx));
        DesignerService.Draft draft = designer().draft(access.tenant().id(), FORM);
        String move = first(posted, "_move");
        if (!move.isEmpty()) {
            JsonNode definition = new CustomisationCompiler().compile(BaseSchema.baseSchema(), draft.customisation()).definition();
            applyMove(DesignerModel.tree(definition, draft.customisation()), move, posted);
        }
        ObjectNode customisation = DesignerModel.customisation(BaseSchema.baseSchema(), draft.customisation(), posted,
                moduleKeys());
        saveOrRender(ctx, access, customisation, Map.of(), move.isEmpty() ? "saved" : "moved");
    }

    /** Adds a custom field to the draft. */
    public void addCustomField(Context ctx, TenantAccess access) {
        Map<String, List<String>> posted = services.formBody().parse(ctx);
        Map<String, String> entered = new LinkedHashMap<>();
        posted.forEach((name, values) -> entered.put(name, values.isEmpty() ? "" : values.get(0)));
        ObjectNode spec = specFrom(entered);
        ObjectNode customisation = designer().draft(access.tenant().id(), FORM).customisation().deepCopy();
        ArrayNode customFields = customisation.path("customFields").isArray() ? (ArrayNode) customisation.get("customFields")
                : customisation.putArray("customFields");
        customFields.add(spec);
        saveOrRender(ctx, access, customisation, entered, "added");
    }

    /** A custom field's specification from the add or edit form. */
    private ObjectNode specFrom(Map<String, String> entered) {
        ObjectNode spec = services.json().mapper().createObjectNode();
        spec.put("key", entered.getOrDefault("key", "").strip());
        spec.put("type", entered.getOrDefault("type", ""));
        if (!entered.getOrDefault("section", "").isEmpty()) {
            spec.put("section", entered.get("section"));
        }
        ObjectNode label = spec.putObject("label").put("fr", entered.getOrDefault("labelFr", "").strip());
        if (!entered.getOrDefault("labelEn", "").isBlank()) {
            label.put("en", entered.get("labelEn").strip());
        }
        if (!entered.getOrDefault("hintFr", "").isBlank()) {
            spec.putObject("hint").put("fr", entered.get("hintFr").strip());
        }
        spec.put("required", "on".equals(entered.get("required")));
        spec.put("confidential", "on".equals(entered.get("confidential")));
        spec.put("order", 1000);
        ArrayNode options = services.json().mapper().createArrayNode();
        for (String line : entered.getOrDefault("options", "").split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|", 2);
            String value = parts[0].strip();
            options.addObject().put("value", value).putObject("label").put("fr", parts.length > 1 ? parts[1].strip() : value);
        }
        if (!options.isEmpty()) {
            spec.set("options", options);
        }
        if (!entered.getOrDefault("whenField", "").isEmpty()) {
            ArrayNode values = services.json().mapper().createArrayNode();
            for (String value : entered.getOrDefault("whenValues", "").split(",")) {
                if (!value.isBlank()) {
                    values.add(literal(value.strip()));
                }
            }
            spec.putObject("visibleWhen").put("field", entered.get("whenField")).set("oneOf", values);
        }
        if (!entered.getOrDefault("purpose", "").isBlank()) {
            spec.putObject("gdpr").put("purpose", entered.get("purpose").strip())
                    .put("legalBasis", entered.getOrDefault("legalBasis", "public-task"));
        }
        return spec;
    }

    /** Removes a custom field from the draft, only when no record holds a value for it. */
    public void removeCustomField(Context ctx, TenantAccess access) {
        String key = ctx.pathParam("key");
        ObjectNode customisation = designer().draft(access.tenant().id(), FORM).customisation().deepCopy();
        ArrayNode customFields = customisation.path("customFields").isArray() ? (ArrayNode) customisation.get("customFields")
                : customisation.putArray("customFields");
        int index = -1;
        for (int i = 0; i < customFields.size(); i++) {
            if (customFields.get(i).path("key").asText().equals(key)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new DomainException("notFound", 404, "no custom field " + key);
        }
        long holding = designer().recordsHolding(access.tenant().id(), FORM, key);
        if (holding > 0) {
            Locale locale = RequestLocale.of(ctx);
            render(ctx, access, 409, List.of(UiText.get(locale, "designer.remove.holding", holding)), Map.of());
            return;
        }
        customFields.remove(index);
        saveOrRender(ctx, access, customisation, Map.of(), "removed");
    }

    /**
     * The live preview: the designer's form as posted, compiled without saving anything, rendered
     * as the caseworker's form. Called by htmx on every change; answers an HTML fragment.
     */
    public void previewFragment(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, List<String>> posted = services.formBody().parse(ctx);
        DesignerService.Draft draft = designer().draft(access.tenant().id(), FORM);
        Map<String, Object> model = new LinkedHashMap<>();
        try {
            ObjectNode customisation = DesignerModel.customisation(BaseSchema.baseSchema(), draft.customisation(), posted,
                    moduleKeys());
            JsonNode definition = new CustomisationCompiler().compile(BaseSchema.baseSchema(), customisation).definition();
            model.put("form", services.renderer().form(services.forms().preview(FORM, definition),
                    services.json().mapper().createObjectNode(), List.of(), locale, new RenderOptions(true)));
            model.put("problems", List.of());
        } catch (InvalidFormDefinitionException e) {
            model.put("form", services.renderer().form(designer().preview(access.tenant().id(), FORM),
                    services.json().mapper().createObjectNode(), List.of(), locale, new RenderOptions(true)));
            model.put("problems", e.problems().stream().map(DefinitionProblem::toString).toList());
        }
        ctx.html(services.templates().render("admin/designer-preview-fragment", model, locale));
    }

    public void preview(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "designer.preview.title"));
        model.put("form", services.renderer().form(designer().preview(access.tenant().id(), FORM),
                services.json().mapper().createObjectNode(), List.of(), locale, new RenderOptions(true)));
        model.put("base", base(access));
        ctx.html(services.templates().render("admin/designer-preview", model, locale));
    }

    public void confirmPublish(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "designer.publish.title"));
        model.put("changes", designer().changes(access.tenant().id(), FORM, locale));
        model.put("base", base(access));
        ctx.html(services.templates().render("admin/designer-publish", model, locale));
    }

    public void publish(Context ctx, TenantAccess access) {
        int version = designer().publish(access.tenant().id(), FORM, RequestContext.actor(ctx));
        ctx.redirect(base(access) + "?published=" + version, HttpStatus.SEE_OTHER);
    }

    public void history(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "designer.history.title"));
        model.put("versions", designer().history(access.tenant().id(), FORM).stream()
                .map(row -> Map.of("version", row.version(), "publishedAt", Dates.time(row.publishedAt(), locale),
                        "publishedBy", row.publishedBy()))
                .toList());
        model.put("base", base(access));
        ctx.html(services.templates().render("admin/designer-history", model, locale));
    }

    public void restore(Context ctx, TenantAccess access) {
        int version;
        try {
            version = Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw new DomainException("notFound", 404, "no such version");
        }
        designer().restore(access.tenant().id(), FORM, version, RequestContext.actor(ctx));
        ctx.redirect(base(access) + "?restored=" + version, HttpStatus.SEE_OTHER);
    }

    private void saveOrRender(Context ctx, TenantAccess access, ObjectNode customisation, Map<String, String> entered,
                              String flash) {
        try {
            designer().saveDraft(access.tenant().id(), FORM, customisation, RequestContext.actor(ctx));
        } catch (InvalidFormDefinitionException e) {
            List<String> errors = new ArrayList<>();
            for (DefinitionProblem problem : e.problems()) {
                errors.add(problem.toString());
            }
            render(ctx, access, 422, errors, entered);
            return;
        }
        ctx.redirect(base(access) + "?" + flash + "=1", HttpStatus.SEE_OTHER);
    }

    /** Renumbers the moved node's siblings in their current order, swapping it with its neighbour. */
    private static void applyMove(List<DesignerModel.Node> nodes, String move, Map<String, List<String>> posted) {
        int colon = move.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        String path = move.substring(0, colon);
        boolean up = move.substring(colon + 1).equals("up");
        List<DesignerModel.Node> siblings = siblingsOf(nodes, path);
        if (siblings == null) {
            return;
        }
        List<String> order = new ArrayList<>(siblings.stream().map(DesignerModel.Node::path).toList());
        int at = order.indexOf(path);
        int to = up ? at - 1 : at + 1;
        if (to < 0 || to >= order.size()) {
            return;
        }
        order.set(at, order.get(to));
        order.set(to, path);
        for (int i = 0; i < order.size(); i++) {
            posted.put("f." + order.get(i) + ".order", List.of(Integer.toString((i + 1) * 10)));
        }
    }

    private static List<DesignerModel.Node> siblingsOf(List<DesignerModel.Node> nodes, String path) {
        for (DesignerModel.Node node : nodes) {
            if (node.path().equals(path)) {
                return nodes;
            }
            List<DesignerModel.Node> found = siblingsOf(node.children(), path);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private List<ModuleRow> modules(JsonNode customisation, Locale locale) {
        List<ModuleRow> rows = new ArrayList<>();
        for (String key : moduleKeys()) {
            rows.add(new ModuleRow(key, UiText.get(locale, "designer.module." + key),
                    customisation.path("modules").path(key).asBoolean(true)));
        }
        return rows;
    }

    private static Set<String> moduleKeys() {
        return new LinkedHashSet<>(org.dossier.modules.Modules.ALL);
    }

    /**
     * Fields a visible-when condition may test: single and multiple choices, and yes/no questions,
     * never a confidential one (what it shows would give the value away; the form rules refuse it).
     */
    private static List<Option> conditionFields(List<DesignerModel.Node> sections, Locale locale) {
        List<Option> options = new ArrayList<>();
        for (DesignerModel.Node section : sections) {
            for (DesignerModel.Node field : section.children()) {
                if (!field.nested() && !field.path().contains("[") && !field.confidential()) {
                    options.add(new Option(field.path(), section.labelFr() + " › " + field.labelFr()));
                }
            }
        }
        return options;
    }

    /** A condition value as typed: true/false for yes/no questions, numbers as numbers, text otherwise. */
    private JsonNode literal(String text) {
        if (text.equals("true") || text.equals("false")) {
            return services.json().mapper().getNodeFactory().booleanNode(Boolean.parseBoolean(text));
        }
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return services.json().mapper().getNodeFactory().numberNode(new java.math.BigDecimal(text));
        }
        return services.json().mapper().getNodeFactory().textNode(text);
    }

    private DesignerService designer() {
        return services.designer();
    }

    private static String base(TenantAccess access) {
        return "/t/" + access.tenant().slug() + "/admin/form";
    }

    private static String first(Map<String, List<String>> posted, String name) {
        List<String> values = posted.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String flash(Context ctx, Locale locale) {
        for (String key : List.of("saved", "moved", "added", "removed", "published", "restored", "pulled")) {
            String value = ctx.queryParam(key);
            if (value != null) {
                return UiText.get(locale, "designer.flash." + key, value);
            }
        }
        return "";
    }
}
