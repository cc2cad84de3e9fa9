package org.dossier.web.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Set;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.retention.ErasureRequests;
import org.dossier.web.Json;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestParams;

/**
 * {@code DELETE /api/v1/tenants/{tenant}/records/{id}} with {@code {"reason": …, "version": …}}:
 * the erasure request of one case file (204). 422 {@code erasureReason} without a reason, 409 {@code held} or
 * {@code staleVersion} with nothing changed.
 */
public final class ErasureApi {
    private static final Set<String> KEYS = Set.of("reason", "version");

    private final ErasureRequests erasures;
    private final Json json;

    public ErasureApi(ErasureRequests erasures, Json json) {
        this.erasures = erasures;
        this.json = json;
    }

    public void erase(Context ctx, TenantAccess access) {
        // A DELETE sent with no body at all (no content type) has no reason: 422, as an empty object.
        JsonNode body = ctx.contentType() == null ? json.mapper().createObjectNode() : json.readObject(ctx, KEYS);
        JsonNode reason = body.path("reason");
        if (!reason.isTextual() || reason.asText().isBlank() || reason.asText().strip().length() > ErasureRequests.MAX_REASON) {
            throw new DomainException("erasureReason", 422, "\"reason\" must say why the case file is erased");
        }
        JsonNode version = body.path("version");
        if (!version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new DomainException("invalidRequest", 400, "\"version\" must be the integer version being erased");
        }
        erasures.erase(access.tenant().id(), RequestParams.recordId(ctx), version.intValue(), reason.asText(),
                RequestContext.actor(ctx));
        ctx.status(204);
    }
}
