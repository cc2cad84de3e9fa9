package org.dossier.web.accessrequest;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.account.TenantAccess;
import org.dossier.accessrequest.AccessExport;
import org.dossier.accessrequest.AccessExportJson;
import org.dossier.accessrequest.PersonMatch;
import org.dossier.accessrequest.PersonQuery;
import org.dossier.accessrequest.PersonSearch;
import org.dossier.history.FieldChange;
import org.dossier.history.FieldLabels;
import org.dossier.record.RecordId;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;
import org.dossier.web.Dates;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.web.records.HistoryPages;
import org.dossier.web.view.PageErrors;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * Answering an access request: the search of a person across the service's case files (archived
 * ones included), and the export of one case file as a printable document or as JSON.
 */
public final class AccessRequestPages {
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final PersonSearch search;
    private final AccessExport export;
    private final AccessExportJson exportJson;
    private final PebbleTemplates templates;

    public AccessRequestPages(PersonSearch search, AccessExport export, AccessExportJson exportJson,
                              PebbleTemplates templates) {
        this.search = search;
        this.export = export;
        this.exportJson = exportJson;
        this.templates = templates;
    }

    /** GET the search: the form, and the case files found when the criteria suffice. */
    public void search(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        String lastName = param(ctx, "lastName");
        String firstName = param(ctx, "firstName");
        String birthDate = param(ctx, "birthDate");
        boolean asked = !(lastName.isEmpty() && firstName.isEmpty() && birthDate.isEmpty());
        Optional<LocalDate> birth = date(birthDate);
        PageErrors errors = PageErrors.none();
        List<AccessRequestPageModels.Match> matches = List.of();
        PersonQuery query = new PersonQuery(Optional.of(lastName), Optional.of(firstName), birth);
        boolean searched = false;
        if (!birthDate.isEmpty() && birth.isEmpty()) {
            errors = new PageErrors.Builder(name -> "access-" + name)
                    .input("birthDate", UiText.get(locale, "access.search.error.date")).build();
        } else if (asked && !query.searchable()) {
            errors = new PageErrors.Builder(name -> "access-" + name)
                    .input("lastName", UiText.get(locale, "access.search.error.criteria")).build();
        } else if (asked) {
            searched = true;
            matches = search.find(tenant.id(), query, RequestContext.actor(ctx)).stream()
                    .map(match -> match(tenant, match, locale)).toList();
        }
        ctx.status(errors.errorSummary().isEmpty() ? 200 : 422);
        String title = UiText.get(locale, "access.search.title");
        render(ctx, "pages/access-search", title, locale,
                new AccessRequestPageModels.SearchPage("/t/" + tenant.slug() + "/admin/access", lastName, firstName,
                        birthDate, searched, matches, matches.size() >= PersonSearch.LIMIT), errors);
    }

    /** GET one case file's export, as a document to read, print or save as PDF. */
    public void document(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        AccessExport.Export exported = export.export(tenant.id(), id, RequestContext.actor(ctx), access.confidential(),
                "html");
        FieldLabels labels = new FieldLabels(exported.form().effectiveSchema(), locale);
        String name = displayName(exported);
        String url = "/t/" + tenant.slug() + "/records/" + id + "/access";
        RecordStanding standing = RecordStanding.of(exported, locale);
        render(ctx, "pages/access-export", UiText.get(locale, "access.export.title", name), locale,
                new AccessRequestPageModels.ExportPage(name, tenant.name(), Dates.time(exported.producedAt(), locale),
                        exported.producedBy(), UiText.get(locale, notice(exported)), id.toString(),
                        Dates.time(exported.record().createdAt(), locale), exported.record().createdBy(),
                        Dates.time(exported.record().updatedAt(), locale), exported.record().updatedBy(),
                        sections(exported, labels, locale), standing.phase(), standing.lastActivity(),
                        standing.archivedOn(), standing.deletedOn(), standing.hold(),
                        HistoryPages.entries(exported.history(), labels, locale),
                        exported.trail().stream().map(event -> new AccessRequestPageModels.TrailEvent(
                                Dates.time(event.at(), locale), event.actor(), action(event.action(), locale)))
                                .toList(),
                        url + ".json" + (locale.getLanguage().equals("en") ? "?lang=en" : ""),
                        "/t/" + tenant.slug() + "/admin/access"),
                new AccessRequestPageModels.Files(exported.attachments().stream()
                        .map(file -> new AccessRequestPageModels.File(file.fileName(),
                                String.join(" › ", labels.path(file.fieldPath(), number -> UiText.get(locale,
                                        "history.row", number))), file.size(), file.contentType(), file.sha256()))
                        .toList()),
                new AccessRequestPageModels.Archive(url + ".zip" + (locale.getLanguage().equals("en") ? "?lang=en" : "")));
    }

    /** GET the same export as a JSON file to download. */
    public void json(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        AccessExport.Export exported = export.export(tenant.id(), id, RequestContext.actor(ctx), access.confidential(),
                "json");
        ctx.header("Content-Disposition", "attachment; filename=\"acces-" + id + ".json\"");
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(exportJson.of(exported, tenant.name(), locale, row -> UiText.get(locale, "history.row", row))
                .toPrettyString());
    }

    private record RecordStanding(String phase, String lastActivity, String archivedOn, String deletedOn, String hold) {
        static RecordStanding of(AccessExport.Export exported, Locale locale) {
            var standing = exported.standing();
            return new RecordStanding(UiText.get(locale, "access.phase." + standing.phase().name()),
                    Dates.time(standing.lastActivity(), locale), Dates.date(standing.archivedOn().toString(), locale),
                    Dates.date(standing.deletedOn().toString(), locale),
                    standing.hold().map(hold -> UiText.get(locale, "access.hold", hold.reason(), hold.placedBy(),
                            Dates.time(hold.placedAt(), locale))).orElse(""));
        }
    }

    private static String notice(AccessExport.Export exported) {
        if (exported.confidentialIncluded()) {
            return "access.confidential.included";
        }
        return exported.confidentialWithheld() ? "access.confidential.withheld" : "access.confidential.none";
    }

    /** The values grouped under their sections, in the case file's order. */
    private static List<AccessRequestPageModels.Section> sections(AccessExport.Export exported, FieldLabels labels,
                                                                 Locale locale) {
        Map<String, List<AccessRequestPageModels.Field>> sections = new LinkedHashMap<>();
        String yes = UiText.get(locale, "history.yes");
        String no = UiText.get(locale, "history.no");
        for (FieldChange field : exported.fields()) {
            List<String> path = labels.path(field.pointer(), row -> UiText.get(locale, "history.row", row));
            String label = path.size() > 1 ? String.join(" › ", path.subList(1, path.size())) : path.get(0);
            String value = field.after().map(node -> labels.value(field.pointer(), node, yes, no,
                    iso -> Dates.date(iso, locale))).orElse("");
            sections.computeIfAbsent(labels.section(field.pointer()), key -> new ArrayList<>())
                    .add(new AccessRequestPageModels.Field(label, value, field.confidential()));
        }
        return sections.entrySet().stream()
                .map(entry -> new AccessRequestPageModels.Section(entry.getKey(), List.copyOf(entry.getValue())))
                .toList();
    }

    private static String action(String code, Locale locale) {
        String key = "access.event." + code;
        String text = UiText.get(locale, key);
        return text.equals(key) ? code : text;
    }

    private static AccessRequestPageModels.Match match(Tenant tenant, PersonMatch match, Locale locale) {
        String url = "/t/" + tenant.slug() + "/records/" + match.id();
        String phase = UiText.get(locale, "access.phase." + match.phase().name())
                + (match.held() ? " · " + UiText.get(locale, "access.held") : "");
        return new AccessRequestPageModels.Match(match.lastName(), match.firstName(),
                match.birthDate().isEmpty() ? "" : Dates.date(match.birthDate(), locale), phase,
                match.phase() != Retention.Phase.ACTIVE, url + "/access", url + "/access.json", url + "/erase");
    }

    private static String displayName(AccessExport.Export exported) {
        String last = exported.data().path("identite").path("nom").asText("");
        String first = exported.data().path("identite").path("prenom").asText("");
        return (last.toUpperCase(Locale.FRENCH) + " " + first).trim();
    }

    /** A birth date as typed: ISO (a date input) or French (jj/mm/aaaa). */
    static Optional<LocalDate> date(String text) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_LOCAL_DATE, FRENCH_DATE)) {
            try {
                return Optional.of(LocalDate.parse(text, format));
            } catch (DateTimeParseException e) {
                // the next format, or none
            }
        }
        return Optional.empty();
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value.strip();
    }

    private void render(Context ctx, String template, String title, Locale locale, Record... parts) {
        templates.respond(ctx, template, PageModel.of(Pages.layout(ctx, locale, title), parts), locale);
    }
}
