package org.dossier.web.imports;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.export.SpreadsheetText;
import org.dossier.form.FormService;
import org.dossier.imports.ImportFields;
import org.dossier.imports.ImportMapping;
import org.dossier.imports.ImportOptions;
import org.dossier.imports.ImportProblem;
import org.dossier.imports.ImportRun;
import org.dossier.imports.RecordImports;
import org.dossier.web.ContentDisposition;
import org.dossier.web.FormBody;
import org.dossier.web.Multipart;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.imports.ImportPageModels.ColumnLine;
import org.dossier.web.imports.ImportPageModels.RunPage;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The admin's import pages: upload a file, adjust the mapping (a select per column), run a dry
 * run, read its report, import; the run's page reloads itself while a task runs it (no script).
 */
public final class ImportPages {
    /** Report lines the page shows; the CSV has them all. */
    static final int SHOWN = 200;
    private static final CSVFormat CSV = CSVFormat.EXCEL.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ZoneId.of("Europe/Paris"));

    private final RecordImports imports;
    private final org.dossier.validation.Messages messages;
    private final FormBody formBody;
    private final PebbleTemplates templates;

    public ImportPages(RecordImports imports, org.dossier.validation.Messages messages, FormBody formBody,
                       PebbleTemplates templates) {
        this.imports = imports;
        this.messages = messages;
        this.formBody = formBody;
        this.templates = templates;
    }

    public void start(Context ctx, TenantAccess access) {
        render(ctx, access, "", HttpStatus.OK);
    }

    private void render(Context ctx, TenantAccess access, String error, HttpStatus status) {
        Locale locale = RequestLocale.of(ctx);
        List<ImportPageModels.RunLine> runs = imports.recent(access.tenant().id(), 10).stream()
                .map(run -> new ImportPageModels.RunLine(base(access) + "/" + run.id(), run.fileName(),
                        UiText.get(locale, "import.status." + run.status().name().toLowerCase(Locale.ROOT)),
                        WHEN.format(run.createdAt()), run.totals().rows()))
                .toList();
        ctx.status(status);
        templates.respond(ctx, "pages/import", PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "import.title")),
                new ImportPageModels.StartPage(base(access), runs, error)), locale);
    }

    public void upload(Context ctx, TenantAccess access) throws IOException {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (Exception e) {
            throw Multipart.refusal(e);
        }
        Locale locale = RequestLocale.of(ctx);
        if (file == null || file.size() == 0) {
            render(ctx, access, UiText.get(locale, "import.fileMissing"), HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        ImportRun run;
        try (InputStream content = file.content()) {
            run = imports.upload(access.tenant().id(), FormService.CASE_FILE, file.filename(), content, Long.MAX_VALUE,
                    RequestContext.actor(ctx));
        } catch (DomainException refused) {
            render(ctx, access, messages.general(refused.code(), locale), HttpStatus.forStatus(refused.status()));
            return;
        }
        ctx.redirect(base(access) + "/" + run.id(), HttpStatus.SEE_OTHER);
    }

    public void run(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        ImportRun run = imports.find(access.tenant().id(), id(ctx));
        templates.respond(ctx, "pages/import-run", PageModel.of(Pages.layout(ctx, locale,
                UiText.get(locale, "import.run.title", run.fileName())), page(access, run, locale)), locale);
    }

    private RunPage page(TenantAccess access, ImportRun run, Locale locale) {
        boolean editable = run.status() == ImportRun.Status.UPLOADED || run.status() == ImportRun.Status.CHECKED
                || run.status() == ImportRun.Status.FAILED;
        List<ColumnLine> columns = new ArrayList<>();
        if (editable) {
            ImportMapping mapping = imports.mapping(access.tenant().id(), run.id(), locale);
            ImportFields fields = imports.fields(access.tenant().id(), run.formKey(), locale);
            Optional<String> externalId = run.options().flatMap(ImportOptions::externalIdColumn);
            int index = 0;
            for (String heading : imports.columns(access.tenant().id(), run.id())) {
                String target = mapping.columns().getOrDefault(heading, "");
                List<ImportPageModels.Choice> choices = new ArrayList<>();
                choices.add(new ImportPageModels.Choice("", UiText.get(locale, "import.ignore"), target.isEmpty()));
                for (ImportFields.Field field : fields.all()) {
                    choices.add(new ImportPageModels.Choice(field.key(), field.label() + " (" + field.key() + ")",
                            field.key().equals(target)));
                }
                columns.add(new ColumnLine(index, heading, "column-" + index, choices,
                        externalId.map(heading::equals).orElse(false)));
                index++;
            }
        }
        List<ImportProblem> problems = run.status() == ImportRun.Status.UPLOADED ? List.of()
                : imports.problems(access.tenant().id(), run.id(), SHOWN + 1);
        Optional<com.fasterxml.jackson.databind.JsonNode> check = run.postCheck();
        List<ImportPageModels.OutcomeLine> outcomes = new ArrayList<>();
        check.ifPresent(node -> node.path("outcomes").properties().forEach(entry -> outcomes.add(
                new ImportPageModels.OutcomeLine(UiText.get(locale, "import.outcome." + entry.getKey()),
                        entry.getValue().asInt()))));
        List<ImportPageModels.MismatchLine> mismatches = new ArrayList<>();
        check.ifPresent(node -> node.path("mismatches").forEach(mismatch -> mismatches.add(
                new ImportPageModels.MismatchLine(mismatch.path("row").asInt(), mismatch.path("field").asText()))));
        String statusKey = run.status().name().toLowerCase(Locale.ROOT);
        ImportRun.Totals totals = run.totals();
        return new RunPage(base(access) + "/" + run.id(), run.fileName(), UiText.get(locale, "import.status." + statusKey),
                statusKey, run.status().active() ? 2 : 0, editable,
                run.status() == ImportRun.Status.CHECKED || run.status() == ImportRun.Status.FAILED, columns,
                run.options().map(options -> options.existing() == ImportOptions.Existing.UPDATE).orElse(false),
                run.options().map(ImportOptions::allOrNothing).orElse(false),
                run.status() != ImportRun.Status.UPLOADED, totals.rows(), totals.valid(), totals.invalid(), totals.fresh(),
                totals.existing(), totals.done(),
                problems.stream().limit(SHOWN).map(problem -> new ImportPageModels.ProblemLine(problem.row(), problem.field(),
                        problem.value(), problem.message())).toList(),
                Math.min(problems.size(), SHOWN), problems.size() > SHOWN, base(access) + "/" + run.id() + "/errors.csv",
                check.isPresent(), outcomes, check.map(node -> node.path("checked").asInt()).orElse(0),
                check.map(node -> node.path("equal").asInt()).orElse(0),
                check.map(node -> node.path("mismatched").asInt()).orElse(0), mismatches,
                run.failure().map(failure -> UiText.get(locale, "import.failed")).orElse(""), base(access));
    }

    /** Starts the dry run or the import with the mapping and options posted. */
    public void launch(Context ctx, TenantAccess access) {
        Map<String, List<String>> form = formBody.parse(ctx);
        long runId = id(ctx);
        ImportRun run = imports.find(access.tenant().id(), runId);
        List<String> headings = imports.columns(access.tenant().id(), runId);
        Map<String, String> columns = new LinkedHashMap<>();
        for (int index = 0; index < headings.size(); index++) {
            columns.put(headings.get(index), first(form, "map_" + index));
        }
        String externalIndex = first(form, "externalId");
        Optional<String> externalId = externalIndex.matches("\\d{1,4}") && Integer.parseInt(externalIndex) < headings.size()
                ? Optional.of(headings.get(Integer.parseInt(externalIndex))) : Optional.empty();
        ImportOptions options = new ImportOptions(new ImportMapping(columns), externalId,
                "update".equals(first(form, "existing")) ? ImportOptions.Existing.UPDATE : ImportOptions.Existing.SKIP,
                "true".equals(first(form, "allOrNothing")), RequestLocale.of(ctx));
        ImportRun.Mode mode = "import".equals(first(form, "mode")) ? ImportRun.Mode.IMPORT : ImportRun.Mode.DRY_RUN;
        imports.start(access.tenant().id(), run.id(), mode, options, RequestContext.actor(ctx));
        ctx.redirect(base(access) + "/" + run.id(), HttpStatus.SEE_OTHER);
    }

    /** The report as CSV: row, field, value, message; neutralised against formula injection. */
    public void errors(Context ctx, TenantAccess access) throws IOException {
        long runId = id(ctx);
        ImportRun run = imports.find(access.tenant().id(), runId);
        Locale locale = RequestLocale.of(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", ContentDisposition.attachment("import-" + run.id() + "-erreurs.csv"));
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSV);
        printer.printRecord(UiText.get(locale, "import.col.row"), UiText.get(locale, "import.col.field"),
                UiText.get(locale, "import.col.value"), UiText.get(locale, "import.col.message"));
        try {
            imports.eachProblem(access.tenant().id(), runId, problem -> {
                try {
                    printer.printRecord(Integer.toString(problem.row()), SpreadsheetText.neutralised(problem.field()),
                            SpreadsheetText.neutralised(problem.value()), SpreadsheetText.neutralised(problem.message()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
    }

    static long id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("\\d{1,18}")) {
            throw new DomainException("notFound", 404, "no import " + id);
        }
        return Long.parseLong(id);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.getOrDefault(name, List.of());
        return values.isEmpty() ? "" : values.get(values.size() - 1).strip();
    }

    private static String base(TenantAccess access) {
        return "/t/" + access.tenant().slug() + "/admin/imports";
    }
}
