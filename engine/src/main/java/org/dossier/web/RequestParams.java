package org.dossier.web;

import io.javalin.http.Context;
import org.dossier.record.NoSuchRecordException;
import org.dossier.record.RecordId;

/** Parameters shared by the pages and the API, read the same way in both. */
public final class RequestParams {
    private RequestParams() {}

    /** The {@code {id}} path parameter; anything that is not a record id answers 404 like an unknown one. */
    public static RecordId recordId(Context ctx) {
        String text = ctx.pathParam("id");
        return RecordId.parse(text).orElseThrow(() -> new NoSuchRecordException(text));
    }

    /** A 1-based page number; a missing or unreadable one means the first page. */
    public static int pageNumber(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
