package org.dossier.web.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dossier.DomainException;
import org.dossier.offboarding.DeletionCounts;
import org.dossier.offboarding.ServiceDeletion;
import org.dossier.offboarding.ServiceSuspension;
import org.dossier.tenant.Tenant;
import org.dossier.web.RequestContext;
import org.dossier.web.auth.Principal;
import org.dossier.web.Json;

/**
 * The super-admin's lifecycle API: {@code POST /api/v1/tenants/{slug}/suspend} (optional
 * {@code {"reason"}}), {@code POST .../resume}, and {@code DELETE /api/v1/tenants/{slug}} with the
 * slug again as {@code confirm}, in a JSON body or the query string.
 */
public final class OffboardingApi {
    private final Json json;
    private final ServiceSuspension suspension;
    private final ServiceDeletion deletion;

    public OffboardingApi(Json json, ServiceSuspension suspension, ServiceDeletion deletion) {
        this.json = json;
        this.suspension = suspension;
        this.deletion = deletion;
    }

    public void suspend(Context ctx, Principal principal) {
        JsonNode body = optionalBody(ctx, Set.of("reason"));
        JsonNode reason = body.path("reason");
        if (!reason.isMissingNode() && !reason.isTextual()) {
            throw new DomainException("invalidRequest", 400, "\"reason\" must be a string");
        }
        respond(ctx, suspension.suspend(ctx.pathParam("slug"), reason.asText(""), RequestContext.actor(ctx)));
    }

    public void resume(Context ctx, Principal principal) {
        optionalBody(ctx, Set.of());
        respond(ctx, suspension.resume(ctx.pathParam("slug"), RequestContext.actor(ctx)));
    }

    public void delete(Context ctx, Principal principal) {
        JsonNode confirm = optionalBody(ctx, Set.of("confirm")).path("confirm");
        if (!confirm.isMissingNode() && !confirm.isTextual()) {
            throw new DomainException("invalidRequest", 400, "\"confirm\" must be a string");
        }
        String typed = confirm.isTextual() ? confirm.asText() : ctx.queryParam("confirm");
        ServiceDeletion.Report report = deletion.delete(ctx.pathParam("slug"), typed == null ? "" : typed,
                RequestContext.actor(ctx));
        DeletionCounts counts = report.counts();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("slug", report.slug());
        answer.put("deleted", counts.byKey());
        answer.put("unlinkedClones", counts.unlinkedClones());
        answer.put("redactedPlatformEvents", counts.redactedPlatformEvents());
        answer.put("tookMs", report.took().toMillis());
        json.respond(ctx, 200, answer);
    }

    private void respond(Context ctx, Tenant tenant) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("slug", tenant.slug());
        answer.put("name", tenant.name());
        answer.put("status", tenant.suspended() ? "suspended" : "active");
        json.respond(ctx, 200, answer);
    }

    /** The JSON object sent, or an empty one when there is no body; unknown properties are refused. */
    private JsonNode optionalBody(Context ctx, Set<String> keys) {
        String contentType = ctx.contentType();
        if (contentType == null && ctx.contentLength() <= 0) {
            return json.mapper().createObjectNode();
        }
        return json.readObject(ctx, keys);
    }
}
