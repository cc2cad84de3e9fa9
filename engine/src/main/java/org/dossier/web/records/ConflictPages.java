package org.dossier.web.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.account.Permission;
import org.dossier.account.TenantAccess;
import org.dossier.conflict.ConflictMerge;
import org.dossier.conflict.ConflictMerge.Merge;
import org.dossier.conflict.ConflictMerge.Outcome;
import org.dossier.conflict.ConflictMerge.Side;
import org.dossier.conflict.Fingerprints;
import org.dossier.conflict.MergeUnit;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormScope;
import org.dossier.form.FormService;
import org.dossier.form.RowIdentities;
import org.dossier.keep.ConfidentialValues;
import org.dossier.keep.KeptPost;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.record.RecordValidationException;
import org.dossier.record.StaleRecordException;
import org.dossier.render.FormRenderer;
import org.dossier.render.RecordItem;
import org.dossier.referent.Referents;
import org.dossier.render.RenderOptions;
import org.dossier.tenant.Tenant;
import org.dossier.web.FormBody;
import org.dossier.web.Json;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.web.auth.Csrf;
import org.dossier.web.keep.KeptPosts;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The page answering a save that came after someone else's (409): what they changed beside what
 * this person typed, field by field, merged where only one side changed a field, a choice where
 * both did, then saved through {@link RecordService} at the version shown. Only what the person
 * may see is compared and shown: {@link MergeUnit#of} leaves confidential fields out without the
 * grant, and the save carries them over as stored.
 */
public final class ConflictPages {
    /** The edit form's hidden field: fingerprints of the values as loaded. */
    static final String LOADED = "_loaded";
    private static final String MINE = "_mine";
    private static final String VERSION = "_version";
    private static final String CHOICE = "choice:";
    /** The section whose page was stale, when it was a section's: the merge then saves that section only. */
    private static final String SECTION = "_section";

    private final FormBody formBody;
    private final FormService forms;
    private final Json json;
    private final RecordService records;
    private final FormRenderer renderer;
    private final PebbleTemplates templates;
    private final KeptPosts kept;

    private final Referents referents;

    public ConflictPages(FormBody formBody, FormService forms, Json json, RecordService records, FormRenderer renderer,
                         PebbleTemplates templates, KeptPosts kept, Referents referents) {
        this.kept = kept;
        this.referents = referents;
        this.formBody = formBody;
        this.forms = forms;
        this.json = json;
        this.records = records;
        this.renderer = renderer;
        this.templates = templates;
    }

    /** The fingerprints the edit form carries: as posted back, or of {@code data} as just loaded. */
    String loaded(Context ctx, CompiledForm form, boolean confidentialGrant, RecordId id, JsonNode data) {
        if ("POST".equals(ctx.method().name())) {
            List<String> posted = formBody.parse(ctx).get(LOADED);
            return posted == null || posted.isEmpty() ? "" : posted.get(0);
        }
        return Fingerprints.of(MergeUnit.of(form.effectiveSchema(), confidentialGrant), data, id.toString()).encode();
    }

    /** Answers a stale save with the merge page (409): {@code mine} is what was posted, {@code loaded} its fingerprints. */
    public void show(Context ctx, TenantAccess access, RecordId id, JsonNode mine, String loaded) {
        show(ctx, access, id, mine, loaded, "");
    }

    /**
     * As above for a section's page ({@code section} its key, "" for the whole form): {@code mine} is
     * the case file as stored with that section as posted, and the merge is saved through the section's
     * scope, like the section's own save (a required gap elsewhere does not refuse it).
     */
    void show(Context ctx, TenantAccess access, RecordId id, JsonNode mine, String loaded, String section) {
        CaseRecord current = records.read(access.tenant().id(), id, RequestContext.actor(ctx), access.confidential());
        render(ctx, access, current, mine, loaded, Map.of(), "", section, 409, SectionPageModels.Kept.NONE);
    }

    /**
     * GET …/records/{id}/merge: the merge page posted after the session expired, shown again once after
     * login (see {@link KeptPosts}) with the choices made, merged anew against the case file as stored
     * now; the case file's page when nothing was kept. What was typed ("mine") comes back without its
     * confidential values when the grant was withdrawn meanwhile: the page must not carry them.
     */
    public void restoreKept(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        RecordId id = RequestParams.recordId(ctx);
        Optional<KeptPost> post = kept.restore(ctx, access);
        if (post.isEmpty()) {
            ctx.redirect(RecordPages.recordUrl(tenant, id), HttpStatus.SEE_OTHER);
            return;
        }
        CaseRecord current = records.read(tenant.id(), id, RequestContext.actor(ctx), access.confidential());
        JsonNode mine = mine(post.get().first(MINE));
        if (!access.confidential()) {
            mine = ConfidentialValues.without(forms.latest(tenant.id(), current.formKey()).effectiveSchema(),
                    (com.fasterxml.jackson.databind.node.ObjectNode) mine);
        }
        Locale locale = RequestLocale.of(ctx);
        render(ctx, access, current, mine, post.get().first(LOADED), choices(post.get().fields()), "",
                post.get().first(SECTION), 200, new SectionPageModels.Kept(UiText.get(locale, KeptPosts.NOTICE), true));
    }

    /** POST …/records/{id}/merge: saves the merge with the choices made, or shows it again if it moved on. */
    public void resolve(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        Map<String, List<String>> params = formBody.parse(ctx);
        JsonNode mine = mine(first(params, MINE));
        String loaded = first(params, LOADED);
        Map<String, Side> choices = choices(params);
        String sectionKey = first(params, SECTION) == null ? "" : first(params, SECTION);
        CaseRecord current = records.read(tenant.id(), id, RequestContext.actor(ctx), access.confidential());
        if (!String.valueOf(current.lockVersion()).equals(first(params, VERSION))) {
            render(ctx, access, current, mine, loaded, choices, UiText.get(locale, "conflict.again"), sectionKey, 409,
                    SectionPageModels.Kept.NONE);
            return;
        }
        CompiledForm form = forms.latest(tenant.id(), current.formKey());
        Merge merge = merge(form, access, current, mine, loaded);
        JsonNode resolved = merge.resolve(choices);
        try {
            if (sectionKey.isEmpty()) {
                records.update(tenant.id(), id, current.lockVersion(), resolved, RequestContext.actor(ctx), locale,
                        access.confidential());
                ctx.redirect(RecordPages.recordUrl(tenant, id) + "?saved=1", HttpStatus.SEE_OTHER);
            } else {
                FormScope scope = renderer.editableSection(form, sectionKey, current.data(), locale, options(access))
                        .orElseThrow(() -> new NoSuchSectionException(sectionKey)).scope();
                records.update(tenant.id(), id, current.lockVersion(), shownBy(resolved, scope),
                        RequestContext.actor(ctx), locale, access.confidential(), scope);
                ctx.redirect(RecordPages.recordUrl(tenant, id) + "?saved=" + sectionKey + "#"
                        + SectionPages.anchor(sectionKey), HttpStatus.SEE_OTHER);
            }
        } catch (StaleRecordException e) {
            CaseRecord again = records.read(tenant.id(), id, RequestContext.actor(ctx), access.confidential());
            render(ctx, access, again, mine, loaded, choices, UiText.get(locale, "conflict.again"), sectionKey, 409,
                    SectionPageModels.Kept.NONE);
        } catch (RecordValidationException e) {
            // The merge is valid field by field, not always as a whole: the form says what to fix.
            Map<String, String> hidden = new LinkedHashMap<>();
            hidden.put(Csrf.FIELD, Pages.csrfToken(ctx));
            hidden.put(VERSION, String.valueOf(current.lockVersion()));
            hidden.put(LOADED, Fingerprints.of(MergeUnit.of(form.effectiveSchema(), access.confidential()),
                    current.data(), id.toString()).encode());
            String url = RecordPages.recordUrl(tenant, id);
            ctx.status(422);
            page(ctx, access, "pages/record-form", "record.edit.title", new RecordPageModels.FormPage(
                    renderer.form(form, resolved, e.errors(), locale, options(access)), url, hidden, url, ""));
        }
    }

    private Merge merge(CompiledForm form, TenantAccess access, CaseRecord current, JsonNode mine, String loaded) {
        List<MergeUnit> units = MergeUnit.of(form.effectiveSchema(), access.confidential());
        return ConflictMerge.merge(units, Fingerprints.decode(loaded), mine,
                RowIdentities.numbered(form.effectiveSchema(), current.data()), current.id().toString());
    }

    /** What a section's page would post of {@code data}: its own root keys, the rest carried over as stored. */
    private static JsonNode shownBy(JsonNode data, FormScope scope) {
        com.fasterxml.jackson.databind.node.ObjectNode shown = ((com.fasterxml.jackson.databind.node.ObjectNode) data)
                .deepCopy();
        List<String> names = new ArrayList<>();
        shown.fieldNames().forEachRemaining(names::add);
        names.stream().filter(name -> !scope.shows(name)).forEach(shown::remove);
        return shown;
    }

    private void render(Context ctx, TenantAccess access, CaseRecord current, JsonNode mine, String loaded,
                        Map<String, Side> choices, String alert, String section, int status,
                        SectionPageModels.Kept restored) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        CompiledForm form = forms.latest(tenant.id(), current.formKey());
        Merge merge = merge(form, access, current, mine, loaded);
        Map<String, RecordItem> theirs = renderer.recordItems(form, current.data(), locale, ReferentOptions.forView(referents, access));
        Map<String, RecordItem> ours = renderer.recordItems(form, mine, locale, ReferentOptions.forView(referents, access));
        List<String> taken = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> combined = new ArrayList<>();
        List<ConflictPageModels.Choice> conflicts = new ArrayList<>();
        for (Outcome outcome : merge.outcomes()) {
            String pointer = outcome.unit().pointer();
            String label = label(theirs.get(pointer), pointer);
            switch (outcome.kind()) {
                case TAKEN_THEIRS -> taken.add(label);
                case KEPT_MINE -> kept.add(label);
                case ROWS_COMBINED -> combined.add(label);
                case CONFLICT -> conflicts.add(new ConflictPageModels.Choice("choice" + pointer.replace('/', '-'),
                        CHOICE + pointer, label, side(ours.get(pointer), locale), side(theirs.get(pointer), locale),
                        choices.getOrDefault(pointer, Side.MINE) == Side.MINE));
            }
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put(Csrf.FIELD, Pages.csrfToken(ctx));
        hidden.put(VERSION, String.valueOf(current.lockVersion()));
        hidden.put(LOADED, loaded == null ? "" : loaded);
        hidden.put(MINE, mine.toString());
        if (!section.isEmpty()) {
            hidden.put(SECTION, section);
        }
        RecordMeta meta = RecordMeta.of(tenant, current, locale);
        ctx.status(status);
        page(ctx, access, "pages/record-conflict", "conflict.title", new ConflictPageModels.ConflictPage(meta,
                meta.updatedBy(), meta.updatedAt(), taken, kept, combined, conflicts, meta.url() + "/merge", hidden,
                meta.url(), alert), restored);
    }

    private static String label(RecordItem item, String pointer) {
        if (item instanceof RecordItem.Field field) {
            return field.label();
        }
        if (item instanceof RecordItem.Group group) {
            return group.legend();
        }
        return pointer;
    }

    private static ConflictPageModels.Side side(RecordItem item, Locale locale) {
        String colon = "fr".equals(locale.getLanguage()) ? " : " : ": ";
        if (item instanceof RecordItem.Group group) {
            List<String> rows = new ArrayList<>();
            for (RecordItem.Row row : group.rows()) {
                List<String> parts = new ArrayList<>();
                for (RecordItem child : row.items()) {
                    if (child instanceof RecordItem.Field field && !field.empty()) {
                        parts.add(field.label() + colon + field.value());
                    }
                }
                rows.add(row.legend() + " — " + String.join(", ", parts));
            }
            return new ConflictPageModels.Side(rows.isEmpty() ? group.emptyText() : "", rows.isEmpty(), rows);
        }
        if (item instanceof RecordItem.Field field) {
            return new ConflictPageModels.Side(field.value(), field.empty(), List.of());
        }
        return new ConflictPageModels.Side("", true, List.of());
    }

    private JsonNode mine(String text) {
        try {
            JsonNode node = text == null ? null : json.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw new DomainException("invalidRequest", 400, "missing or invalid " + MINE);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DomainException("invalidRequest", 400, "missing or invalid " + MINE);
        }
    }

    private static Map<String, Side> choices(Map<String, List<String>> params) {
        Map<String, Side> choices = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith(CHOICE) && !values.isEmpty()) {
                choices.put(name.substring(CHOICE.length()), "theirs".equals(values.get(0)) ? Side.THEIRS : Side.MINE);
            }
        });
        return choices;
    }

    private void page(Context ctx, TenantAccess access, String template, String titleKey, Record... page) {
        Locale locale = RequestLocale.of(ctx);
        Tenant tenant = access.tenant();
        RecordPageModels.Frame frame = new RecordPageModels.Frame(tenant.slug(), access.can(Permission.WRITE_RECORDS),
                tenant.template(), access.can(Permission.DATA_PROTECTION));
        Record[] parts = new Record[page.length + 1];
        parts[0] = frame;
        System.arraycopy(page, 0, parts, 1, page.length);
        templates.respond(ctx, template, PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, titleKey)), parts),
                locale);
    }

    /** Confidential fields are drawn masked unless the member holds the grant; the référent may be a member's select. */
    private RenderOptions options(TenantAccess access) {
        return ReferentOptions.forForm(referents, access);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
