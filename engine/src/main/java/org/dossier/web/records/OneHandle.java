package org.dossier.web.records;

import org.dossier.web.auth.AccessRoutes;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a read handler's database calls on one handle. Each {@code jdbi.withHandle} of the engine
 * otherwise borrows a connection from the pool and builds a JDBI handle (a copy of its
 * configuration) for one or two statements; a case file's page makes four such calls, the API's
 * GET two. JDBI reuses the handle open on the thread for the calls nested in it, so wrapping the
 * handler is enough: each call still runs, and commits, as it did (a call that opens a transaction
 * opens it on this handle, and an audit event still commits with it).
 *
 * <p>The cost: the connection is held for the whole handler, page drawing included, a few
 * milliseconds more than the sum of its statements. Kept to the frequent reads that make several
 * calls; a long-running handler (an export, an import) is never wrapped.
 */
final class OneHandle {
    private OneHandle() {}

    static AccessRoutes.TenantHandler of(Jdbi jdbi, AccessRoutes.TenantHandler handler) {
        return (ctx, access) -> jdbi.<Exception>useHandle(handle -> handler.handle(ctx, access));
    }
}
