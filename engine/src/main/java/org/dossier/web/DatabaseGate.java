package org.dossier.web;

import io.javalin.http.Context;
import org.dossier.DomainException;
import org.dossier.db.Readiness;

/**
 * While the node knows its database is away (being restarted, stopped), a request is answered 503
 * at once, with a clear message, instead of waiting for a connection that will not come. Health
 * checks and static files still answer.
 */
public final class DatabaseGate {
    private final Readiness readiness;

    public DatabaseGate(Readiness readiness) {
        this.readiness = readiness;
    }

    public void check(Context ctx) {
        String path = ctx.path();
        if (readiness.databaseDown() && !path.startsWith("/health/") && !path.startsWith("/assets/")
                && !path.startsWith("/webjars/")) {
            throw new DatabaseUnavailableException();
        }
    }

    /** The database does not answer: try again in a few seconds. */
    public static final class DatabaseUnavailableException extends DomainException {
        public static final String CODE = "databaseUnavailable";

        public DatabaseUnavailableException() {
            super(CODE, 503, "the database is not available");
        }
    }
}
