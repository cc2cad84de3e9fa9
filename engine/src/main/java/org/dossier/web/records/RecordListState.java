package org.dossier.web.records;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.dossier.record.RecordFilters;
import org.dossier.record.RecordQuery;
import org.dossier.record.RecordSort;
import org.dossier.tenant.Tenant;
import org.dossier.web.Pages;
import org.dossier.web.RequestParams;

/**
 * The case-file list as the URL states it: search, filters, order and page. The same state travels
 * to a case file's pages in one {@code back} parameter, so that "Retour à la liste" returns to the
 * list as it was. A {@code back} is read as a query string of the list's own parameters and
 * written out again from them: whatever else it holds is dropped, and the link it makes is always
 * the service's list path, never another address. {@code archives} searches the archived case
 * files instead of the active ones, with the same fields.
 */
record RecordListState(String q, String status, String antenne, String referent, boolean mine, boolean toComplete,
                       RecordSort sort, int page, boolean archives) {
    static final String BACK = "back";
    private static final int MAX_BACK_LENGTH = 1000;

    RecordListState {
        q = bounded(q, 200);
        status = bounded(status, RecordFilters.MAX_VALUE_LENGTH);
        antenne = bounded(antenne, RecordFilters.MAX_VALUE_LENGTH);
        referent = bounded(referent, RecordFilters.MAX_VALUE_LENGTH);
        page = Math.min(Math.max(page, 1), RecordQuery.MAX_PAGE);
    }

    /** Reads the state from request parameters; an unknown order falls back to the default. */
    static RecordListState from(UnaryOperator<String> parameter) {
        return new RecordListState(parameter.apply("q"), parameter.apply("status"), parameter.apply("antenne"),
                parameter.apply("referent"), "1".equals(parameter.apply("mine")), "1".equals(parameter.apply("todo")),
                RecordSort.fromKey(bounded(parameter.apply("sort"), 20)).orElse(RecordSort.DEFAULT),
                RequestParams.pageNumber(parameter.apply("page")), "1".equals(parameter.apply("archives")));
    }

    /** The state carried in a {@code back} parameter: a query string of the list's parameters, nothing else. */
    static RecordListState fromBack(String back) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (back != null && back.length() <= MAX_BACK_LENGTH) {
            for (String pair : back.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.putIfAbsent(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                }
            }
        }
        return from(parameters::get);
    }

    /** The canonical query string, without the defaults; empty for the plain list. */
    String query() {
        StringBuilder query = new StringBuilder();
        append(query, "q", q);
        append(query, "status", status);
        append(query, "antenne", antenne);
        append(query, "referent", referent);
        append(query, "mine", mine ? "1" : "");
        append(query, "todo", toComplete ? "1" : "");
        append(query, "sort", sort == RecordSort.DEFAULT ? "" : sort.key());
        append(query, "page", page == 1 ? "" : Integer.toString(page));
        append(query, "archives", archives ? "1" : "");
        return query.toString();
    }

    /** The list's address in this state, on the service's own list path. */
    String listUrl(Tenant tenant) {
        String query = query();
        return listPath(tenant) + (query.isEmpty() ? "" : "?" + query);
    }

    /** A case file's address that remembers this list, for its "Retour à la liste". */
    String recordUrl(String recordUrl) {
        String query = query();
        return query.isEmpty() ? recordUrl : recordUrl + "?" + BACK + "=" + Pages.encode(query);
    }

    static String listPath(Tenant tenant) {
        return "/t/" + tenant.slug() + "/records";
    }

    boolean filtered() {
        return !status.isEmpty() || !antenne.isEmpty() || !referent.isEmpty() || mine || toComplete;
    }

    RecordListState withPage(int newPage) {
        return new RecordListState(q, status, antenne, referent, mine, toComplete, sort, newPage, archives);
    }

    RecordListState withoutStatus() {
        return new RecordListState(q, "", antenne, referent, mine, toComplete, sort, 1, archives);
    }

    RecordListState withoutAntenne() {
        return new RecordListState(q, status, "", referent, mine, toComplete, sort, 1, archives);
    }

    RecordListState withoutReferent() {
        return new RecordListState(q, status, antenne, "", mine, toComplete, sort, 1, archives);
    }

    RecordListState withoutMine() {
        return new RecordListState(q, status, antenne, referent, false, toComplete, sort, 1, archives);
    }

    RecordListState withoutToComplete() {
        return new RecordListState(q, status, antenne, referent, mine, false, sort, 1, archives);
    }

    RecordListState withoutQ() {
        return new RecordListState("", status, antenne, referent, mine, toComplete, sort, 1, archives);
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!value.isEmpty()) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(Pages.encode(value));
        }
    }

    private static String bounded(String value, int max) {
        String text = value == null ? "" : value.strip();
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
