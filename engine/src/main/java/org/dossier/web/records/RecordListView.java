package org.dossier.web.records;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.record.RecordPage;
import org.dossier.record.RecordSummary;
import org.dossier.referent.ReferentChoices;
import org.dossier.tenant.Tenant;
import org.dossier.web.Dates;

/** What the list page shows: rows ready to print and the paging links, which keep the filters and order. */
public record RecordListView(List<Row> rows, long total, boolean totalCapped, int page, int pageCount,
                             String previousUrl, String nextUrl, String newUrl, boolean showAntenne,
                             boolean beyondLastPage) {

    /** One case file; each date has its own cell, labelled on the narrow screen's cards too. */
    public record Row(String url, String followUpUrl, String lastName, String firstName, String birthDate, String status, String antenne,
                      String referent, String openedOn, String updatedAt) {
        /** The day of the last update, kept on one line in a narrow column; {@link #updatedTime} may wrap below it. */
        public String updatedDate() {
            int space = updatedAt.indexOf(' ');
            return space < 0 ? updatedAt : updatedAt.substring(0, space);
        }

        public String updatedTime() {
            int space = updatedAt.indexOf(' ');
            return space < 0 ? "" : updatedAt.substring(space + 1);
        }
    }

    /** The labels the rows need: status and antenne options of the form, référents by name. */
    record Labels(Map<String, String> statuses, Map<String, String> antennes, ReferentChoices referents) {}

    static RecordListView of(Tenant tenant, RecordPage page, RecordListState state, Labels labels, Locale locale) {
        String base = RecordListState.listPath(tenant);
        List<Row> rows = page.items().stream()
                .map(item -> row(state.recordUrl(base + "/" + item.id()),
                        state.recordUrl(base + "/" + item.id() + "/follow-up"), item, labels, locale)).toList();
        String previous = page.page() > 1 ? state.withPage(page.page() - 1).listUrl(tenant) : "";
        String next = page.hasNext() ? state.withPage(page.page() + 1).listUrl(tenant) : "";
        return new RecordListView(rows, page.total(), page.totalCapped(), page.page(), page.pageCount(), previous, next,
                base + "/new",
                !labels.antennes().isEmpty(), page.beyondLastPage());
    }

    private static Row row(String url, String followUpUrl, RecordSummary item, Labels labels, Locale locale) {
        return new Row(url, followUpUrl, nonNull(item.lastName()), nonNull(item.firstName()), Dates.date(item.birthDate(), locale),
                label(labels.statuses(), item.status()), label(labels.antennes(), item.antenne()),
                labels.referents().display(item.referent()), Dates.date(item.openedOn(), locale),
                Dates.time(item.updatedAt(), locale));
    }

    private static String label(Map<String, String> labels, String value) {
        return value == null ? "" : labels.getOrDefault(value, value);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
