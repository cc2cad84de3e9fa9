package org.dossier.web.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.attachment.FileFields;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.tenant.Tenant;
import org.dossier.validation.FieldError;
import org.dossier.web.Json;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;

/**
 * {@code POST /api/v1/tenants/{t}/records/{id}/attachments?field=<pointer>}: the body is the file
 * itself, its name in {@code X-File-Name} (percent-encoded UTF-8). The file is checked, added to the
 * field (a list gets one more, a single-file field is replaced) and the case file saved through
 * {@code RecordService} like any save: 201 with what was stored, or 422 with the field's error.
 */
final class AttachmentApi {
    static final String FILE_NAME_HEADER = "X-File-Name";

    private final AttachmentService attachments;
    private final AttachmentUploads uploads;
    private final RecordService records;
    private final FormService forms;
    private final Json json;

    AttachmentApi(AttachmentService attachments, AttachmentUploads uploads, RecordService records, FormService forms,
                  Json json) {
        this.attachments = attachments;
        this.uploads = uploads;
        this.records = records;
        this.forms = forms;
        this.json = json;
    }

    void upload(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        CaseRecord current = records.read(tenant.id(), id, RequestContext.actor(ctx), access.confidential());
        CompiledForm form = forms.latest(tenant.id(), current.formKey());
        String field = ctx.queryParam("field") == null ? "" : ctx.queryParam("field");
        String pointer = field.startsWith("/") ? field : "/" + field.replace('.', '/');
        if (FileFields.schemaAt(form.effectiveSchema(), pointer).filter(FileFields::isFileField).isEmpty()) {
            throw new DomainException("notFileField", 422, "no file field at " + pointer);
        }
        String name = fileName(ctx.header(FILE_NAME_HEADER));
        List<FieldError> errors = new ArrayList<>();
        List<AttachmentService.Upload> files = new ArrayList<>();
        if (!uploads.refusedConfidential(form, access, pointer, locale, errors)) {
            files.add(new AttachmentService.Upload(pointer, name, body(ctx, attachments.settings().maxFileBytes())));
        }
        java.util.Set<String> before = new java.util.HashSet<>(
                attachments.all(tenant.id(), id).stream().map(Attachment::id).toList());
        CaseRecord saved = uploads.saving(ctx, access, form, form.effectiveSchema(), current.data(), locale, files,
                errors, data -> records.update(tenant.id(), id, current.lockVersion(), data, RequestContext.actor(ctx),
                        locale, access.confidential()));
        Attachment stored = attachments.all(tenant.id(), id).stream().filter(file -> !before.contains(file.id()))
                .findFirst().orElseThrow(() -> new IllegalStateException("the saved file is not listed"));
        ObjectNode answer = describe(json, tenant, stored);
        answer.put("version", saved.lockVersion());
        json.respond(ctx, 201, answer);
    }

    /** What the API says of a file: never its bytes. */
    static ObjectNode describe(Json json, Tenant tenant, Attachment attachment) {
        ObjectNode node = json.mapper().createObjectNode();
        node.put("id", attachment.id());
        node.put("field", attachment.fieldPath());
        node.put("name", attachment.fileName());
        node.put("contentType", attachment.contentType());
        node.put("size", attachment.size());
        node.put("sha256", attachment.sha256());
        node.put("createdAt", attachment.createdAt().toString());
        attachment.recordId().ifPresent(record -> node.put("url", "/api/v1/tenants/" + tenant.slug() + "/records/"
                + record + "/attachments/" + attachment.id()));
        return node;
    }

    private static String fileName(String header) {
        if (header == null || header.isBlank()) {
            throw new DomainException("fileNameRequired", 400, "the file's name goes in " + FILE_NAME_HEADER);
        }
        try {
            return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DomainException("invalidRequest", 400, FILE_NAME_HEADER + " is not percent-encoded UTF-8");
        }
    }

    /** The body, up to one byte over the limit: a larger file is refused on its field, not read whole. */
    private static byte[] body(Context ctx, long maxFileBytes) {
        try (InputStream in = ctx.bodyInputStream()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
        } catch (IOException e) {
            throw new DomainException("invalidRequest", 400, "unreadable body");
        }
    }
}
