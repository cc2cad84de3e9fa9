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

    /** A numeric path parameter (a user or token id); anything else answers 404 like an unknown id. */
    public static long longId(Context ctx, String name) {
        String text = ctx.pathParam(name);
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            throw new org.dossier.DomainException("notFound", 404, "no such " + name);
        }
        return Long.parseLong(text);
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
