package org.dossier.web.formfile;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.designer.DesignerService;
import org.dossier.designer.RequiredChoiceMissingException;
import org.dossier.form.DefinitionProblem;
import org.dossier.form.InvalidFormDefinitionException;
import org.dossier.form.RequiredScope;
import org.dossier.formfile.FormFiles;
import org.dossier.web.Json;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;

/**
 * A form as files through the API: the published definition and customisation, the draft as a
 * whole definition, the draft replaced by a definition (422 listing every problem, nothing stored),
 * and the draft published through the designer's publish.
 */
public final class FormFileApi {
    private final FormFiles files;
    private final DesignerService designer;
    private final Json json;

    public FormFileApi(FormFiles files, DesignerService designer, Json json) {
        this.files = files;
        this.designer = designer;
        this.json = json;
    }

    /** {@code GET …/forms/{form}/definition}: the published definition, as stored; its version in {@code Form-Version}. */
    public void definition(Context ctx, TenantAccess access) {
        FormFiles.Published published = files.published(access.tenant().id(), ctx.pathParam("form"));
        ctx.header("Form-Version", String.valueOf(published.version()));
        json.respond(ctx, 200, published.definition());
    }

    /** {@code GET …/forms/{form}/customisation}: the designer's choices the published version was compiled from. */
    public void customisation(Context ctx, TenantAccess access) {
        FormFiles.Published published = files.published(access.tenant().id(), ctx.pathParam("form"));
        ctx.header("Form-Version", String.valueOf(published.version()));
        json.respond(ctx, 200, published.customisation());
    }

    /** {@code GET …/forms/{form}/draft}: the draft as the whole definition publishing it would give. */
    public void draft(Context ctx, TenantAccess access) {
        json.respond(ctx, 200, files.draft(access.tenant().id(), ctx.pathParam("form")));
    }

    /** {@code PUT …/forms/{form}/draft}: the body, a definition, becomes the draft; 422 with every problem. */
    public void putDraft(Context ctx, TenantAccess access) {
        String form = ctx.pathParam("form");
        JsonNode definition = json.readBody(ctx);
        try {
            files.importDraft(access.tenant().id(), form, definition, RequestContext.actor(ctx));
        } catch (InvalidFormDefinitionException e) {
            json.respond(ctx, 422, Map.of("errors", problems(e.problems())));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("form", form);
        answer.put("draft", "imported");
        answer.put("changes", designer.changes(access.tenant().id(), form, RequestLocale.of(ctx)));
        json.respond(ctx, 200, answer);
    }

    /**
     * {@code POST …/forms/{form}/publish}: publishes the draft as the next version. An optional body
     * {@code {"required":{"<pointer>":"new"|"existing"}}} says whom each field it makes required is
     * required of; without one, every such field is required of existing case files too.
     */
    public void publish(Context ctx, TenantAccess access) {
        String form = ctx.pathParam("form");
        if (!designer.draft(access.tenant().id(), form).saved()) {
            throw new DomainException("noDraft", 409, "there is no draft to publish");
        }
        int version;
        try {
            if (ctx.body().isBlank()) {
                version = designer.publish(access.tenant().id(), form, RequestContext.actor(ctx));
            } else {
                version = designer.publish(access.tenant().id(), form, choices(json.readObject(ctx, Set.of("required"))),
                        RequestContext.actor(ctx));
            }
        } catch (InvalidFormDefinitionException e) {
            json.respond(ctx, 422, Map.of("errors", problems(e.problems())));
            return;
        } catch (RequiredChoiceMissingException e) {
            json.respond(ctx, 422, Map.of("errors", e.pointers().stream().map(pointer -> Map.of("path", pointer,
                    "code", "requiredChoice", "message", "say whom this newly required field is required of: "
                            + "\"new\" or \"existing\"")).toList()));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("form", form);
        answer.put("version", version);
        json.respond(ctx, 200, answer);
    }

    private static Map<String, RequiredScope> choices(JsonNode body) {
        Map<String, RequiredScope> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : body.path("required").properties()) {
            RequiredScope scope = RequiredScope.of(entry.getValue().asText()).orElseThrow(() -> new DomainException(
                    "invalidRequest", 400, "\"" + entry.getKey() + "\": \"new\" or \"existing\""));
            chosen.put(entry.getKey(), scope);
        }
        return chosen;
    }

    /** Each problem as {@code {path, code, keyword, message}}: {@code code} is the keyword, as in validation errors. */
    static List<Map<String, Object>> problems(List<DefinitionProblem> problems) {
        return problems.stream().map(problem -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", problem.path());
            entry.put("code", problem.keyword());
            entry.put("keyword", problem.keyword());
            entry.put("message", problem.message());
            return entry;
        }).toList();
    }
}
