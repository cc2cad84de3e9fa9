package org.dossier.web.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import org.dossier.web.TrustedProxies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Observes every request, static files and errors included: {@link #begin} gives it its id (in the
 * answer's {@code X-Request-Id} and in the MDC, so that every line logged while it is served carries
 * it); {@link #end} writes its one log line and its timer sample, then clears the MDC.
 *
 * <p>Requests are labelled by route template ({@code /t/{tenant}/records/{id}}), never by raw path,
 * so that neither a person's id nor a guessed URL makes a series; the log line has no query string
 * and nothing of the body.
 */
public final class RequestObservation {
    public static final String MDC_KEY = "requestId";
    /** Requests no route matched (404s, scanners); static files are {@link #STATIC}. */
    public static final String UNMATCHED = "unmatched";
    public static final String STATIC = "static";
    /** A few fixed buckets, the same on every node, so that a p99 sums across nodes. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Logger LOG = LoggerFactory.getLogger("org.dossier.http");

    private final MeterRegistry registry;
    private final TrustedProxies proxies;
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    public RequestObservation(MeterRegistry registry, TrustedProxies proxies) {
        this.registry = registry;
        this.proxies = proxies;
    }

    /** The first before-handler: runs for every request, before anything can refuse it. */
    public void begin(Context ctx) {
        String id = RequestIds.choose(Optional.ofNullable(ctx.header(RequestIds.HEADER)),
                proxies.trustsPeer(ctx.req().getRemoteAddr()));
        ctx.header(RequestIds.HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** The request logger: one line and one sample per request, whatever answered it. */
    public void end(Context ctx, Float millis) {
        try {
            String method = ctx.method().name();
            String route = route(ctx);
            int status = ctx.statusCode();
            timer(method, route, status).record(Duration.ofNanos((long) (millis * 1_000_000L)));
            LOG.info("{} {} {} {} ms", method, route, status, tenths(millis));
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * The timer of one route, method and status, built once: its series are few (route templates,
     * never raw paths), and building it anew on every request cost a measurable share of a page.
     */
    private Timer timer(String method, String route, int status) {
        return timers.computeIfAbsent(method + ' ' + status + ' ' + route, key -> Timer.builder("http.server.requests")
                .description("HTTP requests by route template, method and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
    }

    /** {@code millis} with one decimal, as {@code %.1f} in the root locale writes it, without a formatter. */
    static String tenths(float millis) {
        long tenths = Math.round(millis * 10.0);
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** The matched route's template; static files and unmatched paths each under one label. */
    public static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path;
        }
        String path = ctx.path();
        return path.startsWith("/assets/") || path.startsWith("/webjars/") ? STATIC : UNMATCHED;
    }
}
