package org.dossier.web.records;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.record.RecordPage;
import org.dossier.record.RecordSummary;
import org.dossier.tenant.Tenant;
import org.dossier.web.Pages;
import org.dossier.web.Dates;

/** What the list page shows: rows ready to print and the paging links. */
public record RecordListView(List<Row> rows, long total, int page, int pageCount, String previousUrl, String nextUrl,
                             String newUrl) {

    public record Row(String url, String lastName, String firstName, String birthDate, String status, String updatedAt) {}

    static RecordListView of(Tenant tenant, RecordPage page, String q, Map<String, String> statusLabels, Locale locale) {
        String base = "/t/" + tenant.slug() + "/records";
        List<Row> rows = page.items().stream().map(item -> row(base, item, statusLabels, locale)).toList();
        String query = q.isBlank() ? "" : "q=" + Pages.encode(q) + "&";
        String previous = page.page() > 1 ? base + "?" + query + "page=" + (page.page() - 1) : "";
        String next = page.page() < page.pageCount() ? base + "?" + query + "page=" + (page.page() + 1) : "";
        return new RecordListView(rows, page.total(), page.page(), page.pageCount(), previous, next, base + "/new");
    }

    private static Row row(String base, RecordSummary item, Map<String, String> statusLabels, Locale locale) {
        String status = item.status() == null ? "" : statusLabels.getOrDefault(item.status(), item.status());
        return new Row(base + "/" + item.id(), nonNull(item.lastName()), nonNull(item.firstName()),
                Dates.date(item.birthDate(), locale), status, Dates.time(item.updatedAt(), locale));
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
