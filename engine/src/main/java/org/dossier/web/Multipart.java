package org.dossier.web;

import io.javalin.http.Context;
import org.dossier.DomainException;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Reads a multipart form (the logo upload) through the servlet container, which enforces the body
 * limit while it parses (see {@code App}); its refusals arrive as wrapped runtime exceptions and
 * are turned here into what they mean: 413 over the limit, 400 for a broken multipart.
 */
public final class Multipart {
    private Multipart() {}

    public static String field(Context ctx, String name) {
        try {
            return ctx.formParam(name);
        } catch (Exception e) { // the container's ServletException arrives unchecked through Javalin
            throw refusal(e);
        }
    }

    public static RuntimeException refusal(Exception thrown) {
        boolean broken = false;
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            // Jetty says so only in the message: "max length exceeded: <limit>".
            if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).startsWith("max length exceeded")) {
                return new DomainException("bodyTooLarge", 413, "multipart body over the limit");
            }
            broken |= cause instanceof BadMessageException;
        }
        if (broken) {
            return new DomainException("invalidRequest", 400, "malformed multipart body");
        }
        return thrown instanceof RuntimeException runtime ? runtime : new IllegalStateException(thrown);
    }
}
