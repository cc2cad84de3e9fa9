package org.dossier.web.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.account.TenantAccess;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.modules.CaseFileReports;
import org.dossier.modules.Modules;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.Dates;
import org.dossier.render.FormRenderer;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The pages of the optional modules: the list of open eviction procedures, and the dashboard of
 * counts. A module that is off answers 404 on its pages, as if they did not exist.
 */
public final class ModulePages {
    private static final DateTimeFormatter MONTH_FR = DateTimeFormatter.ofPattern("MM/yyyy");

    private final FormService forms;
    private final Modules modules;
    private final FormRenderer renderer;
    private final CaseFileReports reports;
    private final PebbleTemplates templates;

    public ModulePages(FormService forms, Modules modules, FormRenderer renderer, CaseFileReports reports,
                       PebbleTemplates templates) {
        this.forms = forms;
        this.modules = modules;
        this.renderer = renderer;
        this.reports = reports;
        this.templates = templates;
    }

    /** One bar of a chart: its label, its count, and its length as a share of the longest bar (0 to 100). */
    public record Bar(String label, long count, long length) {}

    /** A titled chart; {@code note} says what it counts when not every case file (empty otherwise). */
    public record Chart(String title, List<Bar> bars, long total, String note) {}

    /** A row of the eviction list. */
    public record EvictionRow(String name, String url, String stage, String hearing, String landlord) {}

    public void evictions(Context ctx, TenantAccess access) {
        modules.requireOn(access.tenant().id(), Modules.EVICTION);
        Locale locale = RequestLocale.of(ctx);
        boolean latestFirst = "desc".equals(ctx.queryParam("order"));
        CompiledForm form = forms.latest(access.tenant().id(), FormService.CASE_FILE);
        Map<String, String> stages = renderer.optionLabels(form, "/prevention_expulsions/stade", locale);
        List<EvictionRow> rows = reports.openEvictions(access.tenant().id(), latestFirst).stream()
                .map(row -> new EvictionRow(row.lastName() + " " + (row.firstName() == null ? "" : row.firstName()),
                        "/t/" + access.tenant().slug() + "/records/" + row.id(),
                        row.stage() == null ? "" : stages.getOrDefault(row.stage(), row.stage()),
                        Dates.date(row.hearingDate(), locale), row.landlord() == null ? "" : row.landlord()))
                .toList();
        ModulePageModels.EvictionsPage page = new ModulePageModels.EvictionsPage(rows, latestFirst,
                "/t/" + access.tenant().slug() + "/evictions" + (latestFirst ? "" : "?order=desc"));
        templates.respond(ctx, "pages/evictions",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "evictions.title")), page), locale);
    }

    public void dashboard(Context ctx, TenantAccess access) {
        modules.requireOn(access.tenant().id(), Modules.DASHBOARD);
        Locale locale = RequestLocale.of(ctx);
        CompiledForm form = forms.latest(access.tenant().id(), FormService.CASE_FILE);
        List<Chart> charts = new ArrayList<>();
        Map<String, String> statuses = renderer.optionLabels(form, "/accompagnement/statut", locale);
        // Exact from the counts kept as case files are written while the service keeps the base's statuses.
        charts.add(chart(UiText.get(locale, "dashboard.byStatus"), reports.exactAnswers(access.tenant().id(),
                        "$.accompagnement.statut", statuses.keySet()).orElseGet(() -> reports.byStatus(access.tenant().id())),
                statuses, locale, ""));
        Map<String, Long> months = new java.util.LinkedHashMap<>();
        reports.openedPerMonth(access.tenant().id(), LocalDate.now()).forEach((YearMonth month, Long n) ->
                months.put("fr".equals(locale.getLanguage()) ? MONTH_FR.format(month) : month.toString(), n));
        charts.add(chart(UiText.get(locale, "dashboard.byMonth"), months, Map.of(), locale, ""));
        List<SingleChoice> fields = singleChoices(form.effectiveSchema(), "", "$", locale).stream()
                .filter(field -> !field.pointer().equals("/accompagnement/statut")).toList();
        // The base's shared fields exactly, from the counts kept as case files are written; the others
        // (a service's own fields and options) in one read of at most a bound of case files.
        Map<String, Map<String, Long>> exact = new java.util.HashMap<>();
        for (SingleChoice field : fields) {
            reports.exactAnswers(access.tenant().id(), field.jsonPath(),
                            renderer.optionLabels(form, field.pointer(), locale).keySet())
                    .ifPresent(counted -> exact.put(field.jsonPath(), counted));
        }
        CaseFileReports.Answers answers = reports.answers(access.tenant().id(), fields.stream()
                .map(SingleChoice::jsonPath).filter(path -> !exact.containsKey(path)).toList());
        String note = answers.bounded() ? UiText.get(locale, "dashboard.answersBounded", answers.bound()) : "";
        for (SingleChoice field : fields) {
            boolean counted = exact.containsKey(field.jsonPath());
            charts.add(chart(field.label(), counted ? exact.get(field.jsonPath()) : answers.byPath().get(field.jsonPath()),
                    renderer.optionLabels(form, field.pointer(), locale), locale, counted ? "" : note));
        }
        templates.respond(ctx, "pages/dashboard", PageModel.of(
                Pages.layout(ctx, locale, UiText.get(locale, "dashboard.title")), new ModulePageModels.DashboardPage(charts)),
                locale);
    }

    /** A single-choice field of the form: an enum of strings, outside repeatable groups, not confidential. */
    private record SingleChoice(String pointer, String jsonPath, String label) {}

    private static List<SingleChoice> singleChoices(JsonNode schema, String pointer, String jsonPath, Locale locale) {
        List<SingleChoice> found = new ArrayList<>();
        schema.path("properties").properties().forEach(property -> {
            JsonNode field = property.getValue();
            if (field.path("x-confidential").asBoolean(false)) {
                return;
            }
            String childPointer = pointer + "/" + property.getKey();
            String childPath = jsonPath + "." + property.getKey();
            if (field.path("enum").isArray() && "string".equals(field.path("type").asText("string"))) {
                JsonNode labels = field.path("x-label");
                found.add(new SingleChoice(childPointer, childPath,
                        labels.path(locale.getLanguage()).asText(labels.path("fr").asText(property.getKey()))));
            } else if (field.path("properties").isObject()) {
                found.addAll(singleChoices(field, childPointer, childPath, locale));
            }
        });
        return found;
    }

    private static Chart chart(String title, Map<String, Long> counts, Map<String, String> labels, Locale locale,
                               String note) {
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Bar> bars = new ArrayList<>();
        counts.forEach((value, n) -> bars.add(new Bar(value.isEmpty() ? UiText.get(locale, "dashboard.unanswered")
                : labels.getOrDefault(value, value), n, max == 0 ? 0 : Math.round(100.0 * n / max))));
        return new Chart(title, bars, total, note);
    }
}
