package org.dossier.web.records;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import org.dossier.account.TenantAccess;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.retention.RecordArchive;
import org.dossier.tenant.Tenant;
import org.dossier.web.ContentDisposition;
import org.dossier.web.Json;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestParams;

/**
 * Downloads of case files' files, page and API alike: the case file must be the service's (404
 * otherwise), the file that case file's and visible to the member (a confidential field's needs the
 * grant); every download is audited, an archived case file's as an archive read too. The bytes go
 * out with the type detected at upload, never sniffed, always as an attachment.
 */
final class AttachmentDownloads {
    private static final Duration LINK_VALIDITY = Duration.ofMinutes(2);

    private final AttachmentService attachments;
    private final RecordService records;
    private final FormService forms;
    private final RecordArchive archive;
    private final Json json;

    AttachmentDownloads(AttachmentService attachments, RecordService records, FormService forms, RecordArchive archive,
                        Json json) {
        this.attachments = attachments;
        this.records = records;
        this.forms = forms;
        this.archive = archive;
        this.json = json;
    }

    /** GET …/records/{id}/attachments/{attachment}. */
    void download(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        RecordId id = RequestParams.recordId(ctx);
        CaseRecord record = records.get(tenant.id(), id);
        CompiledForm form = forms.latest(tenant.id(), record.formKey());
        archive.open(tenant.id(), id, RequestContext.actor(ctx)); // an archived case file's read is audited as such
        Attachment attachment = attachments.download(tenant.id(), id, ctx.pathParam("attachment"),
                RequestContext.actor(ctx), form.confidential().pointers(), access.confidential());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "private, no-store");
        var link = attachments.store().presignedDownload(attachment.key(), LINK_VALIDITY, attachment.fileName(),
                attachment.contentType());
        if (link.isPresent()) {
            ctx.redirect(link.get().toString(), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.header("Content-Disposition", ContentDisposition.attachment(attachment.fileName()));
        ctx.header("Content-Length", Long.toString(attachment.size()));
        // The detected type exactly: no charset appended to a PDF or an image.
        ctx.res().setCharacterEncoding(null);
        ctx.res().setContentType(attachment.contentType());
        ctx.result(attachments.open(attachment));
    }

    /** GET /api/v1/tenants/{t}/records/{id}/attachments: the files this member may see, without their bytes. */
    void list(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        RecordId id = RequestParams.recordId(ctx);
        CaseRecord record = records.get(tenant.id(), id);
        CompiledForm form = forms.latest(tenant.id(), record.formKey());
        List<Attachment> visible = attachments.visible(tenant.id(), id, form.confidential().pointers(),
                access.confidential());
        ArrayNode list = json.mapper().createArrayNode();
        visible.forEach(attachment -> list.add(AttachmentApi.describe(json, tenant, attachment)));
        json.respond(ctx, 200, json.mapper().createObjectNode().set("attachments", list));
    }
}
