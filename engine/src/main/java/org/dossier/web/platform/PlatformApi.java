package org.dossier.web.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dossier.onboarding.CloneRequest;
import org.dossier.onboarding.ClonedService;
import org.dossier.web.RequestContext;
import org.dossier.web.auth.Principal;
import org.dossier.onboarding.Onboarding;
import org.dossier.web.Json;

/** The super-admin's API: {@code POST /api/v1/tenants} clones a service, for automation. */
public final class PlatformApi {
    private static final Set<String> KEYS = Set.of("from", "slug", "name", "adminEmail", "adminName");
    private final Json json;
    private final Onboarding onboarding;

    public PlatformApi(Json json, Onboarding onboarding) {
        this.json = json;
        this.onboarding = onboarding;
    }

    public void cloneService(Context ctx, Principal principal) {
        JsonNode body = json.readObject(ctx, KEYS);
        ClonedService result = onboarding.clone(new CloneRequest(
                body.path("from").asText(""), body.path("slug").asText(""), body.path("name").asText(""),
                body.path("adminEmail").asText(""), body.path("adminName").asText("")), RequestContext.actor(ctx));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("slug", result.tenant().slug());
        answer.put("name", result.tenant().name());
        answer.put("from", result.source().slug());
        answer.put("formVersion", result.formVersion());
        answer.put("adminEmail", result.adminEmail());
        result.oneTimePassword().ifPresent(password -> answer.put("oneTimePassword", password));
        answer.put("tookMs", result.took().toMillis());
        ctx.header("Location", "/api/v1/tenants/" + result.tenant().slug() + "/forms/dossier");
        json.respond(ctx, 201, answer);
    }
}
