package org.dossier.web.designer;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.designer.CustomisationMerge;
import org.dossier.designer.DesignerService;
import org.dossier.designer.Upstreams;
import org.dossier.form.BaseSchema;
import org.dossier.form.CustomisationCompiler;
import org.dossier.form.FormService;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.tenant.TenantService;
import org.dossier.web.FormBody;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * "Updates available" for a service admin: what the service's source (and the base form) changed,
 * in plain words, the choices both changed differently with a decision for each, and pulling the
 * updates into the draft. Works without JavaScript.
 */
public final class UpdatesPages {
    private static final String FORM = FormService.CASE_FILE;
    private static final int MAX_VALUE_TEXT = 120;
    private final DesignerService designer;
    private final FormBody formBody;
    private final PebbleTemplates templates;
    private final TenantService tenants;
    private final Upstreams upstreams;

    public UpdatesPages(DesignerService designer, FormBody formBody, PebbleTemplates templates, TenantService tenants,
                        Upstreams upstreams) {
        this.designer = designer;
        this.formBody = formBody;
        this.templates = templates;
        this.tenants = tenants;
        this.upstreams = upstreams;
    }

    /** A conflict in plain words, with the form field name of its decision. */
    public record ConflictView(String name, String subject, String aspect, String local, String upstream) {}

    public void show(Context ctx, TenantAccess access) {
        render(ctx, access, 200, "");
    }

    public void pull(Context ctx, TenantAccess access) {
        Map<String, List<String>> posted = formBody.parse(ctx);
        int expected;
        try {
            expected = Integer.parseInt(first(posted, "version"));
        } catch (NumberFormatException e) {
            throw new DomainException("invalidRequest", 400, "missing or invalid version");
        }
        Map<String, CustomisationMerge.Decision> decisions = new LinkedHashMap<>();
        posted.forEach((name, values) -> {
            if (name.startsWith("c:") && !values.isEmpty()) {
                decisions.put(name.substring(2), "upstream".equals(values.get(0))
                        ? CustomisationMerge.Decision.UPSTREAM : CustomisationMerge.Decision.LOCAL);
            }
        });
        Upstreams.Pulled pulled;
        try {
            pulled = upstreams.pull(access.tenant().id(), expected, decisions, RequestContext.actor(ctx));
        } catch (DomainException e) {
            if (!e.code().equals("sourceMoved")) {
                throw e;
            }
            render(ctx, access, 409, UiText.get(RequestLocale.of(ctx), "updates.moved",
                    tenants.sourceOf(access.tenant().id()).map(source -> source.name()).orElse("")));
            return;
        }
        ctx.redirect("/t/" + access.tenant().slug() + "/admin/form?pulled=" + pulled.version(), HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, TenantAccess access, int status, String error) {
        Locale locale = RequestLocale.of(ctx);
        Upstreams.Updates updates = upstreams.updates(access.tenant().id(), locale);
        Map<String, Object> layout = Pages.layout(ctx, locale, UiText.get(locale, "updates.title"));
        JsonNode draftDefinition = designer.draftDefinition(access.tenant().id(), FORM);
        List<ConflictView> conflicts = new ArrayList<>();
        for (CustomisationMerge.Conflict conflict : updates.conflicts()) {
            conflicts.add(view(conflict, draftDefinition, locale));
        }
        DesignerPageModels.UpdatesPage page = new DesignerPageModels.UpdatesPage(
                "/t/" + access.tenant().slug() + "/admin/form", error, updates.source().isPresent(),
                updates.source().map(source -> source.name()).orElse(""), updates.fromSource(), updates.takenVersion(),
                updates.latestVersion(), updates.sourceChanges(), updates.baseChanges(), conflicts);
        templates.respond(ctx.status(status), "admin/designer-updates", PageModel.of(layout, page), locale);
    }

    /** The designer's notices: "updates available" from the service's source or the common form, and updates pulled into the draft. */
    static DesignerPageModels.Notices designerNotices(Upstreams upstreams, TenantAccess access,
                                                      DesignerService.Draft draft, Locale locale) {
        Upstreams.Updates updates = upstreams.updates(access.tenant().id(), locale);
        List<String> notices = new ArrayList<>();
        if (updates.fromSource()) {
            notices.add(UiText.get(locale, "updates.available.source", updates.source().orElseThrow().name(),
                    updates.latestVersion(), updates.takenVersion()));
        }
        if (!updates.baseChanges().isEmpty()) {
            notices.add(UiText.get(locale, "updates.available.base"));
        }
        Integer pulled = draft.upstreamVersion();
        boolean newer = pulled != null && pulled > upstreams.publishedTakenVersion(access.tenant().id());
        return new DesignerPageModels.Notices(notices, !newer ? "" : UiText.get(locale, "updates.inDraft", pulled,
                updates.source().map(source -> source.name()).orElse("")));
    }

    /** Says what a conflict is about and what each side chose, in the admin's words. */
    static ConflictView view(CustomisationMerge.Conflict conflict, JsonNode definition, Locale locale) {
        String subject = switch (conflict.kind()) {
            case FIELD_CHOICE -> fieldLabel(definition, conflict.subject(), locale);
            case CUSTOM_FIELD, CUSTOM_FIELD_PROPERTY -> customFieldLabel(conflict, locale);
            case MODULE -> UiText.get(locale, "designer.module." + conflict.subject());
        };
        String aspect = conflict.aspect().isEmpty() ? UiText.get(locale, "updates.aspect."
                + (conflict.kind() == CustomisationMerge.Kind.MODULE ? "module" : "field"))
                : optional(locale, "updates.aspect." + conflict.aspect(), conflict.aspect());
        return new ConflictView("c:" + conflict.id(), subject, aspect, value(conflict, conflict.local(), locale),
                value(conflict, conflict.upstream(), locale));
    }

    private static String value(CustomisationMerge.Conflict conflict, JsonNode value, Locale locale) {
        if (value == null) {
            return UiText.get(locale, conflict.kind() == CustomisationMerge.Kind.CUSTOM_FIELD ? "updates.value.removed"
                    : "updates.value.default");
        }
        if (conflict.kind() == CustomisationMerge.Kind.MODULE) {
            return UiText.get(locale, value.asBoolean() ? "updates.value.on" : "updates.value.off");
        }
        if (conflict.kind() == CustomisationMerge.Kind.CUSTOM_FIELD) {
            return UiText.get(locale, "updates.value.field", text(value.path("label"), locale),
                    UiText.get(locale, "designer.type." + value.path("type").asText()));
        }
        if (value.isBoolean()) {
            String key = "updates.value." + conflict.aspect() + "." + value.asBoolean();
            return optional(locale, key, UiText.get(locale, value.asBoolean() ? "updates.value.yes" : "updates.value.no"));
        }
        if (value.isObject() && (value.has("fr") || value.has("en"))) {
            return quoted(text(value, locale), locale);
        }
        String described = switch (conflict.aspect()) {
            case "optionLabels" -> join(value.properties().stream()
                    .map(entry -> entry.getKey() + ("fr".equals(locale.getLanguage()) ? " : " : ": ")
                            + quoted(text(entry.getValue(), locale), locale)).toList());
            case "options" -> join(java.util.stream.StreamSupport.stream(value.spliterator(), false)
                    .map(option -> quoted(text(option.path("label"), locale, option.path("value").asText()), locale)).toList());
            case "visibleWhen" -> UiText.get(locale, "updates.value.visibleWhen", value.path("field").asText(),
                    value.has("equals") ? value.get("equals").asText() : join(java.util.stream.StreamSupport
                            .stream(value.path("oneOf").spliterator(), false).map(JsonNode::asText).toList()));
            case "gdpr" -> value.path("purpose").asText("") + (value.has("legalBasis")
                    ? " (" + value.path("legalBasis").asText() + ")" : "");
            default -> null;
        };
        if (described != null) {
            return described.length() > MAX_VALUE_TEXT ? described.substring(0, MAX_VALUE_TEXT) + "…" : described;
        }
        String compact = value.isValueNode() ? value.asText() : value.toString();
        return compact.length() > MAX_VALUE_TEXT ? compact.substring(0, MAX_VALUE_TEXT) + "…" : compact;
    }

    /** A base field as the common form names it, with its section ("Coordonnées › Téléphone"), whatever either side renamed it. */
    private static String fieldLabel(JsonNode definition, String path, Locale locale) {
        JsonNode base = BaseSchema.baseSchema();
        CustomisationCompiler.Located located = CustomisationCompiler.locate(base, path);
        if (located == null) {
            located = CustomisationCompiler.locate(definition, path);
        }
        if (located == null) {
            return path;
        }
        String label = text(located.field().path("x-label"), locale, path);
        int dot = path.indexOf('.');
        CustomisationCompiler.Located section = dot < 0 ? null : CustomisationCompiler.locate(base, path.substring(0, dot));
        return section == null ? label : text(section.field().path("x-label"), locale, "") + " › " + label;
    }

    private static String customFieldLabel(CustomisationMerge.Conflict conflict, Locale locale) {
        JsonNode field = conflict.local() != null && conflict.kind() == CustomisationMerge.Kind.CUSTOM_FIELD ? conflict.local()
                : conflict.upstream() != null && conflict.kind() == CustomisationMerge.Kind.CUSTOM_FIELD ? conflict.upstream()
                : null;
        return field == null ? conflict.subject() : text(field.path("label"), locale, conflict.subject());
    }

    private static String text(JsonNode labels, Locale locale) {
        return text(labels, locale, "");
    }

    private static String text(JsonNode labels, Locale locale, String fallback) {
        return labels.path(locale.getLanguage()).asText(labels.path("fr").asText(fallback));
    }

    /** A text between the quotation marks of the page's language. */
    private static String quoted(String text, Locale locale) {
        return "fr".equals(locale.getLanguage()) ? "« " + text + " »" : "“" + text + "”";
    }

    private static String join(List<String> parts) {
        return String.join(", ", parts);
    }

    /** A text that only some choices have, or the fallback. */
    private static String optional(Locale locale, String key, String fallback) {
        String text = UiText.get(locale, key);
        return text.equals(key) ? fallback : text;
    }

    private static String first(Map<String, List<String>> posted, String name) {
        List<String> values = posted.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
