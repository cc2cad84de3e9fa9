package org.dossier.web.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.dossier.DomainException;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.record.RecordPage;
import org.dossier.record.RecordQuery;
import org.dossier.record.RecordService;
import org.dossier.record.RecordSummary;
import org.dossier.retention.RecordArchive;
import org.dossier.retention.Retention;
import org.dossier.account.TenantAccess;
import org.dossier.tenant.Tenant;
import org.dossier.web.Json;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;

/** The JSON API over forms and case files: parse, call a service, answer JSON. */
public final class RecordApi {
    private static final int PAGE_SIZE = 20;
    private static final Set<String> CREATE_KEYS = Set.of("form", "data");
    private static final Set<String> UPDATE_KEYS = Set.of("version", "data");

    private final FormService forms;
    private final RecordService records;
    private final Json json;
    private final RecordArchive archive;

    public RecordApi(FormService forms, RecordService records, Json json, RecordArchive archive) {
        this.archive = archive;
        this.forms = forms;
        this.records = records;
        this.json = json;
    }

    public void getForm(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        CompiledForm form = forms.latest(tenant.id(), ctx.pathParam("form"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("form", form.formKey());
        body.put("version", form.version());
        body.put("schema", form.effectiveSchema());
        json.respond(ctx, 200, body);
    }

    public void create(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        tenant.requireAcceptsCaseFiles();
        JsonNode body = json.readObject(ctx, CREATE_KEYS);
        JsonNode formKey = body.get("form");
        if (formKey == null || !formKey.isTextual()) {
            throw new DomainException("invalidRequest", 400, "\"form\" must be a string");
        }
        CaseRecord record = records.create(tenant.id(), formKey.asText(), data(body), RequestContext.actor(ctx),
                RequestLocale.of(ctx), access.confidential());
        ctx.header("Location", "/api/v1/tenants/" + tenant.slug() + "/records/" + record.id());
        json.respond(ctx, 201, Map.of("id", record.id().toString(), "version", record.lockVersion(),
                "schemaVersion", record.schemaVersion()));
    }

    public void get(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        RecordId id = RequestParams.recordId(ctx);
        RecordService.Opened opened = records.readOpened(tenant.id(), id, RequestContext.actor(ctx), access.confidential());
        // Opening an archived case file is audited, as on its page.
        json.respond(ctx, 200, view(opened.record(), archive.opened(tenant.id(), id, RequestContext.actor(ctx),
                opened.standing())));
    }

    public void update(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        RecordId id = RequestParams.recordId(ctx);
        JsonNode body = json.readObject(ctx, UPDATE_KEYS);
        JsonNode version = body.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new DomainException("invalidRequest", 400, "\"version\" must be the integer version being updated");
        }
        CaseRecord record = records.update(tenant.id(), id, version.intValue(), data(body), RequestContext.actor(ctx),
                RequestLocale.of(ctx), access.confidential());
        json.respond(ctx, 200, view(record, archive.standing(tenant.id(), id)));
    }

    public void search(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        String formKey = ctx.queryParam("form") == null ? FormService.CASE_FILE : ctx.queryParam("form");
        RecordQuery query = RecordQuery.of(formKey, ctx.queryParam("q"),
                RequestParams.pageNumber(ctx.queryParam("page")), PAGE_SIZE);
        // ?archives=true searches the archived case files instead of the active ones, audited as on the page.
        boolean archives = archivesParameter(ctx.queryParam("archives"));
        // The count and the pages stop at RecordQuery.LIST_COUNT_BOUND, as on the list page.
        RecordQuery bounded = query.withCappedCount();
        RecordPage page = records.search(tenant.id(), archives ? bounded.inArchives() : bounded);
        if (archives) {
            archive.searched(tenant.id(), RequestContext.actor(ctx), formKey, page.total());
        }
        json.respond(ctx, 200, listAnswer(page, archives));
    }

    /** The list's answer; {@code totalIsLowerBound} says the count stopped at {@code total}. */
    static Map<String, Object> listAnswer(RecordPage page, boolean archives) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(RecordApi::summary).toList());
        body.put("total", page.total());
        body.put("totalIsLowerBound", page.totalCapped());
        body.put("page", page.page());
        body.put("pageSize", page.pageSize());
        body.put("phase", archives ? "archived" : "active");
        return body;
    }

    private static boolean archivesParameter(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new DomainException("invalidRequest", 400, "archives must be true or false");
    }

    private static JsonNode data(JsonNode body) {
        JsonNode data = body.get("data");
        if (data == null || !data.isObject()) {
            throw new DomainException("invalidRequest", 400, "\"data\" must be a JSON object");
        }
        return data;
    }



    private static Map<String, Object> view(CaseRecord record, RecordArchive.Standing standing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", record.id().toString());
        body.put("form", record.formKey());
        body.put("version", record.lockVersion());
        body.put("schemaVersion", record.schemaVersion());
        body.put("data", record.data());
        body.put("createdAt", record.createdAt().toString());
        body.put("createdBy", record.createdBy());
        body.put("updatedAt", record.updatedAt().toString());
        body.put("updatedBy", record.updatedBy());
        body.put("phase", phase(standing.phase()));
        body.put("lastActivityAt", standing.lastActivity().toString());
        if (standing.readOnly()) {
            body.put("archivedOn", standing.archivedOn().toString());
            body.put("deletedOn", standing.deletedOn().toString());
        }
        standing.hold().ifPresent(hold -> {
            Map<String, Object> held = new LinkedHashMap<>();
            held.put("reason", hold.reason());
            held.put("placedBy", hold.placedBy());
            held.put("placedAt", hold.placedAt().toString());
            body.put("hold", held);
        });
        return body;
    }

    /** The phase as the API names it: {@code active}, {@code archived}, {@code dueForDeletion}. */
    static String phase(Retention.Phase phase) {
        return switch (phase) {
            case ACTIVE -> "active";
            case ARCHIVED -> "archived";
            case DUE_FOR_DELETION -> "dueForDeletion";
        };
    }

    private static Map<String, Object> summary(RecordSummary summary) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", summary.id().toString());
        item.put("lastName", summary.lastName());
        item.put("firstName", summary.firstName());
        item.put("birthDate", summary.birthDate());
        item.put("status", summary.status());
        item.put("updatedAt", summary.updatedAt().toString());
        return item;
    }
}
