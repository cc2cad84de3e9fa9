package org.dossier.web.formfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dossier.DomainException;
import org.dossier.form.DefinitionProblem;
import org.dossier.form.FormService;
import org.dossier.form.InvalidFormDefinitionException;
import org.dossier.formfile.FormFiles;
import org.dossier.onboarding.CreatedService;
import org.dossier.onboarding.NewService;
import org.dossier.onboarding.Onboarding;
import org.dossier.render.ErrorSummaryEntry;
import org.dossier.validation.Messages;
import org.dossier.web.Json;
import org.dossier.web.Multipart;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.branding.BrandingPages;
import org.dossier.web.view.PageErrors;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The super-admin's creation of a service from a definition file: the page
 * {@code /admin/services/import} (a multipart form, no JavaScript) and {@code POST
 * /api/v1/tenants/from-definition}. Every problem of the inputs and of the file is said at once; a
 * refusal creates nothing.
 */
public final class ServiceImportPages {
    private static final Set<String> API_KEYS = Set.of("slug", "name", "colour", "adminEmail", "adminName", "definition");
    private static final List<String> INPUTS = List.of("name", "slug", "adminEmail", "adminName");
    private static final String FILE_ID = "imp-file";

    private final Onboarding onboarding;
    private final FormService forms;
    private final FormFiles files;
    private final Messages messages;
    private final Json json;
    private final PebbleTemplates templates;

    public ServiceImportPages(Onboarding onboarding, FormService forms, FormFiles files, Messages messages, Json json,
                              PebbleTemplates templates) {
        this.onboarding = onboarding;
        this.forms = forms;
        this.files = files;
        this.messages = messages;
        this.json = json;
        this.templates = templates;
    }

    public void show(Context ctx, Principal principal) {
        render(ctx, 200, Map.of(), "", List.of(), PageErrors.none(), null);
    }

    public void create(Context ctx, Principal principal) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, String> entered = new LinkedHashMap<>();
        INPUTS.forEach(input -> entered.put(input, value(Multipart.field(ctx, input))));
        NewService request = new NewService(entered.get("name"), entered.get("slug"), "", entered.get("adminEmail"),
                entered.get("adminName"));
        List<Onboarding.InputProblem> inputProblems = new ArrayList<>(onboarding.problems(request));
        UploadedFile file = ctx.uploadedFile(FormFilePages.FILE_INPUT);
        String fileName = file == null ? "" : file.filename();
        List<DefinitionProblem> fileProblems = new ArrayList<>();
        JsonNode definition = null;
        if (file == null || file.size() == 0) {
            fileProblems.add(new DefinitionProblem("", "file", UiText.get(locale, "formFiles.noFile")));
        } else {
            try {
                definition = files.parse(FormFilePages.read(file));
                forms.preview(FormService.CASE_FILE, definition);
            } catch (InvalidFormDefinitionException e) {
                fileProblems.addAll(e.problems());
            }
        }
        if (inputProblems.isEmpty() && fileProblems.isEmpty()) {
            try {
                CreatedService created = onboarding.createFromDefinition(request, (ObjectNode) definition,
                        RequestContext.actor(ctx));
                render(ctx, 201, Map.of(), "", List.of(), PageErrors.none(), created);
                return;
            } catch (InvalidFormDefinitionException e) {
                fileProblems.addAll(e.problems());
            } catch (DomainException e) { // a race on the slug, found only while creating
                inputProblems.add(new Onboarding.InputProblem("slug", e));
            }
        }
        int status = inputProblems.size() == 1 && fileProblems.isEmpty() ? inputProblems.get(0).problem().status() : 422;
        render(ctx, status, entered, fileName, fileProblems, errors(inputProblems, fileProblems, locale), null);
    }

    /** {@code POST /api/v1/tenants/from-definition}: 201 with the new service, or 422 listing every problem. */
    public void createApi(Context ctx, Principal principal) {
        JsonNode body = json.readObject(ctx, API_KEYS);
        NewService request = new NewService(body.path("name").asText(""), body.path("slug").asText(""),
                body.path("colour").asText(""), body.path("adminEmail").asText(""), body.path("adminName").asText(""));
        CreatedService created;
        try {
            created = onboarding.createFromDefinition(request, body.path("definition") instanceof ObjectNode definition
                    ? definition : null, RequestContext.actor(ctx));
        } catch (InvalidFormDefinitionException e) {
            json.respond(ctx, 422, Map.of("errors", FormFileApi.problems(e.problems())));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("slug", created.tenant().slug());
        answer.put("name", created.tenant().name());
        answer.put("formVersion", 1);
        answer.put("adminEmail", created.adminEmail());
        created.oneTimePassword().ifPresent(password -> answer.put("oneTimePassword", password));
        ctx.header("Location", "/api/v1/tenants/" + created.tenant().slug() + "/forms/" + FormService.CASE_FILE);
        json.respond(ctx, 201, answer);
    }

    private PageErrors errors(List<Onboarding.InputProblem> inputProblems, List<DefinitionProblem> fileProblems,
                              Locale locale) {
        List<ErrorSummaryEntry> summary = new ArrayList<>();
        Map<String, String> inline = new LinkedHashMap<>();
        for (Onboarding.InputProblem problem : inputProblems) {
            String id = "imp-" + (INPUTS.contains(problem.input()) ? problem.input() : "name");
            String message = BrandingPages.problem(problem.problem(), messages, locale);
            summary.add(new ErrorSummaryEntry(message, "#" + id));
            inline.putIfAbsent(id, message);
        }
        for (DefinitionProblem problem : fileProblems) {
            summary.add(new ErrorSummaryEntry(UiText.get(locale, "formFiles.problem",
                    problem.path().isEmpty() ? "/" : problem.path(), problem.keyword(), ProblemTexts.why(problem, locale)),
                    "#" + FILE_ID));
        }
        if (!fileProblems.isEmpty()) {
            inline.put(FILE_ID, UiText.get(locale, "formFiles.refused", fileProblems.size()));
        }
        return new PageErrors(summary, inline);
    }

    private void render(Context ctx, int status, Map<String, String> entered, String fileName,
                        List<DefinitionProblem> fileProblems, PageErrors errors, CreatedService created) {
        Locale locale = RequestLocale.of(ctx);
        FormFilePageModels.ServiceImportPage page = new FormFilePageModels.ServiceImportPage(
                entered.getOrDefault("name", ""), entered.getOrDefault("slug", ""),
                entered.getOrDefault("adminEmail", ""), entered.getOrDefault("adminName", ""), fileName,
                FormFilePages.rows(fileProblems, locale),
                created == null ? "" : created.tenant().name(), created == null ? "" : created.tenant().slug(),
                created == null ? "" : created.adminEmail(),
                created == null ? "" : created.oneTimePassword().orElse(""));
        Map<String, Object> layout = Pages.layout(ctx, locale, UiText.get(locale, "serviceImport.title"));
        templates.respond(ctx.status(status), "pages/platform-service-import", PageModel.of(layout, page, errors),
                locale);
    }

    private static String value(String text) {
        return text == null ? "" : text.strip();
    }
}
