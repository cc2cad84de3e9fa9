package org.dossier.web.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.dossier.DomainException;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.NoSuchRecordException;
import org.dossier.record.RecordId;
import org.dossier.record.RecordValidationException;
import org.dossier.record.StaleRecordException;
import org.dossier.render.RenderOptions;
import org.dossier.account.Permission;
import org.dossier.account.TenantAccess;
import org.dossier.tenant.Tenant;
import org.dossier.validation.CoercionResult;
import org.dossier.validation.FieldError;
import org.dossier.web.Pages;
import org.dossier.web.UiText;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.auth.Csrf;
import org.dossier.web.keep.KeptPosts;
import org.dossier.record.RecordService;
import org.dossier.referent.Referents;
import org.dossier.render.FormRenderer;
import org.dossier.render.FormView;
import org.dossier.validation.FormPostCoercer;
import org.dossier.validation.Messages;
import org.dossier.web.FormBody;
import org.dossier.web.Json;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The caseworker's pages: list and search, new, view, edit (erasure: {@link ErasurePages}). Forms post back here; an
 * invalid post re-renders with every value kept (422), a valid one redirects (post/redirect/get).
 */
public final class RecordPages {
    private static final int PAGE_SIZE = 20;
    private static final String ACTION = "_action";
    private static final String VERSION = "_version";

    private final FormPostCoercer coercer;
    private final FormBody formBody;
    private final FormService forms;
    private final Json json;
    private final Messages messages;
    private final RecordService records;
    private final FormRenderer renderer;
    private final PebbleTemplates templates;
    private final ConflictPages conflicts;
    private final KeptPosts kept;
    private final Referents referents;
    private final AttachmentUploads uploads;
    private final org.dossier.attachment.AttachmentService attachments;

    public RecordPages(FormPostCoercer coercer, FormBody formBody, FormService forms, Json json, Messages messages,
                       RecordService records, FormRenderer renderer, PebbleTemplates templates,
                       ConflictPages conflicts, KeptPosts kept, Referents referents, AttachmentUploads uploads,
                       org.dossier.attachment.AttachmentService attachments) {
        this.uploads = uploads;
        this.attachments = attachments;
        this.kept = kept;
        this.referents = referents;
        this.coercer = coercer;
        this.formBody = formBody;
        this.forms = forms;
        this.json = json;
        this.messages = messages;
        this.records = records;
        this.renderer = renderer;
        this.templates = templates;
        this.conflicts = conflicts;
    }

    public void newForm(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        tenant.requireAcceptsCaseFiles();
        CompiledForm form = forms.latest(tenant.id(), FormService.CASE_FILE);
        Optional<KeptPosts.Restored> restored = kept.restore(ctx, access, form);
        if (restored.isPresent()) {
            renderForm(ctx, access, form, restored.get().data(), List.of(), null, 200, "", ToCompleteNotice.NONE, restored);
            return;
        }
        // The blank form is the same for every caseworker of the version, language and options: built once.
        RenderOptions options = options(access);
        renderForm(ctx, access, form, renderer.blankForm(form, RequestLocale.of(ctx), options), options, null, null, 200, "",
                ToCompleteNotice.NONE, restored);
    }

    public void create(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        tenant.requireAcceptsCaseFiles();
        Locale locale = RequestLocale.of(ctx);
        CompiledForm form = forms.latest(tenant.id(), FormService.CASE_FILE);
        Map<String, List<String>> params = AttachmentUploads.withoutRemoved(formBody.parse(ctx));
        CoercionResult posted = coercer.coerce(form.effectiveSchema(), params, locale);
        String action = first(params, ACTION);
        if (isRowAction(action)) {
            renderForm(ctx, access, form, withRowAction(posted, action), List.of(), null, 200, "");
            return;
        }
        try {
            rejectUnknownFields(form, posted, locale);
            CaseRecord record = uploads.saving(ctx, access, form, form.effectiveSchema(), posted.data(), locale,
                    data -> records.create(tenant.id(), FormService.CASE_FILE, data, RequestContext.actor(ctx), locale,
                            access.confidential()));
            ctx.redirect(recordUrl(tenant, record.id()) + "?saved=1", HttpStatus.SEE_OTHER);
        } catch (RecordValidationException e) {
            renderForm(ctx, access, form, posted.data(), e.errors(), null, 422, "");
        }
    }

    public void editForm(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        CaseRecord record = records.read(tenant.id(), RequestParams.recordId(ctx), RequestContext.actor(ctx),
                access.confidential());
        CompiledForm form = forms.latest(tenant.id(), record.formKey());
        Optional<KeptPosts.Restored> restored = kept.restore(ctx, access, form);
        // Typing kept after a session expired is shown at the version it was typed on: a save made
        // meanwhile by someone else makes its save a conflict (409), never a silent overwrite.
        CaseRecord shown = restored.map(r -> withLockVersion(record, r.post().lockVersion(VERSION, record.lockVersion())))
                .orElse(record);
        // Every saved row carries its identity: a removal is then confirmed, audited and merged by row.
        JsonNode data = restored.<JsonNode>map(KeptPosts.Restored::data)
                .orElseGet(() -> org.dossier.form.RowIdentities.numbered(form.effectiveSchema(), record.data()));
        renderForm(ctx, access, form, data, List.of(), shown, 200, "",
                toComplete(access, record, form, "", RequestLocale.of(ctx)), restored);
    }

    public void update(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        CaseRecord current = records.get(tenant.id(), id);
        CompiledForm form = forms.latest(tenant.id(), current.formKey());
        Map<String, List<String>> params = AttachmentUploads.withoutRemoved(formBody.parse(ctx));
        CoercionResult posted = coercer.coerce(form.effectiveSchema(), params, locale);
        int expected = lockVersion(first(params, VERSION));
        CaseRecord shown = withLockVersion(current, expected);
        String action = first(params, ACTION);
        if (isRowAction(action)) {
            renderForm(ctx, access, form, withRowAction(posted, action), List.of(), shown, 200, "");
            return;
        }
        try {
            rejectUnknownFields(form, posted, locale);
            uploads.saving(ctx, access, form, form.effectiveSchema(), posted.data(), locale,
                    data -> records.update(tenant.id(), id, expected, data, RequestContext.actor(ctx), locale,
                            access.confidential()));
            ctx.redirect(ListReturn.of(ctx, tenant).carry(recordUrl(tenant, id) + "?saved=1"), HttpStatus.SEE_OTHER);
        } catch (RecordValidationException e) {
            renderForm(ctx, access, form, posted.data(), e.errors(), shown, 422, "");
        } catch (StaleRecordException e) {
            conflicts.show(ctx, access, id, posted.data(), first(params, ConflictPages.LOADED));
        }
    }

    private void renderForm(Context ctx, TenantAccess access, CompiledForm form, JsonNode data, List<FieldError> errors,
                            CaseRecord record, int status, String alert) {
        renderForm(ctx, access, form, data, errors, record, status, alert, ToCompleteNotice.NONE, Optional.empty());
    }

    private void renderForm(Context ctx, TenantAccess access, CompiledForm form, JsonNode data, List<FieldError> errors,
                            CaseRecord record, int status, String alert, ToCompleteNotice toComplete,
                            Optional<KeptPosts.Restored> restored) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        boolean editing = record != null;
        // The files already attached are listed by name, linked to their download.
        RenderOptions options = editing ? options(access).withFiles(AttachmentPageModels.labels(attachments.visible(
                tenant.id(), record.id(), form.confidential().pointers(), access.confidential()), locale)) : options(access);
        renderForm(ctx, access, form, renderer.form(form, data, errors, locale, options), options, data, record, status,
                alert, toComplete, restored);
    }

    /** The form page of {@code view}; {@code data} is what the view shows, read only when editing {@code record}. */
    private void renderForm(Context ctx, TenantAccess access, CompiledForm form, FormView view,
                            RenderOptions options, JsonNode data, CaseRecord record, int status, String alert,
                            ToCompleteNotice toComplete, Optional<KeptPosts.Restored> restored) {
        Tenant tenant = access.tenant();
        boolean editing = record != null;
        String back = editing ? ListReturn.of(ctx, tenant).carry(recordUrl(tenant, record.id()))
                : ListReturn.of(ctx, tenant).listUrl();
        Map<String, String> hidden = new java.util.LinkedHashMap<>();
        hidden.put(Csrf.FIELD, Pages.csrfToken(ctx));
        if (editing) {
            hidden.put(VERSION, String.valueOf(record.lockVersion()));
            hidden.put(ConflictPages.LOADED, conflicts.loaded(ctx, form, access.confidential(), record.id(), data));
        }
        ctx.status(status);
        render(ctx, access, "pages/record-form", editing ? "record.edit.title" : "record.new.title",
                new RecordPageModels.FormPage(view, back, hidden,
                        back, alert, restored.map(KeptPosts.Restored::notice).orElse(""), restored.isPresent()),
                toComplete, editing ? AttachmentPageModels.Links.of(tenant, record.id()) : AttachmentPageModels.Links.NONE);
    }

    /** Names the form does not define are refused along with every other error, before saving. */
    private void rejectUnknownFields(CompiledForm form, CoercionResult posted, Locale locale) {
        if (posted.errors().isEmpty()) {
            return;
        }
        List<FieldError> all = new ArrayList<>(posted.errors());
        all.addAll(records.check(form, posted.data(), locale));
        throw new RecordValidationException(all);
    }

    /** Renders one of the case-file pages: the layout, the frame every such page shares, and its own model. */
    private void render(Context ctx, TenantAccess access, String template, String titleKey, Record page, Record... more) {
        Locale locale = RequestLocale.of(ctx);
        Tenant tenant = access.tenant();
        // Actions the member's role does not allow are not offered (their routes answer 403 anyway).
        RecordPageModels.Frame frame = new RecordPageModels.Frame(tenant.slug(), access.can(Permission.WRITE_RECORDS),
                tenant.template(), access.can(Permission.DATA_PROTECTION));
        Map<String, Object> model = PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, titleKey)), frame, page,
                ListReturn.of(ctx, tenant));
        templates.respond(ctx, template, PageModel.of(model, more), locale);
    }

    /**
     * The required fields the case file lacks ("à compléter"), linked to their controls on
     * {@code page}: the caseworker is told before saving, not by a surprise error.
     */
    private ToCompleteNotice toComplete(TenantAccess access, CaseRecord record, CompiledForm latest, String page,
                                        Locale locale) {
        return ToCompleteNotice.of(latest, records.missingRequired(access.tenant().id(), record.id(), access.confidential()),
                page, locale);
    }

    /** Confidential fields are drawn masked unless the member holds the grant; the référent may be a member's select. */
    private RenderOptions options(TenantAccess access) {
        return ReferentOptions.forForm(referents, access);
    }

    private String flash(Context ctx, Locale locale) {
        if (ctx.queryParam("saved") != null) {
            return UiText.get(locale, "flash.saved");
        }
        return "";
    }

    private JsonNode withRowAction(CoercionResult posted, String action) {
        try {
            return renderer.applyRowAction(posted.data(), action);
        } catch (IllegalArgumentException e) {
            throw new DomainException("invalidRequest", 400, e.getMessage());
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean isRowAction(String action) {
        return org.dossier.render.RowActions.isRowAction(action);
    }

    private static CaseRecord withLockVersion(CaseRecord record, int lockVersion) {
        return new CaseRecord(record.tenantId(), record.id(), record.formKey(), record.schemaVersion(), record.data(),
                lockVersion, record.createdAt(), record.createdBy(), record.updatedAt(), record.updatedBy());
    }

    static String recordUrl(Tenant tenant, RecordId id) {
        return "/t/" + tenant.slug() + "/records/" + id;
    }


    private static int lockVersion(String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new DomainException("invalidRequest", 400, "missing or invalid _version");
        }
    }

}
