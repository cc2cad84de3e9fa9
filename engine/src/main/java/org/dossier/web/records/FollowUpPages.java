package org.dossier.web.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.account.TenantAccess;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.form.HiddenData;
import org.dossier.record.CaseRecord;
import org.dossier.record.FollowUp;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.record.RecordValidationException;
import org.dossier.record.StaleRecordException;
import org.dossier.render.FormRenderer;
import org.dossier.render.RenderOptions;
import org.dossier.tenant.Tenant;
import org.dossier.validation.CoercionResult;
import org.dossier.validation.FieldError;
import org.dossier.validation.FormPostCoercer;
import org.dossier.validation.Messages;
import org.dossier.web.Dates;
import org.dossier.web.FormBody;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.web.auth.Csrf;
import org.dossier.web.keep.KeptPosts;
import org.dossier.web.view.PebbleTemplates;

/**
 * "Ajouter une entrée de suivi": a short page showing one new row of the follow-up group, dated
 * today and signed by the person, appended in one step to the stored rows (see
 * {@link RecordService#appendRow}). A service whose form has no follow-up group has no such page.
 */
public final class FollowUpPages {
    private final FormPostCoercer coercer;
    private final FormBody formBody;
    private final FormService forms;
    private final ObjectMapper json;
    private final Messages messages;
    private final RecordService records;
    private final FormRenderer renderer;
    private final PebbleTemplates templates;
    private final KeptPosts kept;

    public FollowUpPages(FormPostCoercer coercer, FormBody formBody, FormService forms, ObjectMapper json,
                         Messages messages, RecordService records, FormRenderer renderer, PebbleTemplates templates,
                         KeptPosts kept) {
        this.kept = kept;
        this.coercer = coercer;
        this.formBody = formBody;
        this.forms = forms;
        this.json = json;
        this.messages = messages;
        this.records = records;
        this.renderer = renderer;
        this.templates = templates;
    }

    /** GET the page: one new entry, prefilled, or as typed before the session expired (see {@link KeptPosts}). */
    public void form(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        CaseRecord record = records.get(tenant.id(), RequestParams.recordId(ctx));
        CompiledForm form = forms.latest(tenant.id(), record.formKey());
        JsonNode rowSchema = rowSchema(form);
        String author = access.user().displayName() == null || access.user().displayName().isBlank()
                ? access.user().email() : access.user().displayName();
        // The page's names are relative to the row: the kept post is read with the row's schema.
        Optional<KeptPosts.Restored> restored = kept.restore(ctx, access, rowSchema);
        JsonNode row = restored.<JsonNode>map(KeptPosts.Restored::data)
                .orElseGet(() -> FollowUp.prefilled(rowSchema, json.createObjectNode(), Dates.today(), author));
        render(ctx, access, form, record, rowSchema, row, List.of(), 200, "", SectionPageModels.Kept.of(restored));
    }

    /** POST the entry: appended, or the page again with every error. */
    public void save(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        CaseRecord record = records.get(tenant.id(), id);
        CompiledForm form = forms.latest(tenant.id(), record.formKey());
        JsonNode rowSchema = rowSchema(form);
        Map<String, List<String>> params = formBody.parse(ctx);
        CoercionResult posted = coercer.coerce(rowSchema, params, locale);
        try {
            if (!posted.errors().isEmpty()) {
                throw new RecordValidationException(posted.errors()); // names the page does not show
            }
            records.appendRow(tenant.id(), id, FollowUp.GROUP, posted.data(), RequestContext.actor(ctx), locale,
                    access.confidential());
            ctx.redirect(RecordPages.recordUrl(tenant, id) + "?followUp=1#" + SectionPages.anchor(FollowUp.GROUP),
                    HttpStatus.SEE_OTHER);
        } catch (RecordValidationException e) {
            render(ctx, access, form, record, rowSchema, posted.data(), e.errors(), 422, "", SectionPageModels.Kept.NONE);
        } catch (StaleRecordException e) {
            // Someone saved between our read and our write: the entry is still as typed, to send again.
            render(ctx, access, form, record, rowSchema, posted.data(), List.of(), 409,
                    messages.general("staleVersion", locale), SectionPageModels.Kept.NONE);
        }
    }

    private void render(Context ctx, TenantAccess access, CompiledForm form, CaseRecord record, JsonNode rowSchema,
                        JsonNode row, List<FieldError> errors, int status, String alert, SectionPageModels.Kept restored) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        // The name on the page comes from what this member may see of the case file, like everywhere else.
        CaseRecord visible = new CaseRecord(record.tenantId(), record.id(), record.formKey(), record.schemaVersion(),
                HiddenData.of(form, access.confidential()).visible(record.data()), record.lockVersion(),
                record.createdAt(), record.createdBy(), record.updatedAt(), record.updatedBy());
        RecordMeta meta = RecordMeta.of(tenant, visible, locale);
        String heading = UiText.get(locale, "followUp.title");
        ctx.status(status);
        CaseFilePage.render(ctx, access, templates, "pages/record-section", heading, new SectionPageModels.PartPage(
                meta, heading, renderer.row(rowSchema, row, errors, locale, new RenderOptions(access.confidential())),
                meta.url() + "/follow-up", Map.of(Csrf.FIELD, Pages.csrfToken(ctx)),
                meta.url() + "#" + SectionPages.anchor(FollowUp.GROUP), alert, true), restored);
    }

    /** The follow-up group's row, or 404: a form without the group has no follow-up page. */
    private static JsonNode rowSchema(CompiledForm form) {
        return FollowUp.rowSchema(form).orElseThrow(() -> new NoSuchSectionException(FollowUp.GROUP));
    }
}
