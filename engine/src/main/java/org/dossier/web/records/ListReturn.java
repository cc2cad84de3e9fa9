package org.dossier.web.records;

import io.javalin.http.Context;
import org.dossier.tenant.Tenant;

/**
 * The way back to the list, for every case-file page: {@code listUrl} is the list as the person
 * left it (filters, order, page), {@code backParam} the same state to append to the page's own
 * links ({@code ?back=…}, or empty). Both are rebuilt from the list's own parameters (see
 * {@link RecordListState#fromBack}), never echoed.
 */
record ListReturn(String listUrl, String backParam) {
    static ListReturn of(Context ctx, Tenant tenant) {
        RecordListState state = RecordListState.fromBack(ctx.queryParam(RecordListState.BACK));
        String query = state.query();
        return new ListReturn(state.listUrl(tenant),
                query.isEmpty() ? "" : RecordListState.BACK + "=" + org.dossier.web.Pages.encode(query));
    }

    /** {@code url} with the way back appended, for the links and redirects between a case file's pages. */
    String carry(String url) {
        return backParam.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + backParam;
    }
}
