package org.dossier.web.formfile;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.designer.DesignerService;
import org.dossier.form.DefinitionProblem;
import org.dossier.form.FormService;
import org.dossier.form.InvalidFormDefinitionException;
import org.dossier.formfile.FormFiles;
import org.dossier.render.ErrorSummaryEntry;
import org.dossier.web.Json;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.view.PageErrors;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The service admin's page "Formulaire en fichiers": download the published definition, its
 * customisation and the draft; upload a definition as the draft (a plain multipart form, no
 * JavaScript). A refused file is listed problem by problem (path, keyword, what is wrong), in an
 * error summary linked to the file input, and stores nothing. Publishing is the designer's page.
 */
public final class FormFilePages {
    static final String FORM = FormService.CASE_FILE;
    /** The file input's name and id. */
    static final String FILE_INPUT = "definition";
    private static final String FILE_ID = "form-file";

    private final FormFiles files;
    private final DesignerService designer;
    private final Json json;
    private final PebbleTemplates templates;

    public FormFilePages(FormFiles files, DesignerService designer, Json json, PebbleTemplates templates) {
        this.files = files;
        this.designer = designer;
        this.json = json;
        this.templates = templates;
    }

    public void show(Context ctx, TenantAccess access) {
        String notice = ctx.queryParam("imported") == null ? ""
                : UiText.get(RequestLocale.of(ctx), "formFiles.imported");
        render(ctx, access, 200, notice, "", List.of());
    }

    /** Keeps the uploaded definition as the draft and comes back to the page, or shows every problem (422). */
    public void upload(Context ctx, TenantAccess access) {
        UploadedFile file = ctx.uploadedFile(FILE_INPUT);
        if (file == null || file.size() == 0) {
            render(ctx, access, 422, "", "", List.of(new DefinitionProblem("", "file",
                    UiText.get(RequestLocale.of(ctx), "formFiles.noFile"))));
            return;
        }
        try {
            JsonNode definition = files.parse(read(file));
            files.importDraft(access.tenant().id(), FORM, definition, RequestContext.actor(ctx));
        } catch (InvalidFormDefinitionException e) {
            render(ctx, access, 422, "", file.filename(), e.problems());
            return;
        }
        ctx.redirect(filesBase(access) + "?imported=1", HttpStatus.SEE_OTHER);
    }

    public void downloadDefinition(Context ctx, TenantAccess access) {
        FormFiles.Published published = files.published(access.tenant().id(), FORM);
        download(ctx, published.definition(), access.tenant().slug() + "-" + FORM + "-v" + published.version() + ".schema.json");
    }

    public void downloadCustomisation(Context ctx, TenantAccess access) {
        FormFiles.Published published = files.published(access.tenant().id(), FORM);
        download(ctx, published.customisation(),
                access.tenant().slug() + "-" + FORM + "-v" + published.version() + ".customisation.json");
    }

    public void downloadDraft(Context ctx, TenantAccess access) {
        download(ctx, files.draft(access.tenant().id(), FORM), access.tenant().slug() + "-" + FORM + "-draft.schema.json");
    }

    private void download(Context ctx, JsonNode document, String fileName) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.header("Cache-Control", "no-store");
        json.respond(ctx, 200, document);
    }

    private void render(Context ctx, TenantAccess access, int status, String notice, String fileName,
                        List<DefinitionProblem> problems) {
        Locale locale = RequestLocale.of(ctx);
        FormFiles.Published published = files.published(access.tenant().id(), FORM);
        boolean draftImported = designer.draft(access.tenant().id(), FORM).imported();
        PageErrors errors = errors(problems, locale);
        FormFilePageModels.FilesPage page = new FormFilePageModels.FilesPage("/t/" + access.tenant().slug() + "/admin/form",
                filesBase(access), published.version(), published.imported(), draftImported, notice, fileName,
                rows(problems, locale));
        Map<String, Object> layout = Pages.layout(ctx, locale, UiText.get(locale, "formFiles.title"));
        templates.respond(ctx.status(status), "admin/form-files", PageModel.of(layout, page, errors), locale);
    }

    /** Every problem in the summary, each linked to the file input, which says how many there are. */
    static PageErrors errors(List<DefinitionProblem> problems, Locale locale) {
        if (problems.isEmpty()) {
            return PageErrors.none();
        }
        List<ErrorSummaryEntry> summary = problems.stream().map(problem -> new ErrorSummaryEntry(
                UiText.get(locale, "formFiles.problem", problem.path().isEmpty() ? "/" : problem.path(),
                        problem.keyword(), ProblemTexts.why(problem, locale)), "#" + FILE_ID)).toList();
        return new PageErrors(summary, Map.of(FILE_ID, UiText.get(locale, "formFiles.refused", problems.size())));
    }

    static List<FormFilePageModels.ProblemRow> rows(List<DefinitionProblem> problems, Locale locale) {
        return problems.stream().map(problem -> new FormFilePageModels.ProblemRow(
                problem.path().isEmpty() ? "/" : problem.path(), problem.keyword(), ProblemTexts.why(problem, locale),
                problem.message())).toList();
    }

    static byte[] read(UploadedFile file) {
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DomainException("invalidRequest", 400, e.getMessage());
        }
    }

    private static String filesBase(TenantAccess access) {
        return "/t/" + access.tenant().slug() + "/admin/form/files";
    }
}
