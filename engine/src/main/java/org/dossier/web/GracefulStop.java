package org.dossier.web;

import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * How the HTTP server stops: it stops accepting connections, lets the requests in flight finish for
 * at most the drain time ({@code DOSSIER_SHUTDOWN_DRAIN}, seconds, 20 by default), then closes.
 * Jetty does it when the server has a stop time-out and a {@link GracefulHandler} counting the
 * requests in flight; Javalin puts its servlet context inside that handler.
 */
public final class GracefulStop {
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(20);

    private GracefulStop() {}

    public static void install(Server server, Duration drain) {
        server.setStopTimeout(drain.toMillis());
        server.setHandler(new GracefulHandler());
    }

    /** {@code DOSSIER_SHUTDOWN_DRAIN} in whole seconds (0 cuts requests in flight), else 20 s. */
    public static Duration drainFromEnvironment() {
        return parse(System.getenv("DOSSIER_SHUTDOWN_DRAIN"));
    }

    public static Duration parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_DRAIN;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DOSSIER_SHUTDOWN_DRAIN must be a number of seconds, not: " + value, e);
        }
    }
}
