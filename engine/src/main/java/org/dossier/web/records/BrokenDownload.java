package org.dossier.web.records;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * A download that fails once its first bytes are sent cannot answer an error any more: the status
 * is gone. Ending the response normally would hand the client a file that looks whole but is cut
 * short, the silent truncation an export must never do. The connection is aborted instead, so the
 * browser reports a failed download and a script's client an error.
 */
final class BrokenDownload {
    private BrokenDownload() {}

    static void abort(Context ctx, Throwable cause) {
        ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(cause);
    }
}
